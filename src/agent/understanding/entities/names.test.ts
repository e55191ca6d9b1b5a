import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { EntityContext, Language } from "../types.ts";
import { extractEntities } from "./index.ts";
import { extractNames } from "./names.ts";
import { ctx, run, valuesOf } from "./test-helpers.ts";

type Name = { first?: string; last?: string };

function names(text: string, over: Partial<EntityContext> = {}): Name[] {
  return valuesOf(run(extractNames, text, over), "person_name");
}

describe("person names", () => {
  const cases: Array<[string, Language, Name, Partial<EntityContext>?]> = [
    ["my name is Yusuf Rossi", "en", { first: "Yusuf", last: "Rossi" }],
    ["Hi, I'm Yusuf Rossi and I need help", "en", { first: "Yusuf", last: "Rossi" }],
    ["I am Yusuf", "en", { first: "Yusuf" }],
    // "mei" is a month in Dutch only: in English it is a first name.
    ["I'm Mei Kovacs and my zip code is 28236", "en", { first: "Mei", last: "Kovacs" }],
    ["this is Yusuf from Philadelphia", "en", { first: "Yusuf" }],
    ["name's Rossi", "en", { first: "Rossi" }],
    ["My name is: Anna-Lena O'Brien", "en", { first: "Anna-Lena", last: "O'Brien" }],
    ["my last name is Rossi", "en", { last: "Rossi" }],
    ["surname is van den Berg", "en", { last: "van den Berg" }],
    ["my first name is Yusuf", "en", { first: "Yusuf" }],
    ["I'm Mrs Smith", "en", { last: "Smith" }],
    ["Mr. John Smith here", "en", { first: "John", last: "Smith" }],
    ["Herr Müller", "de", { last: "Müller" }],
    ["Meneer van den Berg", "nl", { last: "van den Berg" }],
    ["Signora Bianchi", "it", { last: "Bianchi" }],
    ["my name is yusuf rossi", "en", { first: "yusuf", last: "rossi" }],
    ["ich heiße Anna Müller", "de", { first: "Anna", last: "Müller" }],
    ["Mein Name ist Anna von der Heide", "de", { first: "Anna", last: "von der Heide" }],
    ["Hallo, hier ist Frau Schmidt", "de", { last: "Schmidt" }],
    ["ich bin die Anna", "de", { first: "Anna" }],
    ["je m'appelle Marie Dupont", "fr", { first: "Marie", last: "Dupont" }],
    ["mon nom est Jean-Luc Picard", "fr", { first: "Jean-Luc", last: "Picard" }],
    ["je suis Madame Dubois", "fr", { last: "Dubois" }],
    ["me llamo Juan García", "es", { first: "Juan", last: "García" }],
    ["mi nombre es María del Carmen López", "es", { first: "María", last: "del Carmen López" }],
    ["soy Lucía", "es", { first: "Lucía" }],
    ["mi chiamo Marco De Luca", "it", { first: "Marco", last: "De Luca" }],
    ["sono Giulia Rossi", "it", { first: "Giulia", last: "Rossi" }],
    ["mijn naam is Jan van der Berg", "nl", { first: "Jan", last: "van der Berg" }],
    ["ik heet Sanne de Vries", "nl", { first: "Sanne", last: "de Vries" }],
    ["ik ben Pieter", "nl", { first: "Pieter" }],
    ["Yusuf Rossi", "en", { first: "Yusuf", last: "Rossi" }, { expecting: "person_name" }],
    ["yusuf rossi", "en", { first: "yusuf", last: "rossi" }, { expecting: "person_name" }],
    ["Rossi, Yusuf", "en", { first: "Yusuf", last: "Rossi" }, { expecting: "person_name" }],
    ["it's yusuf rossi", "en", { first: "yusuf", last: "rossi" }, { expecting: "person_name" }],
    ["  Yusuf Rossi. ", "en", { first: "Yusuf", last: "Rossi" }, { expecting: "person_name" }],
  ];
  for (const [text, language, expected, over] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(names(text, { language, ...over }), [expected]));
  }

  const none: Array<[string, Language, Partial<EntityContext>?]> = [
    ["I'm looking for my order", "en"],
    ["I am not happy", "en"],
    ["this is ridiculous", "en"],
    ["I'm German", "en"],
    ["It's Monday", "en"],
    ["my name is misspelled", "en"],
    ["I'm UPS", "en"],
    ["I'm sorry", "en"],
    ["ich bin Kunde seit Jahren", "de"],
    ["Ich bin Lehrer und brauche Hilfe", "de"],
    ["ich bin sehr enttäuscht", "de"],
    ["je suis déçu", "fr"],
    ["soy cliente", "es"],
    ["sono arrabbiato", "it"],
    ["ik ben klant", "nl"],
    ["Yusuf Rossi", "en"],
    ["where is my order", "en", { expecting: "person_name" }],
    ["yes", "en", { expecting: "person_name" }],
  ];
  for (const [text, language, over] of none) {
    test(`no name: "${text}"`, () => assert.deepEqual(names(text, { language, ...over }), []));
  }

  test("the span is the name without the introduction, capitalisation kept", () => {
    const [e] = run(extractNames, "Hello, my name is Yusuf Rossi.");
    assert.equal(e?.text, "Yusuf Rossi");
  });

  test("an email address is not a name", () => {
    const found = extractEntities("I'm John.Smith@example.com", ctx());
    assert.deepEqual(
      found.map((e) => e.type),
      ["email"],
    );
  });

  test("property: any two capitalised words after 'my name is' are first and last", () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{2,9}$/);
    fc.assert(
      fc.property(word, word, (first, last) => {
        const found = names(`Hi, my name is ${first} ${last}.`);
        const stop = new Set(["Sorry", "Here", "Not", "The", "And", "But", "From"]);
        if (stop.has(first) || stop.has(last)) return;
        assert.equal(found.length <= 1, true);
        if (found.length === 1) assert.deepEqual(found[0]?.first, first);
      }),
      { numRuns: 200 },
    );
  });
});
