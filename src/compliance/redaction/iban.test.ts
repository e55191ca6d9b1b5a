import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { findIbans, IBAN_LENGTHS, ibanValid } from "./iban.ts";
import { iban, writeIban } from "./test-helpers.ts";

// Published examples (national banks' and ECBS's specimen IBANs).
const EXAMPLES = [
  "DE89370400440532013000",
  "GB82WEST12345698765432",
  "FR1420041010050500013M02606",
  "NL91ABNA0417164300",
  "ES9121000418450200051332",
  "IT60X0542811101000000123456",
  "BE68539007547034",
  "AT611904300234573201",
  "CH9300762011623852957",
  "NO9386011117947",
  "PT50000201231234567890154",
  "IE29AIBK93115212345678",
  "LU280019400644750000",
  "PL61109010140000071219812874",
];

describe("IBAN validation", () => {
  it("accepts published examples of every kind", () => {
    for (const example of EXAMPLES) assert.ok(ibanValid(example), example);
  });

  it("rejects a wrong check, a wrong length and an unknown country", () => {
    assert.ok(!ibanValid("DE89370400440532013001"));
    assert.ok(!ibanValid("DE8937040044053201300"));
    assert.ok(!ibanValid("QQ89370400440532013000"));
  });

  it("knows every SEPA country's length", () => {
    for (const country of "AD AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT RO SE SI SK SM VA".split(
      " ",
    ))
      assert.ok(IBAN_LENGTHS[country], country);
  });
});

describe("finding IBANs", () => {
  const found = (text: string) => findIbans(text).map((m) => [text.slice(m.start, m.end), m.iban]);

  it("reads them grouped, solid, and in lower case, ending where the account number ends", () => {
    assert.deepEqual(found("IBAN: DE89 3704 0044 0532 0130 00 please"), [
      ["DE89 3704 0044 0532 0130 00", "DE89370400440532013000"],
    ]);
    assert.deepEqual(found("mi iban es es9121000418450200051332."), [
      ["es9121000418450200051332", "ES9121000418450200051332"],
    ]);
    assert.deepEqual(found("GB82 WEST 1234 5698 7654 32 and NL91ABNA0417164300"), [
      ["GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"],
      ["NL91ABNA0417164300", "NL91ABNA0417164300"],
    ]);
  });

  it("leaves alone what only looks like one", () => {
    for (const text of [
      "order #W2378156",
      "DE89 3704 0044 0532 0130 01",
      "DE89370400440532013000123",
      "XDE89370400440532013000",
      "postcode SW1A 1AA",
      "AB12 3456 7890",
    ])
      assert.deepEqual(findIbans(text), [], text);
  });

  it("finds any valid IBAN however it is written and wherever it stands", () => {
    fc.assert(
      fc.property(fc.string(), iban, fc.boolean(), fc.boolean(), (noise, compact, spaced, lower) => {
        const text = `${noise} ${writeIban(compact, spaced, lower)} ${noise}`;
        assert.ok(
          findIbans(text).some((m) => m.iban === compact),
          text,
        );
      }),
    );
  });
});
