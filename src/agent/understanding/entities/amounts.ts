import type { Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { cardinalAt, parseDecimal } from "./numbers.ts";
import { PhraseTrie } from "./phrases.ts";
import type { Token } from "./text.ts";
import { allLanguages, type Currency, once } from "./words/index.ts";

/**
 * Sums of money: "$50", "50 bucks", "€20,50", "20,50 €", "20.50 euros", "£12", "EUR 20", "€ 20,-",
 * "fifty euros", "cinquanta euro", "vijftig euro". The amount is in major units (20.5).
 */

const SYMBOLS: Record<string, Currency> = { $: "USD", US$: "USD", "€": "EUR", "£": "GBP" };
const CODES: Record<string, Currency> = { usd: "USD", eur: "EUR", gbp: "GBP" };

const CURRENCY_WORDS = once(() => new PhraseTrie(allLanguages((w) => w.currencies)));

// Digits with an optional decimal part and thousands groups; Dutch and German write whole euros as "20,-".
const NUMBER = String.raw`(?:\d{1,3}(?:[.,' \u00a0]\d{3})+|\d+)(?:[.,]\d{1,2})?(?:,[-–])?`;
const SYMBOL_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(US\$|\$|€|£|(?:USD|EUR|GBP)(?![\p{L}]))[ \u00a0]?(${NUMBER})(?![\p{N}]|[.,]\d)`,
  "giu",
);
const DIGITS = new RegExp(String.raw`(?<![\p{L}\p{N}.,])(${NUMBER})(?![\p{N}]|[.,]\d)`, "gu");
const SYMBOL_AFTER = /^[ \u00a0]?(\$|€|£)/;

function parse(raw: string, a: Analysis): number | undefined {
  const cleaned = raw.replace(/,[-–]$/, "").replace(/[ \u00a0']/g, "");
  return parseDecimal(cleaned, a.language);
}

/** The token index at or after a character offset. */
function tokenFrom(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A currency word or code right after token index `i`, separated by spaces only. */
function currencyWordAt(
  a: Analysis,
  i: number,
  after: number,
): { end: number; currency: Currency } | undefined {
  const token = a.tokens[i];
  if (!token || !/^[ \u00a0]*$/.test(a.text.slice(after, token.start))) return undefined;
  const found = CURRENCY_WORDS().match(a.tokens, i, a.text);
  if (!found) return undefined;
  // "50 eurosomething" is not a currency; the word must end there.
  const last = a.tokens[found.end - 1] as Token;
  return { end: last.end, currency: found.value };
}

function entity(a: Analysis, start: number, end: number, amount: number, currency: Currency): Entity {
  return { type: "amount", value: { amount, currency }, text: a.text.slice(start, end), start, end };
}

export function extractAmounts(a: Analysis): Entity[] {
  const out: Entity[] = [];
  const { text, tokens } = a;
  for (const m of text.matchAll(SYMBOL_BEFORE)) {
    const symbol = m[1] as string;
    const currency = SYMBOLS[symbol] ?? CODES[symbol.toLowerCase()];
    const amount = parse(m[2] as string, a);
    if (currency && amount !== undefined)
      out.push(entity(a, m.index, m.index + m[0].length, amount, currency));
  }
  const covered = (start: number, end: number) => out.some((e) => start < e.end && e.start < end);
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index;
    let end = start + m[0].length;
    if (covered(start, end)) continue;
    const amount = parse(m[1] as string, a);
    if (amount === undefined) continue;
    const symbol = SYMBOL_AFTER.exec(text.slice(end));
    let currency: Currency | undefined;
    if (symbol) {
      currency = SYMBOLS[symbol[1] as string];
      end += symbol[0].length;
    } else {
      const word = currencyWordAt(a, tokenFrom(tokens, end), end);
      if (word) {
        currency = word.currency;
        end = word.end;
      }
    }
    if (currency) out.push(entity(a, start, end, amount, currency));
  }
  // Number words: "fifty euros", "zwanzig Euro", "vingt euros", "veinte euros", "cinquanta euro".
  for (let i = 0; i < tokens.length; i++) {
    const number = cardinalAt(tokens, i, text, a.language);
    if (!number) continue;
    const last = tokens[number.end - 1] as Token;
    const word = currencyWordAt(a, number.end, last.end);
    const start = (tokens[i] as Token).start;
    if (word && !covered(start, word.end)) out.push(entity(a, start, word.end, number.value, word.currency));
    i = number.end - 1;
  }
  return out;
}
