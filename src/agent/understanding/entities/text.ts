/**
 * Folding and tokenising shared by every extractor. Tokens keep their offsets in the original message, so
 * whatever an extractor finds on folded words is reported as a span of what the customer actually wrote.
 */

/** Lower case without diacritics, so "funf", "deuxieme" and "ultimo" typed without accents still match. */
export function fold(text: string): string {
  // Most words are plain ASCII: lower-casing is all they need, and it is ten times cheaper.
  if (!/[^\p{ASCII}]/u.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae");
}

export interface Token {
  /** As written. */
  text: string;
  /** Folded: what word lists are keyed on. */
  norm: string;
  start: number;
  end: number;
  /** A run of ASCII digits. */
  num: boolean;
}

// Letters and digits are separate tokens ("W2378156" -> "W", "2378156"; "2nd" -> "2", "nd"; "1000ml" ->
// "1000", "ml"), so order numbers, ordinals and sizes read the same whether or not a space was typed.
// Apostrophes and hyphens split too ("I'm" -> "I", "m"; "d'accord" -> "d", "accord").
const TOKEN = /[\p{L}\p{M}]+|[0-9]+/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index;
    tokens.push({
      text: raw,
      norm: fold(raw),
      start,
      end: start + raw.length,
      num: raw.charCodeAt(0) < 128 && /^[0-9]/.test(raw),
    });
  }
  return tokens;
}

/** Folded tokens of a word-list phrase, the form the trie compares. */
export function phraseKey(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.norm);
}

// A phrase ("no thanks", "end of the month") may span spaces, hyphens, apostrophes and commas, but not the
// end of a sentence: "No. Thanks for..." is two things.
const SENTENCE_BREAK = /[.!?;:\n]/;

export function crossesSentence(gap: string): boolean {
  return SENTENCE_BREAK.test(gap);
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Strips a value into a canonical map key: folded, single spaces. */
export function keyOf(text: string): string {
  return phraseKey(text).join(" ");
}
