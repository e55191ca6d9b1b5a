/**
 * Folding and tokenising for the sentiment scorer. The lexicons' keys go through the same functions as the
 * customer's text, so "ras-le-bol", "Unverschämtheit" and "un po'" are written naturally in the lexicon
 * and still match "ras le bol", "unverschamtheit" and "un po".
 */

export interface Token {
  /** Lower case, diacritics removed: what the lexicons are keyed on. */
  folded: string;
  /** Written entirely in capitals ("UNACCEPTABLE"): shouting, which strengthens negative words. */
  caps: boolean;
  /** Sentence or clause punctuation: negation and intensifiers stop here. */
  boundary: boolean;
}

/** Lower case without diacritics, so customers who type without accents still match ("decu" = "déçu"). */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae");
}

// Words are runs of letters and digits; apostrophes and hyphens split ("n'importe" -> "n importe",
// "don't" -> "don t"), which keeps French and Italian elisions and English contractions predictable.
const TOKEN = /[\p{L}\p{N}]+|[.,;:!?¡¿()\n]+/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const boundary = !/[\p{L}\p{N}]/u.test(raw);
    // Two letters at least, so "I" and "A" are not shouting; digits (order numbers) never are.
    const caps = !boundary && /^\p{Lu}{2,}$/u.test(raw);
    tokens.push({ folded: boundary ? raw : fold(raw), caps, boundary });
  }
  return tokens;
}

/** A lexicon key in the form the matcher compares: folded words joined by single spaces. */
export function keyOf(phrase: string): string {
  return tokenize(phrase)
    .filter((t) => !t.boundary)
    .map((t) => t.folded)
    .join(" ");
}
