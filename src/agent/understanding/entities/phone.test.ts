import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Country, EntityContext, Language } from "../types.ts";
import { extractEntities } from "./index.ts";
import { extractPhones, toE164 } from "./phone.ts";
import { ctx, run, valuesOf } from "./test-helpers.ts";

function phones(text: string, over: Partial<EntityContext> = {}): string[] {
  return valuesOf(run(extractPhones, text, over), "phone");
}

describe("phone numbers", () => {
  const cases: Array<[string, Partial<EntityContext>, string]> = [
    ["+44 7700 900123", {}, "+447700900123"],
    ["call me on 0044 7700 900123", {}, "+447700900123"],
    ["07700 900123", { country: "GB" }, "+447700900123"],
    ["(215) 555-0199", {}, "+12155550199"],
    ["215-555-0199", { country: "US" }, "+12155550199"],
    ["+1 215 555 0199", { country: "DE" }, "+12155550199"],
    ["meine Nummer ist 0151 23456789", { country: "DE", language: "de" }, "+4915123456789"],
    ["030 1234567", { country: "DE", language: "de" }, "+49301234567"],
    ["06 12 34 56 78", { country: "FR", language: "fr" }, "+33612345678"],
    ["612 345 678", { country: "ES", language: "es" }, "+34612345678"],
    ["312 345 6789", { country: "IT", language: "it" }, "+393123456789"],
    ["06-12345678", { country: "NL", language: "nl" }, "+31612345678"],
    ["oh seven seven double oh nine oh oh one two three", { country: "GB" }, "+447700900123"],
    ["plus four four seven seven double oh nine oh oh one two three", {}, "+447700900123"],
    ["two one five five five five oh one nine nine", {}, "+12155550199"],
    [
      "null eins fünf eins zwei drei vier fünf sechs sieben acht neun",
      { country: "DE", language: "de" },
      "+4915123456789",
    ],
    [
      "zéro six douze trente-quatre cinquante-six soixante-dix-huit",
      { country: "FR", language: "fr" },
      "+33612345678",
    ],
    ["seis uno dos tres cuatro cinco seis siete ocho", { country: "ES", language: "es" }, "+34612345678"],
    [
      "tre uno due tre quattro cinque sei sette otto nove",
      { country: "IT", language: "it" },
      "+393123456789",
    ],
    ["nul zes een twee drie vier vijf zes zeven acht", { country: "NL", language: "nl" }, "+31612345678"],
  ];
  for (const [text, over, expected] of cases) {
    test(`"${text}" (${over.country ?? "US"})`, () => assert.deepEqual(phones(text, over), [expected]));
  }

  test("the default market is the US", () => {
    assert.deepEqual(phones("2155550199"), ["+12155550199"]);
    assert.deepEqual(phones("07700 900123"), []);
  });

  test("a postcode and a phone side by side", () => {
    assert.deepEqual(phones("19122 2155550199"), ["+12155550199"]);
  });

  const notPhones: Array<[string, Partial<EntityContext>?]> = [
    ["W2378156"],
    ["2378156", { country: "GB" }],
    ["19122"],
    ["03.12.2026", { country: "DE" }],
    ["2026-12-03"],
    ["4111 1111 1111 1111"],
    ["$1,234.56"],
    ["SKU12345678901"],
  ];
  for (const [text, over] of notPhones) {
    test(`not a phone: "${text}"`, () => assert.deepEqual(phones(text, over), []));
  }

  test("an order number or a postcode is never also a phone", () => {
    const found = extractEntities("order 2378156, zip 19122", ctx({ country: "US" }));
    assert.deepEqual(
      found.filter((e) => ["order_id", "postal_code", "phone"].includes(e.type)).map((e) => e.type),
      ["order_id", "postal_code"],
    );
  });

  test("toE164", () => {
    assert.equal(toE164("+44 (0)7700 900123", undefined), "+447700900123");
    assert.equal(toE164("0044 7700 900123", undefined), "+447700900123");
    assert.equal(toE164("2155550199", "US"), "+12155550199");
    assert.equal(toE164("12345", "US"), undefined);
  });

  test("property: a national UK mobile is read in E.164, typed or spaced", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(" ", "", "-"), (n, sep) => {
        const rest = String(n).padStart(6, "0");
        assert.deepEqual(phones(`ring 07700${sep}${rest} please`, { country: "GB" }), [`+447700${rest}`]);
      }),
      { numRuns: 200 },
    );
  });

  test("property: never throws, spans inside the text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.constantFrom<Country>("US", "GB", "DE", "FR", "ES", "IT", "NL"),
        fc.constantFrom<Language>("en", "de"),
        (text, country, language) => {
          for (const e of run(extractPhones, text, { country, language })) {
            assert.ok(e.start >= 0 && e.end <= text.length && text.slice(e.start, e.end) === e.text);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
