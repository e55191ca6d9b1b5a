import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import fc from "fast-check";
import { findCards, isCardNumber, luhnValid, maskCardNumbers } from "./cards.ts";
import { digitRuns, digitUnits } from "./digit-runs.ts";

test("card numbers in any grouping are masked to their last four digits", () => {
  for (const [input, expected] of [
    ["my card is 4242 4242 4242 4242, charged twice", "my card is [card ending 4242], charged twice"],
    ["4111-1111-1111-1111", "[card ending 1111]"],
    ["amex 378282246310005 please", "amex [card ending 0005] please"],
    ["5555555555554444", "[card ending 4444]"],
  ] as const)
    assert.equal(maskCardNumbers(input).text, expected);
});

test("order numbers, phone numbers, postcodes and amounts are left alone", () => {
  for (const text of [
    "order #W2378156",
    "call me on +44 20 7946 0958",
    "my postcode is 10115",
    "I paid 1234.56 on 2026-11-20",
    "tracking 1Z999AA10123456784",
    "4242 4242 4242 4241",
    "+49 151 2345 6789 0",
    "0151 2345 6789 01",
  ])
    assert.deepEqual(maskCardNumbers(text), { text, masked: 0 });
});

test("whatever surrounds it, no Luhn-valid card number (13-19 digits from 2-6) survives", () => {
  fc.assert(
    fc.property(
      fc.string(),
      fc.integer({ min: 2, max: 6 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }),
      (noise, first, body) => {
        // Complete the digits to a Luhn-valid number and hide it in the noise.
        const partial = `${first}${body.join("")}`;
        const check = [...Array(10).keys()].find((d) => luhnValid(partial + d)) as number;
        const card = `${partial}${check}`;
        const { text } = maskCardNumbers(`${noise} ${card} ${noise}`);
        assert.ok(!text.includes(card), text);
      },
    ),
  );
});

describe("card search", () => {
  const units = (text: string) =>
    digitRuns(
      text,
      digitUnits(text, [], () => false),
    );

  it("groups by dots as well as spaces and dashes, and finds every card in a run", () => {
    assert.equal(maskCardNumbers("4242.4242.4242.4242").text, "[card ending 4242]");
    assert.deepEqual(maskCardNumbers("4242 4242 4242 4242 5555 5555 5555 4444"), {
      text: "[card ending 4242] [card ending 4444]",
      masked: 2,
    });
  });

  it("keeps the digits around the card that the grouping puts outside it", () => {
    assert.equal(maskCardNumbers("order 12 4242 4242 4242 4242 x2").text, "order 12 [card ending 4242] x2");
  });

  it("cuts spoken digits anywhere but masks the whole spoken span", () => {
    const text = "four two four two four two four two four two four two four two four two one";
    const [run] = digitRuns(
      text,
      digitUnits(text, [{ start: 0, end: text.length, digits: "42424242424242421" }], () => false),
    );
    assert.deepEqual(findCards(run as NonNullable<typeof run>), [
      { start: 0, end: text.length, last4: "4242" },
    ]);
  });

  it("isCardNumber wants 13-19 digits from 2 to 6, Luhn-valid, not one repeated digit", () => {
    assert.ok(isCardNumber("4242424242424242"));
    assert.ok(!isCardNumber("4242424242424241"));
    assert.ok(!isCardNumber("1234567812345670"));
    assert.ok(!isCardNumber("424242424242"));
    assert.ok(!isCardNumber("33333333333333333"));
  });

  it("is linear: thousands of digit groups take milliseconds, not minutes", () => {
    // Every span of groups used to be tried; a 4,000-character message of single digits never finished.
    for (const text of ["1 ".repeat(2000), "4 2 ".repeat(1000), "4242-".repeat(800)]) {
      assert.equal(maskCardNumbers(text).text.length > 0, true);
      assert.ok(units(text).length >= 1);
    }
  });
});
