import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { allowedEdits, editDistance, similarity, stem } from "./fuzzy.ts";

describe("fuzzy", () => {
  test("stem", () => {
    assert.equal(stem("keyboards"), "keyboard");
    assert.equal(stem("batteries"), "battery");
    assert.equal(stem("watches"), "watch");
    assert.equal(stem("glass"), "glass");
    assert.equal(stem("bus"), "bus");
  });

  test("no edits below five letters, one up to seven, two beyond", () => {
    assert.deepEqual([3, 4, 5, 7, 8, 12].map(allowedEdits), [0, 0, 1, 1, 2, 2]);
  });

  test("similarity keeps first and last letters and refuses look-alike words", () => {
    assert.ok(similarity("keybaord", "keyboard") > 0.8);
    assert.ok(similarity("ketle", "kettle") > 0.8);
    for (const [a, b] of [
      ["match", "watch"],
      ["charged", "charger"],
      ["table", "tablet"],
      ["weather", "leather"],
      ["later", "laser"],
      ["mat", "hat"],
    ] as const) {
      assert.equal(similarity(a, b), 0, `${a}/${b}`);
    }
  });

  test("property: the bounded edit distance agrees with a plain one up to its bound", () => {
    const plain = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const row = d[i] as number[];
          const prev = d[i - 1] as number[];
          row[j] = Math.min(
            (prev[j] as number) + 1,
            (row[j - 1] as number) + 1,
            (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      }
      return (d[a.length] as number[])[b.length] as number;
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[a-d]{0,8}$/), fc.stringMatching(/^[a-d]{0,8}$/), (a, b) => {
        const exact = plain(a, b);
        const bounded = editDistance(a, b, 2);
        assert.equal(Math.min(bounded, 3), Math.min(exact, 3));
      }),
      { numRuns: 400 },
    );
  });
});
