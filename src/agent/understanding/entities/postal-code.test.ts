import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Country, EntityContext } from "../types.ts";
import { extractPostalCodes } from "./postal-code.ts";
import { run } from "./test-helpers.ts";

function codes(text: string, over: Partial<EntityContext> = {}): Array<[string, Country]> {
  return run(extractPostalCodes, text, over).flatMap((e) =>
    e.type === "postal_code" ? [[e.value, e.country] as [string, Country]] : [],
  );
}

describe("postcodes", () => {
  const cases: Array<[string, Partial<EntityContext>, Array<[string, Country]>]> = [
    ["my zip is 19122", {}, [["19122", "US"]]],
    ["123 Main Street, Philadelphia, PA 19122", {}, [["19122", "US"]]],
    ["Philadelphia, PA 19122-1234", { country: "US" }, [["19122", "US"]]],
    ["zip code 19122-1234", { country: "US" }, [["19122", "US"]]],
    ["19122", { expecting: "postal_code" }, [["19122", "US"]]],
    ["one nine one two two", { expecting: "postal_code" }, [["19122", "US"]]],
    ["zip: one nine one two two", {}, [["19122", "US"]]],
    ["SW1A 1AA", {}, [["SW1A 1AA", "GB"]]],
    ["my postcode is sw1a1aa", { country: "GB" }, [["SW1A 1AA", "GB"]]],
    ["M1 1AE", { country: "US" }, [["M1 1AE", "GB"]]],
    ["B33 8TH", {}, [["B33 8TH", "GB"]]],
    ["EC1A 1BB", {}, [["EC1A 1BB", "GB"]]],
    ["meine PLZ ist 10115", { language: "de" }, [["10115", "DE"]]],
    ["Postleitzahl: eins null eins eins fünf", { language: "de", country: "DE" }, [["10115", "DE"]]],
    ["10115", { language: "de", country: "DE", expecting: "postal_code" }, [["10115", "DE"]]],
    ["code postal 75008", { language: "fr" }, [["75008", "FR"]]],
    ["mon code postal est sept cinq zéro zéro huit", { language: "fr" }, [["75008", "FR"]]],
    ["código postal 28013", { language: "es" }, [["28013", "ES"]]],
    ["il CAP è 00184", { language: "it" }, [["00184", "IT"]]],
    ["codice postale 20121", { language: "it", country: "IT" }, [["20121", "IT"]]],
    ["mijn postcode is 1234 AB", { language: "nl" }, [["1234 AB", "NL"]]],
    ["postcode 1234ab", { language: "nl", country: "NL" }, [["1234 AB", "NL"]]],
    ["1234 AB", { country: "NL" }, [["1234 AB", "NL"]]],
    ["1017 CT", { country: "DE" }, [["1017 CT", "NL"]]],
    ["1234 ab", { country: "NL", expecting: "postal_code" }, [["1234 AB", "NL"]]],
    // The customer's market decides which five-digit format is read.
    ["PLZ 19122", { country: "US" }, [["19122", "US"]]],
    ["zip 10115", { country: "DE" }, [["10115", "DE"]]],
  ];
  for (const [text, over, expected] of cases) {
    test(`"${text}"`, () => assert.deepEqual(codes(text, over), expected));
  }

  const none: Array<[string, Partial<EntityContext>?]> = [
    ["19122"],
    ["I paid 19122 dollars"],
    ["order 2378156", { expecting: "postal_code" }],
    ["1500 op de rekening", { country: "NL" }],
    ["a 1000 ML bottle"],
    ["I7 8GB laptop"],
    ["zip 1912"],
    ["zip 191223"],
    ["postcode 53000", { country: "ES" }],
    ["postcode 99999", { country: "FR" }],
    ["postcode 19122", { country: "GB" }],
    ["PA 19122", { country: "DE" }],
    ["pa 19122"],
    ["postcode 19122", { country: "NL" }],
    ["1234 SS", { country: "NL" }],
  ];
  for (const [text, over] of none) {
    test(`no postcode: "${text}"`, () => assert.deepEqual(codes(text, over), []));
  }

  test("ZIP+4 spans both parts and keeps the five digits", () => {
    const [e] = run(extractPostalCodes, "zip 19122-1234.");
    assert.equal(e?.text, "19122-1234");
    assert.equal(e?.value, "19122");
  });

  test("property: any inward/outward GB postcode is normalised", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("SW", "EC", "M", "B", "LS", "G", "N"),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.stringMatching(/^[ABD-HJLNP-UW-Z]{2}$/),
        fc.boolean(),
        (area, district, sector, unit, compact) => {
          const code = `${area}${district} ${sector}${unit}`;
          const typed = compact ? code.replace(" ", "").toLowerCase() : code;
          assert.deepEqual(codes(`postcode ${typed}`), [[code, "GB"]]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
