import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Language } from "../types.ts";
import { extractOrdinals } from "./ordinals.ts";
import { run, valuesOf } from "./test-helpers.ts";
import { WORDS } from "./words/index.ts";

function ordinals(text: string, language: Language = "en"): number[] {
  return valuesOf(run(extractOrdinals, text, { language }), "ordinal");
}

describe("ordinals", () => {
  const cases: Array<[string, Language, number[]]> = [
    ["the first one", "en", [1]],
    ["the 2nd", "en", [2]],
    ["the second one", "en", [2]],
    ["the third and the fourth", "en", [3, 4]],
    ["tenth", "en", [10]],
    ["the last one", "en", [-1]],
    ["the second to last", "en", [-2]],
    ["3rd item", "en", [3]],
    ["die zweite", "de", [2]],
    ["den zweiten bitte", "de", [2]],
    ["das dritte", "de", [3]],
    ["den fünften", "de", [5]],
    ["den fuenften", "de", [5]],
    ["die letzte", "de", [-1]],
    ["die 2.", "de", [2]],
    ["die 2te", "de", [2]],
    ["le deuxième", "fr", [2]],
    ["la seconde", "fr", [2]],
    ["le premier", "fr", [1]],
    ["la dernière", "fr", [-1]],
    ["le 2e article", "fr", [2]],
    ["le 2ème", "fr", [2]],
    ["l'avant-dernier", "fr", [-2]],
    ["el segundo", "es", [2]],
    ["la segunda", "es", [2]],
    ["el primero", "es", [1]],
    ["la última", "es", [-1]],
    ["el 2º", "es", [2]],
    ["il secondo", "it", [2]],
    ["la seconda", "it", [2]],
    ["la prima", "it", [1]],
    ["l'ultimo", "it", [-1]],
    ["il penultimo", "it", [-2]],
    ["de tweede", "nl", [2]],
    ["de eerste", "nl", [1]],
    ["de laatste", "nl", [-1]],
    ["de 2e", "nl", [2]],
  ];
  for (const [text, language, expected] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(ordinals(text, language), expected));
  }

  const none: Array<[string, Language]> = [
    ["my first name is Yusuf", "en"],
    ["at first it worked", "en"],
    ["last week", "en"],
    ["my last order", "en"],
    ["wait a second", "en"],
    ["this is the second time", "en"],
    ["letzte Woche", "de"],
    ["zum ersten Mal", "de"],
    ["la semaine dernière", "fr"],
    ["la dernière fois", "fr"],
    ["la última vez", "es"],
    ["secondo me è rotto", "it"],
    ["prima di tutto", "it"],
    ["de laatste tijd", "nl"],
    ["2.5 kg", "de"],
    ["W2nd", "en"],
  ];
  for (const [text, language] of none) {
    test(`no ordinal: "${text}" (${language})`, () => assert.deepEqual(ordinals(text, language), []));
  }

  test("'the second one' spans the pronoun too", () => {
    assert.equal(run(extractOrdinals, "the second one please")[0]?.text, "second one");
  });

  test("property: every listed ordinal 1-10 is read in its language", () => {
    const entries = (Object.keys(WORDS) as Language[]).flatMap((language) =>
      WORDS[language].ordinals
        .filter(([, n]) => n >= 1 && n <= 10)
        .map(([p, n]) => [language, p, n] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...entries), ([language, phrase, n]) => {
        assert.deepEqual(ordinals(phrase, language), [n]);
      }),
      { numRuns: 300 },
    );
  });
});
