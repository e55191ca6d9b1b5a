import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Language } from "../types.ts";
import { analyse } from "./analysis.ts";
import { digitRuns, exactPrefix } from "./digits.ts";
import { ctx } from "./test-helpers.ts";

function runs(text: string, language: Language = "en"): string[] {
  return digitRuns(analyse(text, ctx({ language }))).map((r) => r.digits);
}

const SPOKEN: Record<Language, string[]> = {
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
  de: ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
  fr: ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
  es: ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
  it: ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
  nl: ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
};

describe("digit strings", () => {
  const cases: Array<[string, Language, string[]]> = [
    ["2378156", "en", ["2378156"]],
    ["237 81 56", "en", ["2378156"]],
    ["237-8156", "en", ["2378156"]],
    ["237.81.56", "en", ["2378156"]],
    ["two three seven eight one five six", "en", ["2378156"]],
    ["two, three, seven, eight", "en", ["2378"]],
    ["oh seven seven double oh nine", "en", ["077009"]],
    ["triple seven two", "en", ["7772"]],
    ["treble five", "en", ["555"]],
    ["double 5 two", "en", ["552"]],
    ["seven eighty-one fifty-six", "en", ["78156"]],
    ["seven eighty one fifty six", "en", ["78156"]],
    ["zwei drei sieben acht eins fünf sechs", "de", ["2378156"]],
    ["zwo drei doppel fünf", "de", ["2355"]],
    ["null eins fuenf eins", "de", ["0151"]],
    ["deux trois sept huit un cinq six", "fr", ["2378156"]],
    ["double cinq trois", "fr", ["553"]],
    ["quatre-vingt-un soixante-dix", "fr", ["8170"]],
    ["dos tres siete ocho uno cinco seis", "es", ["2378156"]],
    ["doble cinco tres", "es", ["553"]],
    ["due tre sette otto uno cinque sei", "it", ["2378156"]],
    ["doppio cinque tre", "it", ["553"]],
    ["twee drie zeven acht een vijf zes", "nl", ["2378156"]],
    ["dubbel vijf drie", "nl", ["553"]],
    // Callers mix languages: the digit words of all six are read whatever the message's language.
    ["zwei drei sieben acht eins fünf sechs", "en", ["2378156"]],
    ["two tre sieben", "fr", ["237"]],
  ];
  for (const [text, language, expected] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(runs(text, language), expected));
  }

  test("a lone number word is a word, not a digit string", () => {
    assert.deepEqual(runs("the second one"), []);
    assert.deepEqual(runs("payment due 2378156"), ["2378156"]);
    assert.deepEqual(runs("Oh 2378156"), ["2378156"]);
    assert.deepEqual(runs("ik heb een 2378156", "nl"), ["2378156"]);
    assert.deepEqual(runs("très bien", "fr"), []);
  });

  test("words and sentence ends separate strings", () => {
    assert.deepEqual(runs("19122 and 2155550199"), ["19122", "2155550199"]);
    assert.deepEqual(runs("It is 19122. 2155550199 is my phone"), ["19122", "2155550199"]);
    assert.deepEqual(runs("line one\n2378156"), ["2378156"]);
  });

  test("digits glued to letters end a string", () => {
    assert.deepEqual(runs("the 2nd 3 things"), ["2", "3"]);
    assert.deepEqual(runs("1000ml"), ["1000"]);
  });

  test("exactPrefix takes the whole run, or one typed block followed by more", () => {
    const [run] = digitRuns(analyse("W2378156 2 items", ctx()));
    assert.equal(run?.digits, "23781562");
    assert.equal(exactPrefix(run as NonNullable<typeof run>, 7)?.digits, "2378156");
    const [spaced] = digitRuns(analyse("237 815 62", ctx()));
    assert.equal(exactPrefix(spaced as NonNullable<typeof spaced>, 7), undefined);
  });

  test("property: any number read digit by digit in any language comes back", () => {
    const languages = Object.keys(SPOKEN) as Language[];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 12 }),
        fc.constantFrom(...languages),
        (digits, language) => {
          const words = SPOKEN[language];
          const text = digits.map((d) => words[d]).join(" ");
          assert.deepEqual(runs(text, language), [digits.join("")]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("property: spans lie inside the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        for (const run of digitRuns(analyse(text, ctx()))) {
          assert.ok(run.start >= 0 && run.end <= text.length && run.start < run.end);
        }
      }),
      { numRuns: 300 },
    );
  });
});
