import type { Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { PhraseTrie } from "./phrases.ts";
import { fold, type Token } from "./text.ts";
import { perLanguage, WORDS } from "./words/index.ts";

/**
 * Ordinals: which one of a list ("the second one", "2nd", "zweiten", "deuxième", "segunda", "tweede"),
 * and "last" as -1, "second to last" as -2. Phrases that only look ordinal ("first name", "last week",
 * "secondo me") are not.
 */

type Entry = { ordinal: number } | { blocked: true };

const trie = perLanguage((words, language) => {
  const t = new PhraseTrie<Entry>();
  for (const p of words.ordinalBlockers) t.add(p, { blocked: true });
  for (const [p, n] of words.ordinals) t.add(p, { ordinal: n });
  if (language !== "en") {
    for (const p of WORDS.en.ordinalBlockers) t.add(p, { blocked: true });
  }
  return t;
});

const suffixes = perLanguage(
  (words) => new Set([...words.ordinalSuffixes, ...WORDS.en.ordinalSuffixes].map(fold)),
);

const GERMAN_ARTICLES = new Set(["der", "die", "das", "den", "dem", "des"]);

/** "2nd", "3e", "1º", "2ème": digits with an ordinal ending glued on. */
function digitOrdinal(a: Analysis, i: number): { end: number; value: number } | undefined {
  const token = a.tokens[i] as Token;
  if (!token.num || token.text.length > 3) return undefined;
  const previous = a.tokens[i - 1];
  if (previous && previous.end === token.start && !previous.num) return undefined;
  const next = a.tokens[i + 1];
  const value = Number(token.text);
  if (value < 1) return undefined;
  if (next && next.start === token.end && suffixes(a.language).has(next.norm)) {
    const after = a.tokens[i + 2];
    if (after && after.start === next.end) return undefined;
    return { end: i + 2, value };
  }
  // German writes ordinals with a dot: "die 2." (but "3.12." is a date and "2.5" a number).
  if (a.language === "de" && previous && GERMAN_ARTICLES.has(previous.norm) && a.text[token.end] === ".") {
    if (!/^\.\s*\d/.test(a.text.slice(token.end))) return { end: i + 1, value };
  }
  return undefined;
}

export function extractOrdinals(a: Analysis): Entity[] {
  const out: Entity[] = [];
  const { tokens, text } = a;
  for (let i = 0; i < tokens.length; i++) {
    const found = trie(a.language).match(tokens, i, text);
    if (found) {
      if (!("blocked" in found.value)) out.push(span(a, i, found.end, found.value.ordinal));
      i = found.end - 1;
      continue;
    }
    const digits = digitOrdinal(a, i);
    if (digits) {
      out.push(span(a, i, digits.end, digits.value));
      i = digits.end - 1;
    }
  }
  return out;
}

function span(a: Analysis, from: number, to: number, value: number): Entity {
  let last = to;
  // "the second one": "one" belongs to the ordinal, it is not the number 1.
  if (a.language === "en" && a.tokens[last]?.norm === "one") last++;
  const start = (a.tokens[from] as Token).start;
  const end = (a.tokens[last - 1] as Token).end;
  return { type: "ordinal", value, text: a.text.slice(start, end), start, end };
}
