import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { Country, Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { digitRuns } from "./digits.ts";
import { phraseSet } from "./phrases.ts";
import type { Token } from "./text.ts";
import { allLanguages, once } from "./words/index.ts";

/**
 * Phone numbers in E.164: international ("+44 7700 900123", "0044 ..."), national for the customer's
 * market (default US), and read aloud ("oh seven seven double oh nine..."). Numbers are accepted when
 * their length is possible for the country, not only when the range is allocated: customers and test data
 * use fictional ranges (07700 900xxx, 555-01xx).
 */

/** National numbers shorter than this are order numbers, postcodes or amounts, not phones. */
const MIN_NATIONAL_DIGITS = 9;

const CANDIDATE = /(?:\+|\b00)?[ \t]?\(?\d[\d \t()./-]{5,22}\d/g;

export function toE164(raw: string, country: Country | undefined, strict = false): string | undefined {
  let s = raw.replace(/[^\d+]/g, "");
  if (s.startsWith("00")) s = `+${s.slice(2)}`;
  if (s.lastIndexOf("+") > 0) return undefined;
  const digits = s.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return undefined;
  const international = s.startsWith("+");
  if (!international && digits.length < MIN_NATIONAL_DIGITS) return undefined;
  const parsed = international
    ? parsePhoneNumberFromString(s)
    : parsePhoneNumberFromString(s, country ?? "US");
  if (!parsed?.isPossible() || (strict && !parsed.isValid())) return undefined;
  return parsed.number;
}

/**
 * Whitespace-separated groups of one candidate, tried longest first, so "19122 2155550199" yields the phone.
 * A part of the candidate must be a valid number, not only a possible one: three groups of a card number
 * ("4111 1111 1111 1111") have a phone's length.
 */
function bestSplit(
  text: string,
  start: number,
  end: number,
  country: Country | undefined,
): { start: number; end: number; value: string } | undefined {
  const groups = [...text.slice(start, end).matchAll(/[^ \t]+/g)].map((m) => ({
    start: start + m.index,
    end: start + m.index + m[0].length,
  }));
  for (let size = groups.length; size >= 1; size--) {
    for (let from = 0; from + size <= groups.length; from++) {
      const first = groups[from] as { start: number };
      const last = groups[from + size - 1] as { end: number };
      const s = first.start;
      const e = last.end;
      const value = toE164(text.slice(s, e), country, size < groups.length);
      if (value) return { start: s, end: e, value };
    }
  }
  return undefined;
}

function typed(a: Analysis): Entity[] {
  const out: Entity[] = [];
  const { text } = a;
  for (const match of text.matchAll(CANDIDATE)) {
    let start = match.index;
    const end = start + match[0].length;
    while (text[start] === " " || text[start] === "\t") start++;
    // Part of a longer code ("W2378156", "SKU12345678901"): not a phone.
    if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? "") || /[\p{L}\p{N}]/u.test(text[end] ?? "")) continue;
    const found = bestSplit(text, start, end, a.context.country);
    if (found) {
      out.push({
        type: "phone",
        value: found.value,
        text: text.slice(found.start, found.end),
        start: found.start,
        end: found.end,
      });
    }
  }
  return out;
}

const PLUS_WORDS = once(() => phraseSet(allLanguages((w) => w.plus)));

function spoken(a: Analysis): Entity[] {
  const out: Entity[] = [];
  for (const run of digitRuns(a)) {
    if (!run.spoken || run.digits.length < 7) continue;
    let start = run.start;
    let plus = false;
    if (/\+\s*$/.test(a.text.slice(Math.max(0, run.start - 2), run.start))) {
      plus = true;
      start = a.text.lastIndexOf("+", run.start);
    } else {
      for (let from = Math.max(0, run.tokenStart - 2); from < run.tokenStart; from++) {
        if (PLUS_WORDS().match(a.tokens, from, a.text)?.end === run.tokenStart) {
          plus = true;
          start = (a.tokens[from] as Token).start;
          break;
        }
      }
    }
    const value = toE164(`${plus ? "+" : ""}${run.digits}`, a.context.country);
    if (value) out.push({ type: "phone", value, text: a.text.slice(start, run.end), start, end: run.end });
  }
  return out;
}

export function extractPhones(a: Analysis): Entity[] {
  return [...typed(a), ...spoken(a)];
}
