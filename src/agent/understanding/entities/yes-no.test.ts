import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { EntityContext, Language } from "../types.ts";
import { run, valuesOf } from "./test-helpers.ts";
import { WORDS } from "./words/index.ts";
import { extractYesNo } from "./yes-no.ts";

function answer(text: string, language: Language, over: Partial<EntityContext> = {}): boolean | undefined {
  const found = valuesOf(run(extractYesNo, text, { language, ...over }), "yes_no");
  assert.ok(found.length <= 1);
  return found[0];
}

const YES: Record<Language, string[]> = {
  en: [
    "yes",
    "Yeah",
    "yep",
    "yup",
    "sure",
    "correct",
    "right",
    "ok",
    "okay",
    "go ahead",
    "do it",
    "please do",
    "sounds good",
    "absolutely",
    "of course",
    "Yes please!",
    "that's right",
    "no problem",
  ],
  de: [
    "ja",
    "jawohl",
    "genau",
    "klar",
    "gerne",
    "passt",
    "stimmt",
    "mach das",
    "Ja, bitte",
    "alles klar",
    "in Ordnung",
    "doch",
  ],
  fr: [
    "oui",
    "ouais",
    "d'accord",
    "ok",
    "bien sûr",
    "exactement",
    "c'est bon",
    "vas-y",
    "allez-y",
    "Oui, merci",
    "tout à fait",
    "pas de problème",
  ],
  es: [
    "sí",
    "si",
    "vale",
    "claro",
    "por supuesto",
    "de acuerdo",
    "adelante",
    "exacto",
    "Sí, gracias",
    "está bien",
  ],
  it: [
    "sì",
    "si",
    "certo",
    "va bene",
    "d'accordo",
    "esatto",
    "procedi",
    "vai",
    "Sì grazie",
    "nessun problema",
  ],
  nl: ["ja", "jazeker", "prima", "goed", "oké", "klopt", "doe maar", "graag", "Ja, graag", "geen probleem"],
};

const NO: Record<Language, string[]> = {
  en: [
    "no",
    "nope",
    "nah",
    "don't",
    "do not",
    "not now",
    "cancel that",
    "never mind",
    "No thanks.",
    "not ok",
    "of course not",
    "absolutely not",
  ],
  de: [
    "nein",
    "nee",
    "lieber nicht",
    "auf keinen Fall",
    "Nein, danke",
    "nicht gut",
    "stimmt nicht",
    "noch nicht",
  ],
  fr: ["non", "pas du tout", "surtout pas", "Non merci", "pas d'accord", "pas bon", "pas maintenant"],
  es: ["no", "para nada", "mejor no", "No, gracias", "no vale", "ahora no", "todavía no"],
  it: ["no", "per niente", "meglio di no", "No grazie", "non va bene", "non ora", "non è corretto"],
  nl: [
    "nee",
    "neen",
    "liever niet",
    "zeker niet",
    "Nee, dank je",
    "niet goed",
    "klopt niet",
    "doe maar niet",
  ],
};

describe("yes and no", () => {
  for (const language of Object.keys(YES) as Language[]) {
    for (const text of YES[language]) {
      test(`${language} yes: "${text}"`, () => assert.equal(answer(text, language), true));
    }
    for (const text of NO[language]) {
      test(`${language} no: "${text}"`, () => assert.equal(answer(text, language), false));
    }
  }

  const longer: Array<[string, Language, boolean]> = [
    ["No, I'd rather keep it", "en", false],
    ["Yes, and I have no idea where the box is", "en", true],
    ["no, yes that's right", "en", true],
    ["yes... no, wait, don't", "en", false],
    ["Uh, yes please go ahead", "en", true],
    ["I guess that's fine", "en", true],
    ["It's fine, go ahead and cancel it", "en", true],
    ["Ja, das passt so", "de", true],
    ["Nein, das möchte ich nicht", "de", false],
    ["Oui, c'est bon pour moi", "fr", true],
    ["Non, pas maintenant", "fr", false],
    ["Sí, claro, adelante", "es", true],
    ["No, no quiero cancelarlo", "es", false],
    ["Sì, va bene così", "it", true],
    ["No, grazie lo stesso", "it", false],
    ["Ja hoor, doe maar", "nl", true],
    ["Nee, liever niet", "nl", false],
  ];
  for (const [text, language, expected] of longer) {
    test(`${language}: "${text}"`, () => assert.equal(answer(text, language), expected));
  }

  const notAnswers: Array<[string, Language]> = [
    ["I have no idea where my order is", "en"],
    ["There is no tracking number", "en"],
    ["Where is my order? It was supposed to arrive yesterday and I still have no update", "en"],
    ["I'm looking for my order", "en"],
    ["please cancel my order", "en"],
    ["Good morning", "en"],
    ["I don't know", "en"],
    ["Mir ist nicht klar, wo meine Bestellung ist", "de"],
    ["Keine Ahnung", "de"],
    ["Je n'ai aucune idée", "fr"],
    ["No he recibido mi pedido", "es"],
    ["Si no llega mañana quiero el reembolso", "es"],
    ["Non è ancora arrivato il pacco", "it"],
    ["Si è rotto il manico", "it"],
    ["Geen idee", "nl"],
    ["", "en"],
  ];
  for (const [text, language] of notAnswers) {
    test(`no answer: "${text}"`, () => assert.equal(answer(text, language), undefined));
  }

  test("after a yes/no question, an answer further in counts", () => {
    assert.equal(answer("I think that's correct", "en", { expecting: "yes_no" }), true);
    assert.equal(answer("No he recibido nada, así que no", "es", { expecting: "yes_no" }), false);
    assert.equal(answer("Das ist nicht gut", "de", { expecting: "yes_no" }), false);
    assert.equal(answer("hmm, right", "en", { expecting: "yes_no" }), true);
  });

  test("the span is the deciding answer", () => {
    const [e] = run(extractYesNo, "no, yes that's right");
    assert.equal(e?.text, "that's right");
    const [negated] = run(extractYesNo, "not ok");
    assert.equal(negated?.text, "not ok");
  });

  test("property: every listed yes and no word answers on its own", () => {
    const entries = (Object.keys(WORDS) as Language[]).flatMap((language) => [
      ...WORDS[language].yes.map((p) => [language, p, true] as const),
      ...WORDS[language].no.map((p) => [language, p, false] as const),
    ]);
    fc.assert(
      fc.property(
        fc.constantFrom(...entries),
        fc.constantFrom("", ".", "!"),
        ([language, phrase, value], end) => {
          assert.equal(answer(`${phrase}${end}`, language, { expecting: "yes_no" }), value);
        },
      ),
      { numRuns: 400 },
    );
  });
});
