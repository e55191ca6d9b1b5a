import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Language } from "../types.ts";
import { extractNumbers, parseDecimal } from "./numbers.ts";
import { run, valuesOf } from "./test-helpers.ts";
import { WORDS } from "./words/index.ts";

function numbers(text: string, language: Language = "en"): number[] {
  return valuesOf(run(extractNumbers, text, { language }), "number");
}

describe("cardinal numbers", () => {
  const cases: Array<[string, Language, number[]]> = [
    ["two", "en", [2]],
    ["I want one", "en", [1]],
    ["twenty-one", "en", [21]],
    ["twenty one", "en", [21]],
    ["ninety nine", "en", [99]],
    ["a hundred", "en", [100]],
    ["zwei", "de", [2]],
    ["zwölf", "de", [12]],
    ["zwoelf", "de", [12]],
    ["einundzwanzig", "de", [21]],
    ["siebenundneunzig", "de", [97]],
    ["dreißig", "de", [30]],
    ["dreissig", "de", [30]],
    ["douze", "fr", [12]],
    ["vingt et un", "fr", [21]],
    ["soixante-dix", "fr", [70]],
    ["soixante et onze", "fr", [71]],
    ["quatre-vingt-dix-neuf", "fr", [99]],
    ["quatre-vingts", "fr", [80]],
    ["septante-deux", "fr", [72]],
    ["veintiuno", "es", [21]],
    ["veintidós", "es", [22]],
    ["treinta y cinco", "es", [35]],
    ["cien", "es", [100]],
    ["ventitré", "it", [23]],
    ["ventuno", "it", [21]],
    ["trentotto", "it", [38]],
    ["novantanove", "it", [99]],
    ["eenentwintig", "nl", [21]],
    ["tweeëntwintig", "nl", [22]],
    ["drieëndertig", "nl", [33]],
    ["één", "nl", [1]],
    ["honderd", "nl", [100]],
    ["2", "en", [2]],
    ["20.50", "en", [20.5]],
    ["20,50", "de", [20.5]],
    ["1,000", "en", [1000]],
    ["1.000", "de", [1000]],
    ["1.234,56", "it", [1234.56]],
    ["I ordered 3 and got 2", "en", [3, 2]],
  ];
  for (const [text, language, expected] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(numbers(text, language), expected));
  }

  const none: Array<[string, Language]> = [
    ["the blue one", "en"],
    ["this one", "en"],
    ["the clicky one", "en"],
    ["un article", "fr"],
    ["een pakket", "nl"],
    ["una camiseta", "es"],
    ["W2378156", "en"],
    ["i7", "en"],
    // Another language's number word is an ordinary word here: "due" in English, "tres" in French.
    ["payment due", "en"],
    ["très bien", "fr"],
  ];
  for (const [text, language] of none) {
    test(`no number: "${text}" (${language})`, () => assert.deepEqual(numbers(text, language), []));
  }

  test("parseDecimal", () => {
    assert.equal(parseDecimal("20.50", "de"), 20.5);
    assert.equal(parseDecimal("1,234.56", "en"), 1234.56);
    assert.equal(parseDecimal("1.234.567", "nl"), 1234567);
    assert.equal(parseDecimal("1,2,3", "en"), undefined);
    assert.equal(parseDecimal("12.", "en"), undefined);
  });

  test("property: every cardinal 0-100 of every language reads back", () => {
    const entries = (Object.keys(WORDS) as Language[]).flatMap((language) =>
      WORDS[language].cardinals
        .filter(([p]) => !WORDS[language].articleNumbers.includes(p))
        .map(([p, n]) => [language, p, n] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...entries), ([language, phrase, n]) => {
        assert.deepEqual(numbers(phrase, language), [n]);
      }),
      { numRuns: 500 },
    );
  });

  test("property: integers written with digits read back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        assert.deepEqual(numbers(`about ${n} of them`), [n]);
      }),
      { numRuns: 200 },
    );
  });
});
