import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { EntityContext, Language } from "../types.ts";
import { extractEntities } from "./index.ts";
import { CATALOG, ctx, valuesOf } from "./test-helpers.ts";

type OrderItems = NonNullable<EntityContext["orderItems"]>;

const ITEMS: OrderItems = [
  {
    lineId: "L1",
    name: "Mechanical Keyboard",
    options: { "switch type": "clicky", backlight: "RGB", size: "full size" },
  },
  { lineId: "L2", name: "Electric Kettle", options: { capacity: "1L", material: "glass", color: "white" } },
  {
    lineId: "L3",
    name: "Mechanical Keyboard",
    options: { "switch type": "linear", backlight: "white", size: "80%" },
  },
  { lineId: "L4", name: "T-Shirt", options: { color: "red", size: "L", material: "cotton" } },
];

const TWO: OrderItems = [
  { lineId: "A", name: "Tea Kettle", options: { material: "glass" } },
  { lineId: "B", name: "Water Bottle", options: { color: "red" } },
];

function refs(text: string, language: Language = "en", items: OrderItems = ITEMS): string[][] {
  return valuesOf(
    extractEntities(text, ctx({ language, orderItems: items, catalog: CATALOG })),
    "item_reference",
  ).map((v) => v.lineIds);
}

describe("item references", () => {
  const cases: Array<[string, Language, string[][], OrderItems?]> = [
    ["the second one", "en", [["L2"]]],
    ["the first one", "en", [["L1"]]],
    ["the last one", "en", [["L4"]]],
    ["the 3rd", "en", [["L3"]]],
    ["die zweite", "de", [["L2"]]],
    ["le deuxième", "fr", [["L2"]]],
    ["la segunda", "es", [["L2"]]],
    ["il secondo", "it", [["L2"]]],
    ["de tweede", "nl", [["L2"]]],
    ["de laatste", "nl", [["L4"]]],
    ["all of them", "en", [["L1", "L2", "L3", "L4"]]],
    ["alles", "de", [["L1", "L2", "L3", "L4"]]],
    ["tutti", "it", [["L1", "L2", "L3", "L4"]]],
    ["both", "en", [["A", "B"]], TWO],
    ["beide", "de", [["A", "B"]], TWO],
    ["les deux", "fr", [["A", "B"]], TWO],
    ["ambos", "es", [["A", "B"]], TWO],
    ["entrambi", "it", [["A", "B"]], TWO],
    ["allebei", "nl", [["A", "B"]], TWO],
    ["the keyboard", "en", [["L1", "L3"]]],
    ["the keyboards", "en", [["L1", "L3"]]],
    ["the kettle", "en", [["L2"]]],
    ["the t-shirt", "en", [["L4"]]],
    ["the red one", "en", [["L4"]]],
    ["the clicky one", "en", [["L1"]]],
    ["the white keyboard", "en", [["L3"]]],
    ["the second keyboard", "en", [["L3"]]],
    ["both keyboards", "en", [["L1", "L3"]]],
    ["the keyboard and the kettle", "en", [["L1", "L3"], ["L2"]]],
    ["the first and the third", "en", [["L1"], ["L3"]]],
    ["die Tastatur nicht, aber den Kettle", "de", [["L2"]]],
  ];
  for (const [text, language, expected, items] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(refs(text, language, items), expected));
  }

  const none: Array<[string, OrderItems?]> = [
    ["the fifth one"],
    ["both"],
    ["none of them"],
    ["the purple one"],
    ["the laptop"],
    ["where is my order?"],
    ["the blue keyboard"],
  ];
  for (const [text, items] of none) {
    test(`no reference: "${text}"`, () => assert.deepEqual(refs(text, "en", items), []));
  }

  test("nothing without order lines", () => {
    assert.deepEqual(valuesOf(extractEntities("the second one", ctx()), "item_reference"), []);
  });

  test("the reference keeps the ordinal beside it", () => {
    const found = extractEntities("the second one", ctx({ orderItems: ITEMS }));
    assert.deepEqual(
      found.map((e) => e.type),
      ["ordinal", "item_reference"],
    );
  });

  test("property: ordinal n picks line n, 'last' the last line", () => {
    const words = [
      "first",
      "second",
      "third",
      "fourth",
      "fifth",
      "sixth",
      "seventh",
      "eighth",
      "ninth",
      "tenth",
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (lines, n) => {
        const items: OrderItems = Array.from({ length: lines }, (_, k) => ({
          lineId: `line${k + 1}`,
          name: `Item ${k + 1}`,
          options: {},
        }));
        assert.deepEqual(refs(`the ${words[n - 1]} one`, "en", items), n <= lines ? [[`line${n}`]] : []);
        assert.deepEqual(refs("the last one", "en", items), [[`line${lines}`]]);
      }),
      { numRuns: 200 },
    );
  });
});
