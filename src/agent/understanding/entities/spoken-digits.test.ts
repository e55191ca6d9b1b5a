import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import { type RedactionContext, redact } from "../../../compliance/redaction/index.ts";
import { cardNumber } from "../../../compliance/redaction/test-helpers.ts";
import type { Language } from "../types.ts";
import { findSpokenDigits } from "./spoken-digits.ts";

const SPOKEN: Record<Language, string[]> = {
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
  de: ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
  fr: ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
  es: ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
  it: ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
  nl: ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
};
const LANGUAGES = Object.keys(SPOKEN) as Language[];

const say = (digits: string, language: Language) =>
  [...digits].map((d) => SPOKEN[language][Number(d)]).join(" ");
const redacted = (text: string, context?: RedactionContext) =>
  redact(text, { spokenDigits: findSpokenDigits, context });

describe("findSpokenDigits", () => {
  it("returns the runs that were at least partly spoken, with their digits and span", () => {
    const text = "it's four two four two 4242 and order 2378156";
    assert.deepEqual(findSpokenDigits(text), [{ start: 5, end: 27, digits: "42424242" }]);
  });

  it("reads all six languages, double and mixed words", () => {
    assert.deepEqual(
      findSpokenDigits("vier zwei, quatre deux, double four").map((s) => s.digits),
      ["424244"],
    );
    for (const language of LANGUAGES)
      assert.deepEqual(
        findSpokenDigits(say("4242", language)).map((s) => s.digits),
        ["4242"],
        language,
      );
  });

  it("ignores typed digits alone and single number words", () => {
    assert.deepEqual(findSpokenDigits("order 2378156"), []);
    assert.deepEqual(findSpokenDigits("the second one"), []);
    assert.deepEqual(findSpokenDigits(""), []);
  });
});

describe("redact with spoken digits", () => {
  it("masks a card read out in any of the six languages", () => {
    const card = "4242424242424242";
    for (const [language, lead] of [
      ["en", "my card number is"],
      ["de", "meine Kartennummer ist"],
      ["fr", "mon numéro de carte est"],
      ["es", "el número de tarjeta es"],
      ["it", "il numero della carta è"],
      ["nl", "mijn kaartnummer is"],
    ] as const) {
      const out = redacted(`${lead} ${say(card, language)}`);
      assert.equal(out.text, `${lead} [card ending 4242]`, language);
    }
  });

  it("masks a card said with doubles, tens and typed digits mixed in", () => {
    assert.equal(redacted("double four two four two four 4242 4242 four two").text, "[card ending 4242]");
    assert.equal(
      redacted("forty-two forty-two forty-two forty-two forty-two forty-two forty-two forty-two").text,
      "[card ending 4242]",
    );
    assert.equal(
      redacted("vier zwei vier zwei, 4242 4242, vier zwei vier zwei 4242").text,
      "[card ending 4242]",
    );
  });

  it("catches a spoken card split across two turns", () => {
    const first = redacted("my card starts with four two four two four two");
    assert.equal(first.text, "my card starts with [card digits removed]");
    const second = redacted("quatre deux quatre deux quatre deux quatre deux quatre deux", first.context);
    assert.equal(second.text, "[card digits removed]");
  });

  it("leaves spoken order numbers and phones alone outside card context", () => {
    for (const text of [
      "W two three seven eight one five six",
      "my order is two three seven eight one five six",
      "Bestellung zwei drei sieben acht eins fünf sechs",
      "call me on oh seven seven double oh nine one two three",
      "plus four nine one five one two three four five six seven eight nine",
    ])
      assert.equal(redacted(text).text, text);
  });

  it("masks any valid card read out in any language", () => {
    fc.assert(
      fc.property(cardNumber, fc.constantFrom(...LANGUAGES), (card, language) => {
        const out = redacted(`number ${say(card, language)} thanks`);
        assert.equal(out.text, `number [card ending ${card.slice(-4)}] thanks`);
      }),
    );
  });

  it("is idempotent with the real finder", () => {
    const word = fc.constantFrom(
      ...Object.values(SPOKEN).flat(),
      "double",
      "card",
      "order",
      "4242",
      "W",
      ",",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.boolean(), (words, cardContext) => {
        const once = redacted(words.join(" "), { cardContext }).text;
        assert.equal(redacted(once, { cardContext }).text, once);
      }),
    );
  });
});

describe("the default agent's conversation tests", () => {
  const dir = join(import.meta.dirname, "../../../../agents/default/tests");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".yaml")) files.push(path);
    }
  };
  walk(dir);

  it("have no customer turn that redaction would change, alone or with the context carried", () => {
    assert.ok(files.length > 0);
    let turns = 0;
    for (const file of files) {
      const test = parse(readFileSync(file, "utf8")) as { turns?: Array<{ customer?: unknown }> };
      let context: RedactionContext = { cardContext: false };
      for (const turn of test.turns ?? []) {
        if (typeof turn.customer !== "string") continue;
        turns++;
        assert.equal(redacted(turn.customer).text, turn.customer, file);
        const carried = redacted(turn.customer, context);
        assert.equal(carried.text, turn.customer, file);
        context = carried.context;
      }
    }
    assert.ok(turns > 100, `only ${turns} turns`);
  });
});
