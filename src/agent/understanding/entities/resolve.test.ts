import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Entity, EntityType } from "../types.ts";
import { resolveOverlaps } from "./resolve.ts";

function at(type: EntityType, start: number, end: number, value: unknown = null): Entity {
  return { type, start, end, text: "x".repeat(end - start), value } as Entity;
}

const TYPES: EntityType[] = [
  "order_id",
  "email",
  "phone",
  "postal_code",
  "person_name",
  "amount",
  "date",
  "number",
  "ordinal",
  "quantifier",
  "yes_no",
  "product",
  "option_value",
];

describe("overlap resolution", () => {
  test("the longer reading wins", () => {
    const kept = resolveOverlaps([at("number", 0, 2, 50), at("amount", 0, 8, { amount: 50 })]);
    assert.deepEqual(
      kept.map((e) => e.type),
      ["amount"],
    );
  });

  test("on the same words the more specific type wins", () => {
    const same = (type: EntityType) => at(type, 10, 17);
    assert.equal(
      resolveOverlaps([same("number"), same("phone"), same("postal_code"), same("order_id")])[0]?.type,
      "order_id",
    );
    assert.equal(resolveOverlaps([same("number"), same("postal_code")])[0]?.type, "postal_code");
    assert.equal(resolveOverlaps([same("ordinal"), same("date")])[0]?.type, "date");
    assert.equal(resolveOverlaps([same("person_name"), same("email")])[0]?.type, "email");
  });

  test("several products on the same words all stay; a shorter one inside goes", () => {
    const kept = resolveOverlaps([
      at("product", 4, 10, { productId: "a" }),
      at("product", 4, 10, { productId: "b" }),
      at("product", 0, 10, { productId: "c" }),
    ]);
    assert.deepEqual(
      kept.map((e) => (e.value as { productId: string }).productId),
      ["c"],
    );
    assert.equal(
      resolveOverlaps([at("product", 4, 10, { productId: "a" }), at("product", 4, 10, { productId: "b" })])
        .length,
      2,
    );
  });

  test("an exact duplicate is kept once", () => {
    assert.equal(resolveOverlaps([at("date", 0, 5, "2026-01-01"), at("date", 0, 5, "2026-01-01")]).length, 1);
  });

  test("empty spans are dropped", () => {
    assert.deepEqual(resolveOverlaps([at("number", 3, 3, 1)]), []);
  });

  test("property: what is kept never overlaps, except products and options on identical words", () => {
    const entity = fc
      .record({
        type: fc.constantFrom(...TYPES),
        start: fc.integer({ min: 0, max: 40 }),
        length: fc.integer({ min: 1, max: 12 }),
      })
      .map(({ type, start, length }) => at(type, start, start + length));
    fc.assert(
      fc.property(fc.array(entity, { maxLength: 20 }), (list) => {
        const kept = resolveOverlaps(list);
        for (const x of kept) {
          assert.ok(list.includes(x));
          for (const y of kept) {
            if (x === y || x.end <= y.start || y.end <= x.start) continue;
            assert.ok(
              x.type === y.type &&
                x.start === y.start &&
                x.end === y.end &&
                ["product", "option_value"].includes(x.type),
            );
          }
        }
        // Nothing is dropped without a reason: every candidate left out overlaps something kept.
        for (const e of list)
          if (!kept.includes(e)) assert.ok(kept.some((k) => e.start < k.end && k.start < e.end));
      }),
      { numRuns: 300 },
    );
  });
});
