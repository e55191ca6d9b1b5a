import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { luhnValid, maskCardNumbers } from "./cards.ts";

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
