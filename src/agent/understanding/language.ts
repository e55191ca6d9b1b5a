import { eld } from "eld/large";
import { LANGUAGES, type Language } from "./types.ts";

/**
 * Which of the agent's languages a message is in. eld is accurate on sentences but guesses on one or
 * two words ("ja" is Estonian to it), so short messages are read with marker words, and an ongoing
 * conversation only switches language on a message long enough to be sure about.
 */

/** Words that are common in one supported language and rare in the others. */
const MARKERS: Record<Language, string[]> = {
  en: [
    "the",
    "my",
    "is",
    "where",
    "what",
    "yes",
    "thanks",
    "thank",
    "please",
    "hello",
    "hi",
    "want",
    "order",
    "return",
    "cancel",
    "bye",
    "yeah",
    "nope",
    "how",
    "when",
  ],
  de: [
    "ich",
    "meine",
    "mein",
    "nicht",
    "bestellung",
    "danke",
    "bitte",
    "hallo",
    "wo",
    "ist",
    "möchte",
    "nein",
    "paket",
    "rücksendung",
    "stornieren",
    "tschüss",
    "genau",
    "und",
  ],
  fr: [
    "je",
    "ma",
    "mon",
    "mes",
    "commande",
    "merci",
    "oui",
    "bonjour",
    "où",
    "est",
    "voudrais",
    "veux",
    "colis",
    "annuler",
    "rembourser",
    "au",
    "revoir",
    "pas",
    "d'accord",
  ],
  es: [
    "mi",
    "pedido",
    "gracias",
    "quiero",
    "hola",
    "dónde",
    "donde",
    "está",
    "esta",
    "sí",
    "devolver",
    "cancelar",
    "vale",
    "adiós",
    "por",
    "favor",
    "reembolso",
  ],
  it: [
    "il",
    "mio",
    "ordine",
    "grazie",
    "vorrei",
    "ciao",
    "dov'è",
    "dove",
    "sì",
    "reso",
    "annullare",
    "rimborso",
    "buongiorno",
    "arrivederci",
    "per",
    "favore",
    "non",
  ],
  nl: [
    "ik",
    "mijn",
    "bestelling",
    "bedankt",
    "dank",
    "wil",
    "hoi",
    "waar",
    "is",
    "niet",
    "retourneren",
    "annuleren",
    "pakket",
    "graag",
    "doei",
    "nee",
    "alsjeblieft",
  ],
};

const MARKER_INDEX = new Map<string, Language[]>();
for (const language of LANGUAGES) {
  for (const word of MARKERS[language]) MARKER_INDEX.set(word, [...(MARKER_INDEX.get(word) ?? []), language]);
}

/** A message needs this many words before it may switch an ongoing conversation's language. */
const SWITCH_MIN_WORDS = 4;
/** eld's score lead a new language needs over the current one to switch (scores are 0..1). */
const SWITCH_MARGIN = 0.1;

eld.setLanguageSubset([...LANGUAGES]);

/**
 * The words that carry language: emails, web addresses, order numbers and anything with a digit say
 * nothing about it ("marie.fischer617@example.com" is not French).
 */
function words(text: string): string[] {
  const stripped = text
    .toLowerCase()
    .replace(/\S+@\S+/g, " ")
    .replace(/\b(https?:\/\/|www\.)\S+/g, " ")
    .replace(/\S*\d\S*/g, " ");
  return stripped.match(/[\p{L}']+/gu) ?? [];
}

function markerVotes(tokens: string[], allowed: readonly Language[]): Map<Language, number> {
  const votes = new Map<Language, number>();
  for (const token of tokens) {
    for (const language of MARKER_INDEX.get(token) ?? []) {
      if (allowed.includes(language)) votes.set(language, (votes.get(language) ?? 0) + 1);
    }
  }
  return votes;
}

function eldScores(text: string, allowed: readonly Language[]): Map<Language, number> {
  const scores = new Map<Language, number>();
  const result = eld.detect(text);
  const all = (result.getScores?.() ?? {}) as Record<string, number>;
  for (const language of allowed)
    if (all[language] !== undefined) scores.set(language, all[language] as number);
  return scores;
}

function best(scores: Map<Language, number>): [Language, number] | undefined {
  let top: [Language, number] | undefined;
  for (const entry of scores) if (!top || entry[1] > top[1]) top = entry;
  return top;
}

export interface LanguageDecision {
  language: Language;
  /** 0..1: how sure the detection was (1 when the conversation's language was simply kept). */
  confidence: number;
  switched: boolean;
}

export function detectLanguage(
  text: string,
  options: { allowed: readonly Language[]; current?: Language | undefined },
): LanguageDecision {
  const allowed = options.allowed.length > 0 ? options.allowed : LANGUAGES;
  const fallback = options.current ?? (allowed[0] as Language);
  if (allowed.length === 1) return { language: allowed[0] as Language, confidence: 1, switched: false };
  const tokens = words(text);
  if (tokens.length === 0) return { language: fallback, confidence: 1, switched: false };

  const votes = markerVotes(tokens, allowed);
  if (options.current) {
    if (tokens.length < SWITCH_MIN_WORDS)
      return { language: options.current, confidence: 1, switched: false };
    const scores = eldScores(text, allowed);
    for (const [language, n] of votes) scores.set(language, (scores.get(language) ?? 0) + 0.02 * n);
    const top = best(scores);
    const current = scores.get(options.current) ?? 0;
    if (top && top[0] !== options.current && top[1] - current >= SWITCH_MARGIN) {
      return { language: top[0], confidence: top[1], switched: true };
    }
    return { language: options.current, confidence: 1, switched: false };
  }

  if (tokens.length < SWITCH_MIN_WORDS && votes.size > 0) {
    const top = best(votes);
    const tied = [...votes.values()].filter((v) => v === top?.[1]).length > 1;
    if (top && !tied) return { language: top[0], confidence: 0.7, switched: false };
  }
  const scores = eldScores(text, allowed);
  for (const [language, n] of votes) scores.set(language, (scores.get(language) ?? 0) + 0.02 * n);
  const top = best(scores);
  return top
    ? { language: top[0], confidence: top[1], switched: false }
    : { language: fallback, confidence: 0, switched: false };
}
