import type { Entity, Language } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { type PhraseMatch, PhraseTrie } from "./phrases.ts";
import { fold, type Token } from "./text.ts";
import { allLanguages, once, perLanguage } from "./words/index.ts";

/**
 * Cardinal numbers 0..100 written as words, in the message's language. Other languages' number words are
 * read only inside digit strings (digits.ts): "due" and "once" are English words, "tres" is French.
 */

const cardinalTrie = perLanguage((words) => new PhraseTrie(words.cardinals));
const articleWords = perLanguage((words) => new Set(words.articleNumbers.map(fold)));

/** A cardinal word or phrase at token `i` in `language`, not counting articles ("un", "een") as one. */
export function cardinalAt(
  tokens: readonly Token[],
  i: number,
  text: string,
  language: Language,
): PhraseMatch<number> | undefined {
  const found = cardinalTrie(language).match(tokens, i, text);
  if (!found) return undefined;
  const first = tokens[i] as Token;
  // "één" with its accents is a number; "een" without is the article.
  if (
    found.end === i + 1 &&
    articleWords(language).has(first.norm) &&
    first.text.toLowerCase() === first.norm
  ) {
    return undefined;
  }
  return found;
}

/** Whether a cardinal of `language` may start with this folded word (a cheap test before matching). */
export function startsCardinal(word: string, language: Language): boolean {
  return cardinalTrie(language).starts(word);
}

/** Any language's cardinal, for digit strings read aloud in whatever language the caller mixes in. */
export const anyCardinalTrie = once(
  () => new PhraseTrie<number>([...allLanguages((w) => w.cardinals), ...allLanguages((w) => w.digitWords)]),
);

/** A number written with digits: "20", "20.50", "20,50", "1,234.56", "1.234,56". */
export function parseDecimal(raw: string, language: Language): number | undefined {
  const s = raw.replace(/[\s\u00a0']/g, "");
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return undefined;
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let decimalSep: "." | "," | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimalSep = lastDot > lastComma ? "." : ",";
  else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    const after = s.length - s.lastIndexOf(sep) - 1;
    const groups = s.split(sep);
    // Three digits after a single kind of separator group thousands ("1,000", "1.000"); anything else is
    // a decimal part. English groups with commas, the continental languages with dots.
    const grouping = after === 3 && groups.slice(1).every((g) => g.length === 3);
    if (grouping && ((sep === "," && language === "en") || (sep === "." && language !== "en")))
      decimalSep = undefined;
    else if (groups.length > 2) return undefined;
    else decimalSep = sep;
  }
  const thousands = decimalSep === "." ? "," : decimalSep === "," ? "." : /[.,]/;
  const [whole, fraction] = decimalSep ? splitLast(s, decimalSep) : [s, undefined];
  const wholeDigits = whole.split(thousands).join("");
  if (!/^\d+$/.test(wholeDigits)) return undefined;
  const value = Number(fraction === undefined ? wholeDigits : `${wholeDigits}.${fraction}`);
  return Number.isFinite(value) ? value : undefined;
}

function splitLast(s: string, sep: string): [string, string] {
  const at = s.lastIndexOf(sep);
  return [s.slice(0, at), s.slice(at + 1)];
}

/**
 * English "one" is mostly a pronoun ("the blue one", "this one", "the clicky one"). It counts as the
 * number 1 at the start of a clause or after words that count things ("I want one", "only one").
 */
const ONE_COUNTS_AFTER = new Set([
  "want",
  "need",
  "have",
  "has",
  "had",
  "got",
  "get",
  "buy",
  "bought",
  "order",
  "ordered",
  "received",
  "receive",
  "return",
  "exchange",
  "keep",
  "add",
  "remove",
  "take",
  "only",
  "just",
  "and",
  "or",
  "than",
  "for",
  "of",
  "to",
  "at",
  "about",
  "is",
  "are",
  "was",
  "were",
  "be",
  "send",
  "sent",
  "cancel",
  "exactly",
  "least",
  "most",
  "number",
  "by",
  "plus",
  "minus",
  "times",
]);

function oneIsPronoun(a: Analysis, i: number): boolean {
  const previous = a.tokens[i - 1];
  if (!previous || previous.num) return false;
  if (/[,.;:!?()]/.test(a.text.slice(previous.end, (a.tokens[i] as Token).start))) return false;
  return !ONE_COUNTS_AFTER.has(previous.norm);
}

// Digits as written, with a decimal or grouping separator: "20", "20.50", "1,000", "1.234,56". Not glued to
// letters before ("W2378156", "i7") or to more digits.
const WRITTEN = /(?<![\p{L}\p{N}]|[\p{N}][.,])\d+(?:[.,]\d+)*(?![\p{N}]|[.,]\d)/gu;

export function extractNumbers(a: Analysis): Entity[] {
  const out: Entity[] = [];
  for (const m of a.text.matchAll(WRITTEN)) {
    const value = parseDecimal(m[0], a.language);
    if (value === undefined) continue;
    out.push({ type: "number", value, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  const { tokens, text } = a;
  for (let i = 0; i < tokens.length; i++) {
    const found = cardinalAt(tokens, i, text, a.language);
    if (!found) continue;
    const first = tokens[i] as Token;
    if (found.end === i + 1 && first.norm === "one" && oneIsPronoun(a, i)) continue;
    const last = tokens[found.end - 1] as Token;
    out.push({
      type: "number",
      value: found.value,
      text: text.slice(first.start, last.end),
      start: first.start,
      end: last.end,
    });
    i = found.end - 1;
  }
  return out;
}
