/**
 * Turns a message into units for the scorer: each lexicon phrase or word found (longest first), with its
 * role: sentiment, negator, modifier, contrast ("but"), boundary (punctuation) or plain.
 */
import type { Language } from "../types.ts";
import { LEXICONS } from "./lexicon/index.ts";
import type { LanguageLexicon } from "./lexicon/types.ts";
import { fold, keyOf, type Token, tokenize } from "./text.ts";

export interface Entry {
  weight?: number;
  negator?: number;
  modifier?: number;
  contrast?: true;
  /** The phrase carries its own negation ("no problem", "werkt niet"): another negator must not flip it. */
  fixed?: true;
}

interface Compiled {
  entries: Map<string, Entry>;
  longest: number;
  endings: Array<[string, string]>;
  prefixes: Array<[string, number]>;
}

export type Role = "sentiment" | "negator" | "modifier" | "contrast" | "boundary" | "plain";

export interface Unit {
  role: Role;
  entry: Entry | undefined;
  caps: boolean;
}

const compiled = new Map<Language, Compiled>();

function compile(lexicon: LanguageLexicon): Compiled {
  const entries = new Map<string, Entry>();
  const add = (phrase: string, part: Entry) => {
    const key = keyOf(phrase);
    if (key !== "") entries.set(key, { ...entries.get(key), ...part });
  };
  for (const [phrase, negator] of Object.entries(lexicon.negators)) add(phrase, { negator });
  for (const [phrase, modifier] of Object.entries(lexicon.modifiers)) add(phrase, { modifier });
  for (const phrase of lexicon.contrasts) add(phrase, { contrast: true });
  const negatorWords = new Set([...entries.entries()].filter(([, e]) => e.negator).map(([k]) => k));
  for (const [phrase, weight] of Object.entries(lexicon.weights)) {
    const words = keyOf(phrase).split(" ");
    const fixed = words.length > 1 && words.some((w) => negatorWords.has(w));
    add(phrase, fixed ? { weight, fixed: true } : { weight });
  }
  let longest = 1;
  for (const key of entries.keys()) longest = Math.max(longest, key.split(" ").length);
  const endings = lexicon.endings.map(([end, replacement]): [string, string] => [
    fold(end),
    fold(replacement),
  ]);
  const prefixes = Object.entries(lexicon.prefixes).map(([p, f]): [string, number] => [fold(p), f]);
  return { entries, longest, endings, prefixes };
}

function lexiconFor(language: Language): Compiled {
  let found = compiled.get(language);
  if (!found) {
    found = compile(LEXICONS[language]);
    compiled.set(language, found);
  }
  return found;
}

/** A single word missing from the lexicon may be an inflection of one in it ("schlechte" -> "schlecht"). */
function byEnding(word: string, lex: Compiled): number | undefined {
  for (const [ending, replacement] of lex.endings) {
    if (!word.endsWith(ending) || word.length - ending.length < 3) continue;
    const weight = lex.entries.get(word.slice(0, word.length - ending.length) + replacement)?.weight;
    if (weight) return weight;
  }
  return undefined;
}

/** An unknown word: an inflection, or an intensified compound ("superblij" = "super" + "blij"). */
function unknownWord(word: string, lex: Compiled): Entry | undefined {
  const inflected = byEnding(word, lex);
  if (inflected !== undefined) return { weight: inflected };
  for (const [prefix, factor] of lex.prefixes) {
    const rest = word.slice(prefix.length);
    if (!word.startsWith(prefix) || rest.length < 3) continue;
    const weight = lex.entries.get(rest)?.weight || byEnding(rest, lex);
    if (weight) return { weight: weight * factor };
  }
  return undefined;
}

/** Phrases before words: the longest lexicon key starting at each position wins. */
function segment(tokens: Token[], lex: Compiled): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (first.boundary) {
      units.push({ role: "boundary", entry: undefined, caps: false });
      i += 1;
      continue;
    }
    let matched = 0;
    let entry: Entry | undefined;
    let key = "";
    for (let n = 1; n <= lex.longest && i + n <= tokens.length; n++) {
      const next = tokens[i + n - 1] as Token;
      if (next.boundary) break;
      key = n === 1 ? next.folded : `${key} ${next.folded}`;
      const found = lex.entries.get(key);
      if (found) {
        matched = n;
        entry = found;
      }
    }
    if (matched === 0) {
      matched = 1;
      entry = unknownWord(first.folded, lex);
    }
    const span = tokens.slice(i, i + matched);
    units.push({ role: roleOf(entry), entry, caps: span.every((t) => t.caps) });
    i += matched;
  }
  return units;
}

function roleOf(entry: Entry | undefined): Role {
  if (!entry) return "plain";
  if (entry.negator !== undefined) return "negator";
  if (entry.contrast) return "contrast";
  // A word that is both ("super", "erg") is settled later, from what follows it.
  if (entry.modifier !== undefined) return "modifier";
  if (entry.weight !== undefined && entry.weight !== 0) return "sentiment";
  return "plain";
}

/** The message's tokens (for shouting) and units (for scoring). */
export function analyse(text: string, language: Language): { tokens: Token[]; units: Unit[] } {
  const tokens = tokenize(text);
  return { tokens, units: segment(tokens, lexiconFor(language)) };
}
