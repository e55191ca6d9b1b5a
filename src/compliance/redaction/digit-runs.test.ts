import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digitRuns, digitUnits } from "./digit-runs.ts";
import type { SpokenDigits } from "./types.ts";

function runs(text: string, spoken: SpokenDigits[] = []): string[] {
  return digitRuns(
    text,
    digitUnits(text, spoken, () => false),
  ).map((r) => text.slice(r.start, r.end));
}

describe("digit runs", () => {
  it("join typed groups across one space, dash or dot", () => {
    assert.deepEqual(runs("4242 4242-4242.4242"), ["4242 4242-4242.4242"]);
    assert.deepEqual(runs("4242 - 4242"), ["4242 - 4242"]);
  });

  it("break at words, commas, slashes and sentence ends", () => {
    assert.deepEqual(runs("12 and 34"), ["12", "34"]);
    assert.deepEqual(runs("129,99"), ["129", "99"]);
    assert.deepEqual(runs("12/25/2026"), ["12", "25", "2026"]);
    assert.deepEqual(runs("it is 4242. 4242 more"), ["4242", "4242"]);
  });

  it("keep identifiers glued to letters and country codes apart", () => {
    assert.deepEqual(runs("W2378156 12"), ["2378156", "12"]);
    assert.deepEqual(runs("+49 30 1234567"), ["49", "30 1234567"]);
  });

  it("join spoken spans with typed digits, also across dictation commas", () => {
    const text = "four two, 4242 four two";
    const spoken = [
      { start: 0, end: 8, digits: "42" },
      { start: 15, end: 23, digits: "42" },
    ];
    const [run] = digitRuns(
      text,
      digitUnits(text, spoken, () => false),
    );
    assert.equal(run?.digits, "42424242");
    assert.equal(run?.spoken, true);
  });

  it("take typed digits inside a spoken span as part of it", () => {
    const text = "four 2 four";
    const units = digitUnits(text, [{ start: 0, end: 11, digits: "424" }], () => false);
    assert.deepEqual(
      units.map((u) => u.digits),
      ["424"],
    );
  });

  it("drop spoken spans that are malformed, overlap or cut through typed digits", () => {
    const text = "four 4242 two";
    const bad = [
      { start: -1, end: 4, digits: "4" },
      { start: 0, end: 99, digits: "4" },
      { start: 0, end: 4, digits: "four" },
      { start: 0, end: 7, digits: "442" },
      null as unknown as SpokenDigits,
    ];
    assert.deepEqual(
      digitUnits(text, bad, () => false).map((u) => u.digits),
      ["4242"],
    );
  });

  it("skip what is already claimed", () => {
    const text = "1234 5678";
    assert.deepEqual(
      digitUnits(text, [], (start) => start === 0).map((u) => u.digits),
      ["5678"],
    );
  });
});
