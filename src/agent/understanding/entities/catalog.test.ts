import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { loadAgent } from "../../definition.ts";
import type { CatalogTerms, EntityContext, Language } from "../types.ts";
import { analyse } from "./analysis.ts";
import { catalogIndex, extractOptionValues, extractProducts } from "./catalog.ts";
import { CATALOG, ctx, run, valuesOf } from "./test-helpers.ts";

type Product = { productId: string; name: string; score: number };
type Option = { option?: string; value: string; score: number };

function products(text: string, over: Partial<EntityContext> = {}): Array<[string, number]> {
  return valuesOf(run(extractProducts, text, { catalog: CATALOG, ...over }), "product").map((p: Product) => [
    p.name,
    p.score,
  ]);
}

function productNames(text: string, language: Language = "en"): string[] {
  return products(text, { language }).map(([name]) => name);
}

function options(text: string, productIds: string[] = []): Option[] {
  return valuesOf(extractOptionValues(analyse(text, ctx({ catalog: CATALOG })), productIds), "option_value");
}

describe("products", () => {
  const cases: Array<[string, string[]]> = [
    ["I want to return the mechanical keyboard", ["Mechanical Keyboard"]],
    ["the keyboards", ["Mechanical Keyboard"]],
    ["my keybaord is broken", ["Mechanical Keyboard"]],
    ["Mechanical Keybord", ["Mechanical Keyboard"]],
    ["the kettle", ["Electric Kettle", "Tea Kettle"]],
    ["the electric kettle leaks", ["Electric Kettle"]],
    ["two tea kettles", ["Tea Kettle"]],
    ["a t-shirt", ["T-Shirt"]],
    ["tshirts", ["T-Shirt"]],
    ["my smartwatch", ["Smart Watch"]],
    ["the thermostat", ["Smart Thermostat"]],
    ["termostat", ["Smart Thermostat"]],
    ["my laptop", ["Laptop"]],
    ["the headphones", ["Headphones"]],
    ["the action camera", ["Action Camera"]],
    ["the wristwatch", ["Wristwatch"]],
    ["Ich möchte den Laptop zurückgeben", ["Laptop"]],
    ["el portátil no, la water bottle", ["Water Bottle"]],
  ];
  for (const [text, expected] of cases) {
    test(`"${text}"`, () => assert.deepEqual(productNames(text).sort(), [...expected].sort()));
  }

  test("scores: 1 for the exact name, lower for a head noun or a typo, never below 0.6", () => {
    assert.deepEqual(products("mechanical keyboard"), [["Mechanical Keyboard", 1]]);
    const [[, head] = ["", 0]] = products("keyboard");
    const [[, typo] = ["", 0]] = products("keybaord");
    assert.ok(head < 1 && head >= 0.6, String(head));
    assert.ok(typo < head && typo >= 0.6, String(typo));
  });

  const none = [
    "electric",
    "smart",
    "water",
    "I'm all set",
    "a table",
    "I was charged twice",
    "what a match",
    "I'll do it later",
    "the weather is bad",
    "",
  ];
  for (const text of none) {
    test(`no product: "${text}"`, () => assert.deepEqual(productNames(text), []));
  }

  test("no catalog, no products", () => {
    assert.deepEqual(run(extractProducts, "mechanical keyboard"), []);
  });

  test("the index is built once per catalog object", () => {
    const catalog: CatalogTerms = { products: [{ id: "1", name: "Garden Hose", options: {} }] };
    assert.equal(catalogIndex(catalog), catalogIndex(catalog));
    assert.notEqual(catalogIndex(catalog), catalogIndex({ products: [...catalog.products] }));
  });

  test("property: every product name, as written or in lower case, scores 1", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CATALOG.products), fc.boolean(), (product, lower) => {
        const name = lower ? product.name.toLowerCase() : product.name;
        const found = products(`about the ${name} I bought`);
        assert.ok(
          found.some(([n, score]) => n === product.name && score === 1),
          JSON.stringify(found),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("option values", () => {
  const cases: Array<[string, Option[]]> = [
    ["the blue one", [{ value: "blue", score: 1 }]],
    ["with clicky switches", [{ option: "switch type", value: "clicky", score: 1 }]],
    ["RGB please", [{ option: "backlight", value: "RGB", score: 1 }]],
    ["in size L", [{ option: "size", value: "L", score: 1 }]],
    ["Größe M", [{ option: "size", value: "M", score: 1 }]],
    ["taille S", [{ option: "size", value: "S", score: 1 }]],
    ["talla L", [{ option: "size", value: "L", score: 1 }]],
    ["taglia M", [{ option: "size", value: "M", score: 1 }]],
    ["maat L", [{ option: "size", value: "L", score: 1 }]],
    ["L", [{ option: "size", value: "L", score: 1 }]],
    ["XL", [{ option: "size", value: "XL", score: 1 }]],
    ["the leather strap", [{ value: "leather", score: 1 }]],
    ["lether", [{ value: "leather", score: 0.857 }]],
    ["works with Google Assistant", [{ option: "compatibility", value: "Google Assistant", score: 1 }]],
    ["the 1000ml one", [{ option: "capacity", value: "1000ml", score: 1 }]],
    ["1000 ml", [{ option: "capacity", value: "1000ml", score: 1 }]],
    ["16 GB of ram", [{ option: "ram", value: "16GB", score: 1 }]],
    ["with an i7", [{ option: "processor", value: "i7", score: 1 }]],
    ["in space grey", [{ option: "color", value: "space grey", score: 1 }]],
    ["the 1000 pieces puzzle", [{ option: "pieces", value: "1000", score: 1 }]],
  ];
  for (const [text, expected] of cases) {
    test(`"${text}"`, () => assert.deepEqual(options(text), expected));
  }

  test("a product named in the message settles which option a value belongs to", () => {
    assert.deepEqual(options("the black one"), [{ value: "black", score: 1 }]);
    assert.deepEqual(options("the black one", ["6066914160"]), [
      { option: "dial color", value: "black", score: 1 },
    ]);
  });

  const none = [
    "I'd like a refund",
    "I am 10 years old",
    "yes",
    "no",
    "a 4 k",
    "i 7",
    "the 1000mlx",
    "it is a M",
  ];
  for (const text of none) {
    test(`no option value: "${text}"`, () => assert.deepEqual(options(text), []));
  }
});

describe("option values in the customer's language", () => {
  // The default agent's option-names.yaml over the test catalogue.
  const catalog: CatalogTerms = { ...CATALOG, optionAliases: loadAgent("agents/default").optionNames };
  const values = (text: string) =>
    valuesOf(extractOptionValues(analyse(text, ctx({ catalog })), []), "option_value").map(
      (o: Option) => o.value,
    );
  const cases: Array<[string, string[]]> = [
    ["die rote bitte", ["red"]],
    ["lieber in Schwarz", ["black"]],
    ["la noire", ["black"]],
    ["en bleu", ["blue"]],
    ["la negra por favor", ["black"]],
    ["quella bianca", ["white"]],
    ["de zwarte", ["black"]],
    ["liever wit", ["white"]],
    ["en acier inoxydable", ["stainless steel"]],
    ["aus Edelstahl", ["stainless steel"]],
    ["in space gray", ["space grey"]],
  ];
  for (const [text, expected] of cases) {
    test(`"${text}"`, () => assert.deepEqual(values(text), expected));
  }
  for (const text of ["je veux ou bien", "ich habe eine Frage", "quiero leer el correo"]) {
    test(`no option value: "${text}"`, () => assert.deepEqual(values(text), []));
  }
});
