import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  type Country,
  type Entity,
  type EntityContext,
  type EntityType,
  LANGUAGES,
  type Language,
} from "../types.ts";
import { extractEntities } from "./index.ts";
import { CATALOG, ctx, spansHold } from "./test-helpers.ts";

const ITEMS: NonNullable<EntityContext["orderItems"]> = [
  { lineId: "L1", name: "Mechanical Keyboard", options: { "switch type": "clicky", backlight: "RGB" } },
  { lineId: "L2", name: "Electric Kettle", options: { color: "white" } },
];

function summary(entities: Entity[]): Array<[EntityType, unknown]> {
  return entities.map((e) => [e.type, e.value]);
}

describe("extractEntities", () => {
  test("a full customer message", () => {
    const text =
      "Hi, I'm Yusuf Rossi. My order #W2378156 has the mechanical keyboard, I want to return the second one. " +
      "Email yusuf.rossi@example.com, zip 19122, phone (215) 555-0199. I'll pay $50 next Friday.";
    const found = extractEntities(text, ctx({ catalog: CATALOG, orderItems: ITEMS }));
    assert.ok(spansHold(text, found));
    assert.deepEqual(summary(found), [
      ["person_name", { first: "Yusuf", last: "Rossi" }],
      ["order_id", "#W2378156"],
      ["product", { productId: "1656367028", name: "Mechanical Keyboard", score: 1 }],
      ["item_reference", { lineIds: ["L1"] }],
      ["ordinal", 2],
      ["item_reference", { lineIds: ["L2"] }],
      ["email", "yusuf.rossi@example.com"],
      ["postal_code", "19122"],
      ["phone", "+12155550199"],
      ["amount", { amount: 50, currency: "USD" }],
      ["date", "2026-03-20"],
    ]);
  });

  test("sorted by start, spans in the original text", () => {
    const text = "zwei drei sieben acht eins fünf sechs, PLZ 10115, am 3. Dezember";
    const found = extractEntities(text, ctx({ language: "de" }));
    assert.deepEqual(
      found.map((e) => e.start),
      [...found.map((e) => e.start)].sort((x, y) => x - y),
    );
    assert.ok(spansHold(text, found));
  });

  test("an order number's digits are not also a postcode, phone or number", () => {
    const found = extractEntities("order 2378156, zip code please", ctx({ expecting: "postal_code" }));
    assert.deepEqual(summary(found), [["order_id", "#W2378156"]]);
    const spoken = extractEntities("w two three seven eight one five six", ctx({ country: "GB" }));
    assert.deepEqual(summary(spoken), [["order_id", "#W2378156"]]);
  });

  test("an email is not a name, a phone or a number", () => {
    assert.deepEqual(summary(extractEntities("I'm John.Smith2155550199@example.com", ctx())), [
      ["email", "john.smith2155550199@example.com"],
    ]);
    assert.deepEqual(summary(extractEntities("this is Anna dot Berg at example dot com", ctx())), [
      ["email", "anna.berg@example.com"],
    ]);
  });

  test("a date's and an amount's numbers are not numbers too", () => {
    assert.deepEqual(summary(extractEntities("in 3 days, 20 euros", ctx())), [
      ["date", "2026-03-14"],
      ["amount", { amount: 20, currency: "EUR" }],
    ]);
  });

  test("a postcode and a phone side by side stay apart", () => {
    assert.deepEqual(summary(extractEntities("zip 19122 2155550199", ctx())), [
      ["postal_code", "19122"],
      ["phone", "+12155550199"],
    ]);
  });

  test("the product wins over an option value inside its name; several products may share words", () => {
    assert.deepEqual(
      summary(extractEntities("the kettle", ctx({ catalog: CATALOG }))).map(([type, v]) => [
        type,
        (v as { name: string }).name,
      ]),
      [
        ["product", "Electric Kettle"],
        ["product", "Tea Kettle"],
      ],
    );
  });

  test("per language, one message each", () => {
    const cases: Array<[Language, string, EntityType[]]> = [
      ["en", "yes, order W2378156, tomorrow", ["yes_no", "order_id", "date"]],
      ["de", "Ja, Bestellnummer 2378156, morgen", ["yes_no", "order_id", "date"]],
      ["fr", "Oui, commande 2378156, demain", ["yes_no", "order_id", "date"]],
      ["es", "Sí, pedido 2378156, mañana", ["yes_no", "order_id", "date"]],
      ["it", "Sì, ordine 2378156, domani", ["yes_no", "order_id", "date"]],
      ["nl", "Ja, bestelling 2378156, morgen", ["yes_no", "order_id", "date"]],
    ];
    for (const [language, text, types] of cases) {
      assert.deepEqual(
        extractEntities(text, ctx({ language })).map((e) => e.type),
        types,
        `${language}: ${text}`,
      );
    }
  });

  test("empty and blank messages", () => {
    assert.deepEqual(extractEntities("", ctx()), []);
    assert.deepEqual(extractEntities("   \n", ctx()), []);
  });

  const TRICKY = fc.oneof(
    fc.constantFrom(..."aW#@.,- 0123456789"),
    fc.constantFrom(
      "é",
      "É",
      "ß",
      "ü",
      "ø",
      "\u0301",
      "İ",
      "º",
      "ª",
      "’",
      "€",
      "£",
      "$",
      "😀",
      "\ud800",
      "\n",
      "\t",
      "\u00a0",
    ),
  );

  const contexts = fc.record({
    language: fc.constantFrom<Language>(...LANGUAGES),
    today: fc.constantFrom("2026-03-11", "2024-02-29", "2025-12-31", "garbage"),
    country: fc.option(fc.constantFrom<Country>("US", "GB", "DE", "FR", "ES", "IT", "NL"), {
      nil: undefined,
    }),
    expecting: fc.option(
      fc.constantFrom<EntityType>(
        "order_id",
        "email",
        "phone",
        "postal_code",
        "person_name",
        "yes_no",
        "date",
        "number",
      ),
      { nil: undefined },
    ),
  });

  function check(text: string, context: EntityContext): void {
    const found = extractEntities(text, { ...context, catalog: CATALOG, orderItems: ITEMS });
    assert.ok(spansHold(text, found), JSON.stringify(found));
    for (let k = 1; k < found.length; k++)
      assert.ok((found[k - 1] as Entity).start <= (found[k] as Entity).start);
    // Apart from item references, which point through other entities' words, no two entities overlap.
    const plain = found.filter(
      (e) => e.type !== "item_reference" && e.type !== "product" && e.type !== "option_value",
    );
    for (const x of plain)
      for (const y of plain)
        if (x !== y) assert.ok(x.end <= y.start || y.end <= x.start, JSON.stringify([x, y]));
  }

  test("property: never throws, spans inside the text, sorted (strings)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), contexts, (text, context) => check(text, context)),
      { numRuns: 400 },
    );
  });

  // Full Unicode strings are slow to generate, so few of them; the mixed alphabet below covers the
  // characters that matter (accents, combining marks, ß, currency signs, lone surrogates, emoji) cheaply.
  test("property: never throws on any Unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), contexts, (text, context) =>
        check(text, context),
      ),
      { numRuns: 100 },
    );
  });

  test("property: never throws on mixed scripts and marks", () => {
    fc.assert(
      fc.property(fc.string({ unit: TRICKY, maxLength: 120 }), contexts, (text, context) =>
        check(text, context),
      ),
      { numRuns: 400 },
    );
  });

  test("property: never throws on word soup from the entities' own vocabulary", () => {
    const words = fc.constantFrom(
      ...(
        "w double u two oh seven 2378156 237 81 56 at dot com punto arroba john smith my name is I'm Yusuf Rossi " +
        "yes no not ok the second one last all both none $ € 20,50 fifty euros next Friday in 3 days end of month " +
        "3/12 03.12.2026 the 15th zip 19122 SW1A 1AA 1234 AB + 44 7700 900123 keyboard kettle blue size L , . ! ?"
      ).split(" "),
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 25 }), contexts, (list, context) =>
        check(list.join(" "), context),
      ),
      { numRuns: 400 },
    );
  });

  // Speed is measured in bench/agent-turn.ts, not asserted here: the machines are shared and noisy.
  test("a message at the length limit is read whole, the entities of each repeat found", () => {
    const text = "Order #W2378156, email john.smith@example.com. ";
    const long = text.repeat(Math.floor(4000 / text.length));
    const context = ctx({ catalog: CATALOG, orderItems: ITEMS });
    const found = extractEntities(long, context).filter((e) => e.type === "order_id");
    assert.equal(found.length, Math.floor(4000 / text.length));
  });
});
