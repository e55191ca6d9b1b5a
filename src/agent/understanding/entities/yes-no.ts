import type { Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { PhraseTrie } from "./phrases.ts";
import { keyOf, type Token } from "./text.ts";
import { type LanguageWords, perLanguage, WORDS } from "./words/index.ts";

/**
 * Yes and no, colloquial and per language, but only when the message is an answer: the answer words
 * open the message ("No, I'd rather keep it"), or the message is short, or the agent asked a yes/no
 * question. "I have no idea where my order is" answers nothing. When a customer corrects themselves
 * ("no, yes that's right") the last answer wins.
 */

type Kind = "yes" | "no" | "block" | "filler";

interface Entry {
  kind: Kind;
  /** Counts only at the start of the message or after a yes/no question ("right", "gut", "bien"). */
  weak: boolean;
  /** Also the negation of the verb after it (Spanish and Italian "no", "non"): needs punctuation after. */
  bound: boolean;
}

interface Lexicon {
  trie: PhraseTrie<Entry>;
  negators: Set<string>;
}

/** Six tokens or fewer: "no that's wrong", "ja, mach das bitte". */
const SHORT = 6;

function addAll(trie: PhraseTrie<Entry>, words: LanguageWords): void {
  // Keyed folded: "sì" and "si" are one entry, and whether it is bound is decided on the written accent.
  const bound = new Set(words.boundAnswers.map(keyOf));
  const entry = (kind: Kind, weak: boolean) => (p: string) =>
    trie.add(p, { kind, weak, bound: bound.has(keyOf(p)) });
  words.answerBlockers.forEach(entry("block", false));
  words.no.forEach(entry("no", false));
  words.yes.forEach(entry("yes", false));
  words.weakNo.forEach(entry("no", true));
  words.weakYes.forEach(entry("yes", true));
  words.fillers.forEach(entry("filler", false));
}

// English is mixed into every language's chats ("ok", "yes", "sorry"); the message's own language first.
const lexicon = perLanguage((words, language): Lexicon => {
  const trie = new PhraseTrie<Entry>();
  addAll(trie, words);
  if (language !== "en") addAll(trie, WORDS.en);
  return { trie, negators: new Set([...words.negators, ...WORDS.en.negators]) };
});

interface Hit {
  start: number;
  end: number;
  entry: Entry;
  value?: boolean;
}

function punctuated(gap: string): boolean {
  return /[,.!?;:]/.test(gap);
}

/** "not ok", "nicht gut", "pas bon", "no vale": a negator right before a yes makes it a no. */
function negate(a: Analysis, hits: Hit[], negators: Set<string>): Hit[] {
  const out: Hit[] = [];
  for (const hit of hits) {
    const before = a.tokens[hit.start - 1];
    if (hit.entry.kind === "yes" && before && negators.has(before.norm)) {
      const gap = a.text.slice(before.end, (a.tokens[hit.start] as Token).start);
      if (!punctuated(gap)) {
        const previous = out[out.length - 1];
        if (previous && previous.end === hit.start && previous.start === hit.start - 1) out.pop();
        out.push({
          start: hit.start - 1,
          end: hit.end,
          entry: { kind: "no", weak: hit.entry.weak, bound: false },
        });
        continue;
      }
    }
    out.push(hit);
  }
  return out;
}

export function extractYesNo(a: Analysis): Entity[] {
  const { tokens, text } = a;
  if (tokens.length === 0) return [];
  const { trie, negators } = lexicon(a.language);
  const hits = negate(
    a,
    trie.scan(tokens, text).map((m) => ({ start: m.start, end: m.end, entry: m.value })),
    negators,
  );
  const asked = a.context.expecting === "yes_no";
  const hitAt = new Map(hits.map((h) => [h.start, h]));

  /** What follows a hit: the end, punctuation, or another answer ("Ja hoor, doe maar"). */
  const standsAlone = (hit: Hit): boolean => {
    const next = tokens[hit.end];
    if (!next) return true;
    if (punctuated(text.slice((tokens[hit.end - 1] as Token).end, next.start))) return true;
    const following = hitAt.get(hit.end);
    // "Si no llega...": a following word that is itself a verb's negation does not make this an answer.
    if (!following || following.entry.bound) return false;
    return (
      following.entry.kind === "yes" || following.entry.kind === "no" || following.entry.kind === "filler"
    );
  };
  const boundOk = (hit: Hit): boolean => {
    if (!hit.entry.bound || asked) return true;
    const first = tokens[hit.start] as Token;
    // "Sí" with its accent is only ever the answer.
    return first.text.toLowerCase() !== first.norm || standsAlone(hit);
  };

  // Answers opening the message, possibly after fillers and chained: "Uh, no, yes that's right".
  const chain: Hit[] = [];
  for (let at = 0; at < tokens.length; ) {
    const hit = hitAt.get(at);
    if (!hit || hit.entry.kind === "block") break;
    if (hit.entry.kind !== "filler") {
      if (!boundOk(hit) || (hit.entry.weak && !asked && !standsAlone(hit))) break;
      chain.push(hit);
    }
    at = hit.end;
  }

  let chosen = chain[chain.length - 1];
  if (!chosen && (asked || tokens.length <= SHORT)) {
    const eligible = hits.filter((hit) => {
      if (hit.entry.kind !== "yes" && hit.entry.kind !== "no") return false;
      if (asked) return boundOk(hit);
      // In a short message an answer word further in must close it or be a phrase ("I guess that's fine");
      // "There is no tracking number" is not an answer.
      return (
        !hit.entry.weak &&
        !hit.entry.bound &&
        (hit.end === tokens.length || hit.end - hit.start > 1) &&
        standsAlone(hit)
      );
    });
    chosen = eligible[eligible.length - 1];
  }
  if (!chosen) return [];
  const start = (tokens[chosen.start] as Token).start;
  const end = (tokens[chosen.end - 1] as Token).end;
  return [{ type: "yes_no", value: chosen.entry.kind === "yes", text: text.slice(start, end), start, end }];
}
