import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { EntityContext, Language } from "../types.ts";
import { extractOrderIds } from "./order-number.ts";
import { run, valuesOf } from "./test-helpers.ts";

function orderIds(text: string, over: Partial<EntityContext> = {}): string[] {
  return valuesOf(run(extractOrderIds, text, over), "order_id");
}

const SPOKEN: Record<Language, string[]> = {
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
  de: ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
  fr: ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
  es: ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
  it: ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
  nl: ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
};

describe("order numbers", () => {
  const found: Array<[string, Language, Partial<EntityContext>?]> = [
    ["#W2378156", "en"],
    ["W2378156", "en"],
    ["w2378156", "en"],
    ["my order is W 237 8156 thanks", "en"],
    ["W-2378156", "en"],
    ["#w 2378156", "en"],
    ["# W2378156", "en"],
    ["order number 2378156", "en"],
    ["my order number is 2378156", "en"],
    ["Order #2378156", "en"],
    ["it's order 237 81 56", "en"],
    ["w two three seven eight one five six", "en"],
    ["double u two three seven eight one five six", "en"],
    ["double-u 2 3 7 8 1 5 6", "en"],
    ["w 2 3 7 8 1 5 6", "en"],
    ["W two three seven eight one five six", "en"],
    ["Bestellnummer 2378156", "de"],
    ["meine Bestellung ist die 2378156", "de"],
    ["Bestellnummer zwei drei sieben acht eins fünf sechs", "de"],
    ["weh zwei drei sieben acht eins fünf sechs", "de"],
    ["commande 2378156", "fr"],
    ["numéro de commande deux trois sept huit un cinq six", "fr"],
    ["double vé deux trois sept huit un cinq six", "fr"],
    ["pedido 2378156", "es"],
    ["mi pedido es el dos tres siete ocho uno cinco seis", "es"],
    ["uve doble dos tres siete ocho uno cinco seis", "es"],
    ["ordine 2378156", "it"],
    ["il mio ordine è due tre sette otto uno cinque sei", "it"],
    ["doppia vu due tre sette otto uno cinque sei", "it"],
    ["bestelling 2378156", "nl"],
    ["mijn bestelnummer is twee drie zeven acht een vijf zes", "nl"],
    ["wee twee drie zeven acht een vijf zes", "nl"],
    ["2378156", "en", { expecting: "order_id" }],
    ["237 81 56", "en", { expecting: "order_id" }],
    ["two three seven eight one five six", "en", { expecting: "order_id" }],
    ["sure, it's 2378156", "en", { expecting: "order_id" }],
  ];
  for (const [text, language, over] of found) {
    test(`${language}: "${text}"`, () =>
      assert.deepEqual(orderIds(text, { language, ...over }), ["#W2378156"]));
  }

  test("zeros said as 'oh', and doubled or tripled digits", () => {
    assert.deepEqual(orderIds("w oh seven double five triple one"), ["#W0755111"]);
    assert.deepEqual(orderIds("w doppel fünf drei null null eins zwei", { language: "de" }), ["#W5530012"]);
    assert.deepEqual(orderIds("w double cinq trois zéro zéro un deux", { language: "fr" }), ["#W5530012"]);
    assert.deepEqual(orderIds("w doble cinco tres cero cero uno dos", { language: "es" }), ["#W5530012"]);
    assert.deepEqual(orderIds("w doppio cinque tre zero zero uno due", { language: "it" }), ["#W5530012"]);
    assert.deepEqual(orderIds("w dubbel vijf drie nul nul een twee", { language: "nl" }), ["#W5530012"]);
  });

  test("two orders in one message", () => {
    assert.deepEqual(orderIds("orders W2378156 and W4410327"), ["#W2378156", "#W4410327"]);
    assert.deepEqual(orderIds("orders 2378156 and 4410327"), ["#W2378156", "#W4410327"]);
  });

  test("the span covers the W and the digits, and the value is normalised", () => {
    const [e] = run(extractOrderIds, "Hi, it's #w 237 8156, thanks");
    assert.equal(e?.text, "#w 237 8156");
    assert.equal(e?.value, "#W2378156");
  });

  test("a typed block of seven followed by other numbers still counts", () => {
    assert.deepEqual(orderIds("W2378156 2 items"), ["#W2378156"]);
  });

  const notFound: Array<[string, Partial<EntityContext>?]> = [
    ["W237815"],
    ["W23781567"],
    ["order number 237815"],
    ["order number 23781567"],
    ["2378156"],
    ["I have 2378156 reasons"],
    ["SW2378156"],
    ["w two three seven eight one five"],
    ["w two three seven eight one five six seven"],
    ["call me on 2378156", { expecting: "postal_code" }],
    ["23781567", { expecting: "order_id" }],
    ["237815", { expecting: "order_id" }],
    ["the order arrived. 2378156 is my locker"],
  ];
  for (const [text, over] of notFound) {
    test(`not an order number: "${text}"`, () => assert.deepEqual(orderIds(text, over), []));
  }

  test("property: #W and 7 digits anywhere in text is found with its value", () => {
    const noise = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\p{L}\p{N}#]/gu, " "));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), noise, noise, (n, before, after) => {
        const digits = String(n).padStart(7, "0");
        assert.deepEqual(orderIds(`${before} #W${digits} ${after}`), [`#W${digits}`]);
      }),
      { numRuns: 300 },
    );
  });

  test("property: a random order number spelled after 'w', in any language", () => {
    const languages = Object.keys(SPOKEN) as Language[];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.constantFrom(...languages), (n, language) => {
        const digits = String(n).padStart(7, "0");
        const words = [...digits].map((d) => (SPOKEN[language] as string[])[Number(d)]).join(" ");
        assert.deepEqual(orderIds(`my order is w ${words} please`, { language }), [`#W${digits}`]);
      }),
      { numRuns: 300 },
    );
  });
});
