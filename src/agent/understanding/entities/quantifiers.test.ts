import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Language } from "../types.ts";
import { extractQuantifiers } from "./quantifiers.ts";
import { run, valuesOf } from "./test-helpers.ts";

function quantifiers(text: string, language: Language = "en"): string[] {
  return valuesOf(run(extractQuantifiers, text, { language }), "quantifier");
}

describe("quantifiers", () => {
  const cases: Array<[string, Language, string]> = [
    ["all", "en", "all"],
    ["all of them", "en", "all"],
    ["everything", "en", "all"],
    ["both", "en", "both"],
    ["both of them", "en", "both"],
    ["none", "en", "none"],
    ["neither of them", "en", "none"],
    ["alles", "de", "all"],
    ["alle", "de", "all"],
    ["beide", "de", "both"],
    ["beiden", "de", "both"],
    ["keins", "de", "none"],
    ["Keine.", "de", "none"],
    ["keine davon", "de", "none"],
    ["tout", "fr", "all"],
    ["tous", "fr", "all"],
    ["toutes", "fr", "all"],
    ["les deux", "fr", "both"],
    ["tous les deux", "fr", "both"],
    ["aucun", "fr", "none"],
    ["todo", "es", "all"],
    ["todos", "es", "all"],
    ["los dos", "es", "both"],
    ["ambas", "es", "both"],
    ["ninguno", "es", "none"],
    ["tutto", "it", "all"],
    ["tutti", "it", "all"],
    ["entrambi", "it", "both"],
    ["tutti e due", "it", "both"],
    ["nessuno", "it", "none"],
    ["allemaal", "nl", "all"],
    ["alles", "nl", "all"],
    ["allebei", "nl", "both"],
    ["beide", "nl", "both"],
    ["geen", "nl", "none"],
    ["geen van beide", "nl", "none"],
  ];
  for (const [text, language, expected] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(quantifiers(text, language), [expected]));
  }

  const none: Array<[string, Language]> = [
    ["all right", "en"],
    ["alright then", "en"],
    ["not at all", "en"],
    ["that's all", "en"],
    ["alles klar", "de"],
    ["keine Ahnung", "de"],
    ["ich habe keine Bestellnummer", "de"],
    ["pas du tout", "fr"],
    ["tout à fait", "fr"],
    ["c'est tout", "fr"],
    ["todo bien", "es"],
    ["de nada", "es"],
    ["tutto bene", "it"],
    ["per niente", "it"],
    ["geen idee", "nl"],
    ["ik heb geen tijd", "nl"],
    ["alles goed", "nl"],
    // Another language's word is not read: "alle" is Italian for "to the".
    ["alle tre", "it"],
  ];
  for (const [text, language] of none) {
    test(`no quantifier: "${text}" (${language})`, () => assert.deepEqual(quantifiers(text, language), []));
  }

  test("the longer phrase wins: 'tous les deux' is both, not all", () => {
    const found = run(extractQuantifiers, "je veux retourner tous les deux", { language: "fr" });
    assert.equal(found.length, 1);
    assert.equal(found[0]?.text, "tous les deux");
  });
});
