import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Language } from "../types.ts";
import { extractAmounts } from "./amounts.ts";
import { run, valuesOf } from "./test-helpers.ts";

type Amount = { amount: number; currency?: string };

function amounts(text: string, language: Language = "en"): Amount[] {
  return valuesOf(run(extractAmounts, text, { language }), "amount");
}

describe("amounts", () => {
  const cases: Array<[string, Language, Amount]> = [
    ["$50", "en", { amount: 50, currency: "USD" }],
    ["I can pay $ 50 today", "en", { amount: 50, currency: "USD" }],
    ["50 dollars", "en", { amount: 50, currency: "USD" }],
    ["50 bucks", "en", { amount: 50, currency: "USD" }],
    ["$1,299.99", "en", { amount: 1299.99, currency: "USD" }],
    ["USD 20", "en", { amount: 20, currency: "USD" }],
    ["£12", "en", { amount: 12, currency: "GBP" }],
    ["12 pounds", "en", { amount: 12, currency: "GBP" }],
    ["12 quid", "en", { amount: 12, currency: "GBP" }],
    ["fifty euros", "en", { amount: 50, currency: "EUR" }],
    ["twenty-five dollars", "en", { amount: 25, currency: "USD" }],
    ["20.50 euros", "en", { amount: 20.5, currency: "EUR" }],
    ["€20,50", "de", { amount: 20.5, currency: "EUR" }],
    ["20,50 €", "de", { amount: 20.5, currency: "EUR" }],
    ["20,50€", "fr", { amount: 20.5, currency: "EUR" }],
    ["50 Euro", "de", { amount: 50, currency: "EUR" }],
    ["1.299,99 EUR", "de", { amount: 1299.99, currency: "EUR" }],
    ["zwanzig Euro", "de", { amount: 20, currency: "EUR" }],
    ["20.50 euros", "fr", { amount: 20.5, currency: "EUR" }],
    ["vingt euros", "fr", { amount: 20, currency: "EUR" }],
    ["1 000 €", "fr", { amount: 1000, currency: "EUR" }],
    ["veinte euros", "es", { amount: 20, currency: "EUR" }],
    ["12,99 euros", "es", { amount: 12.99, currency: "EUR" }],
    ["cinquanta euro", "it", { amount: 50, currency: "EUR" }],
    ["€ 49,90", "it", { amount: 49.9, currency: "EUR" }],
    ["vijftig euro", "nl", { amount: 50, currency: "EUR" }],
    ["€ 20,-", "nl", { amount: 20, currency: "EUR" }],
    ["10 pond", "nl", { amount: 10, currency: "GBP" }],
  ];
  for (const [text, language, expected] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(amounts(text, language), [expected]));
  }

  const none: Array<[string, Language]> = [
    ["50", "en"],
    ["I ordered 50 items", "en"],
    ["W2378156 euros", "en"],
    ["the euro is strong", "en"],
    ["fifty", "en"],
  ];
  for (const [text, language] of none) {
    test(`no amount: "${text}"`, () => assert.deepEqual(amounts(text, language), []));
  }

  test("the span covers the number and the currency", () => {
    assert.equal(run(extractAmounts, "I paid 20,50 € yesterday", { language: "de" })[0]?.text, "20,50 €");
    assert.equal(run(extractAmounts, "about fifty euros", {})[0]?.text, "fifty euros");
  });

  test("property: euros and cents with a decimal comma in the continental languages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom<Language>("de", "fr", "es", "it", "nl"),
        (euros, cents, language) => {
          const fraction = String(cents).padStart(2, "0");
          const text = `${euros},${fraction} €`;
          assert.deepEqual(amounts(text, language), [
            { amount: Number(`${euros}.${fraction}`), currency: "EUR" },
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
