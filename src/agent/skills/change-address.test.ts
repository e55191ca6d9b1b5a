import assert from "node:assert/strict";
import { test } from "node:test";
import type { Address } from "../../commerce/index.ts";
import { parseAddress } from "./change-address.ts";

const us: Address = {
  line1: "1 Old St",
  line2: "",
  city: "Old",
  state: "PA",
  postalCode: "19122",
  country: "USA",
};
const de: Address = { ...us, state: "", postalCode: "10115", country: "Germany" };
const gb: Address = { ...us, state: "", postalCode: "SW1A 1AA", country: "United Kingdom" };

test("addresses written in one message are read into their parts", () => {
  const cases: Array<[string, string, Address, Partial<Address>]> = [
    [
      "123 Elm Street, Suite 641, Austin, TX 78712, USA",
      "78712",
      us,
      { line1: "123 Elm Street", line2: "Suite 641", city: "Austin", state: "TX", postalCode: "78712" },
    ],
    [
      "221 Baker Street, Apt 4, Springfield, IL 62704",
      "62704",
      us,
      { line1: "221 Baker Street", line2: "Apt 4", city: "Springfield", state: "IL" },
    ],
    [
      "send it to 5 Main St, Austin, TX 78701",
      "78701",
      us,
      { line1: "5 Main St", line2: "", city: "Austin" },
    ],
    ["Hauptstraße 5, 10115 Berlin", "10115", de, { line1: "Hauptstraße 5", line2: "", city: "Berlin" }],
    ["12 High St, London SW1A 1AA, United Kingdom", "SW1A 1AA", gb, { line1: "12 High St", city: "London" }],
  ];
  for (const [text, postal, base, expected] of cases) {
    const parsed = parseAddress(text, postal, base);
    assert.ok(parsed, text);
    for (const [key, value] of Object.entries(expected))
      assert.equal(parsed[key as keyof Address], value, `${text}: ${key}`);
  }
});

test("without a postcode or a street there is no address", () => {
  assert.equal(parseAddress("Austin, TX", undefined, us), null);
  assert.equal(parseAddress("Austin, TX 78712", "78712", us), null);
});
