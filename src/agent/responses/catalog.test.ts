import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "@formatjs/icu-messageformat-parser";
import { LANGUAGES } from "../understanding/types.ts";
import { Catalog, readBuiltInCatalog } from "./catalog.ts";
import { code, money, order, text } from "./params.ts";
import { Renderer, spokenCode } from "./render.ts";

/** Argument names a message uses, from its parsed form (select branch words are not arguments). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: ReturnType<typeof parse>) => {
    for (const node of nodes as Array<{
      type: number;
      value?: string;
      options?: Record<string, { value: ReturnType<typeof parse> }>;
    }>) {
      if (node.type !== 0 && node.type !== 7 && node.value) names.add(node.value);
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe("message catalogs", () => {
  const en = readBuiltInCatalog("en");

  test("every language has every English message, with the same arguments", () => {
    for (const language of LANGUAGES) {
      const catalog = readBuiltInCatalog(language);
      assert.deepEqual(Object.keys(catalog).sort(), Object.keys(en).sort(), `${language} keys`);
      for (const [key, entry] of Object.entries(catalog)) {
        const mine = typeof entry === "string" ? entry : entry.text;
        const theirs = en[key];
        const english = typeof theirs === "string" ? theirs : (theirs?.text ?? "");
        assert.deepEqual(argumentsOf(mine), argumentsOf(english), `${language} ${key}`);
      }
      new Catalog(language, catalog, language); // compiles every message
    }
  });

  test("money, dates and lists follow the locale; identifiers are read in groups on the phone", () => {
    const de = new Catalog("de", readBuiltInCatalog("de"), "de");
    const english = new Catalog("en", en, "en");
    const text_ = new Renderer(de, english, "de-DE", "text", 2026);
    const line = text_.render("refund.to_business_days", {
      amount: money(4210, "EUR"),
      method: text("payment.paypal"),
    });
    assert.match(line, /42,10\s€/);
    const voice = new Renderer(english, english, "en-US", "voice", 2026);
    assert.match(voice.render("order.not_found", { order: order("#W2378156") }), /W, 2 3 7, 8 1 5 6/);
    assert.equal(spokenCode("RMA-4K7P2Q9X"), "R M A, 4 K 7, P 2 Q, 9 X");
    assert.equal(
      new Renderer(english, english, "en-US", "text", 2026).render("status.open_return", {
        rma: code("RMA-1"),
        status: text("return_status.requested"),
      }),
      "There's a return open on it (RMA-1): waiting for you to send the items.",
    );
  });

  test("a message's skeletons keep its fixed text, mark its parameters and follow each choice", () => {
    const catalog = new Catalog(
      "en",
      {
        "identify.verified": "Thanks, {name}, I've found your account.",
        "orders.count":
          "You have {count, plural, one {# order} other {# orders}}. {which, select, a {A} other {B}}",
      },
      "test",
    );
    assert.deepEqual(catalog.skeletons("identify.verified", "voice", "¤"), [
      "Thanks, ¤, I've found your account.",
    ]);
    // A choice gives a skeleton per branch; a plural is a parameter.
    assert.deepEqual(catalog.skeletons("orders.count", "text", "¤"), ["You have ¤. A", "You have ¤. B"]);
    assert.deepEqual(catalog.skeletons("missing.key", "text", "¤"), []);
  });
});
