import fc from "fast-check";
import { isCardNumber, luhnValid } from "./cards.ts";
import { IBAN_LENGTHS, ibanRemainder } from "./iban.ts";
import type { SpokenDigitFinder, SpokenDigits } from "./types.ts";

/** Shared by the redaction tests: generated cards and IBANs as customers write them, and noise. */

/** Completes digits with the Luhn check digit. */
export function withLuhn(partial: string): string {
  const check = [...Array(10).keys()].find((d) => luhnValid(`${partial}${d}`)) as number;
  return `${partial}${check}`;
}

/** A Luhn-valid card number, 13 to 19 digits, starting 2 to 6. */
export const cardNumber: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 2, max: 6 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }),
  )
  .map(([first, body]) => withLuhn(`${first}${body.join("")}`))
  .filter(isCardNumber);

/** Digits cut into groups of the given sizes (used in turn) and joined by `separator`. */
export function group(digits: string, sizes: readonly number[], separator: string): string {
  const groups: string[] = [];
  for (let at = 0, k = 0; at < digits.length; k++) {
    const size = sizes[k % sizes.length] as number;
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  return groups.join(separator);
}

/** Any grouping: solid, in fours, or in groups of any size, by spaces, dashes or dots. */
export const grouping: fc.Arbitrary<{ sizes: readonly number[]; separator: string }> = fc.record({
  sizes: fc.oneof(
    fc.constant<readonly number[]>([4]),
    fc.constant<readonly number[]>([19]),
    fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
  ),
  separator: fc.constantFrom(" ", "-", ".", " - "),
});

export function ibanOf(country: string, bban: string): string {
  const check = 98 - ibanRemainder(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, "0")}${bban}`;
}

/** A valid IBAN of any listed country, with a BBAN of digits and capital letters. */
export const iban: fc.Arbitrary<string> = fc.constantFrom(...Object.keys(IBAN_LENGTHS)).chain((country) =>
  fc
    .array(fc.constantFrom(..."0123456789012345678901234567890123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), {
      minLength: (IBAN_LENGTHS[country] as number) - 4,
      maxLength: (IBAN_LENGTHS[country] as number) - 4,
    })
    .map((chars) => ibanOf(country, chars.join(""))),
);

/** How customers write an IBAN: solid or in fours, upper or lower case. */
export function writeIban(compact: string, spaced: boolean, lower: boolean): string {
  const text = spaced ? group(compact, [4], " ") : compact;
  return lower ? text.toLowerCase() : text;
}

/** Random text around the number: any characters, emoji and accents included. */
export const noise: fc.Arbitrary<string> = fc.string({ unit: "grapheme", maxLength: 20 });

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const SPOKEN =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine)(?:[ ,]+(?:zero|one|two|three|four|five|six|seven|eight|nine))*\b/gi;

/**
 * A stand-in for the agent's finder (compliance tests must not import the agent): English digit words in a
 * row, one span per row. The real finder is tested with redact in the agent's spoken-digits.test.ts.
 */
export const englishDigitWords: SpokenDigitFinder = (text) => {
  const out: SpokenDigits[] = [];
  for (const m of text.matchAll(SPOKEN)) {
    const digits = m[0]
      .toLowerCase()
      .split(/[ ,]+/)
      .map((w) => WORDS.indexOf(w))
      .join("");
    out.push({ start: m.index, end: m.index + m[0].length, digits });
  }
  return out;
};

/** The digit words of a number, "4242" -> "four two four two". */
export function say(digits: string): string {
  return [...digits].map((d) => WORDS[Number(d)]).join(" ");
}
