import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { LANGUAGES, type Language } from "../types.ts";
import { scoreSentiment } from "./index.ts";
import { LEXICONS } from "./lexicon/index.ts";

const score = (text: string, language: Language = "en") => scoreSentiment(text, language).score;
const label = (text: string, language: Language = "en") => scoreSentiment(text, language).label;

describe("scoreSentiment: negation", () => {
  const pairs: Array<[Language, string, string]> = [
    ["en", "I am happy with the jacket", "I am not happy with the jacket"],
    ["de", "Ich bin zufrieden", "Ich bin nicht zufrieden"],
    ["fr", "Je suis content", "Je ne suis pas content"],
    ["es", "Estoy contento", "No estoy contento"],
    ["it", "Sono soddisfatto", "Non sono soddisfatto"],
    ["nl", "Ik ben tevreden", "Ik ben niet tevreden"],
  ];
  for (const [language, plain, negated] of pairs) {
    test(`${language}: "${negated}" is negative where "${plain}" is positive`, () => {
      assert.equal(label(plain, language), "positive");
      assert.equal(label(negated, language), "negative");
      // Dampened: "not happy" is milder than the positive was strong.
      assert.ok(Math.abs(score(negated, language)) < score(plain, language));
    });
  }

  test("French ne ... pas reaches a verb between its halves, and spoken French without ne", () => {
    assert.equal(label("Je n'aime pas la couleur", "fr"), "negative");
    assert.equal(label("J'aime pas la couleur", "fr"), "negative");
    assert.equal(label("Ça ne me plaît pas du tout", "fr"), "negative");
  });

  test("a clause-final negation applies to the word before it (German, Dutch)", () => {
    assert.equal(label("Die Farbe gefällt mir leider nicht", "de"), "negative");
    assert.equal(label("Het bevalt me niet", "nl"), "negative");
  });

  test("negation reaches at most three words and stops at punctuation", () => {
    assert.equal(label("No, the delivery was great"), "positive");
    assert.equal(label("I did not expect the support to be this great"), "positive");
  });

  test("'not at all', 'überhaupt nicht', 'per niente' negate harder than the plain negation", () => {
    assert.ok(score("I'm not satisfied at all") < score("I'm not satisfied"));
    assert.ok(score("Ich bin überhaupt nicht zufrieden", "de") < score("Ich bin nicht zufrieden", "de"));
    assert.ok(score("Non sono per niente soddisfatto", "it") < score("Non sono soddisfatto", "it"));
  });

  test("a negated negative word is only faintly positive", () => {
    assert.equal(label("not bad"), "neutral");
    assert.equal(label("Nicht schlecht", "de"), "neutral");
    assert.ok(score("not bad") > 0);
  });

  test("phrases carrying their own negation are not flipped again", () => {
    assert.equal(label("No problem, thanks!"), "positive");
    assert.equal(label("Kein Problem", "de"), "neutral");
    assert.equal(label("Never again."), "negative");
    assert.equal(label("Pas de souci, merci", "fr"), "positive");
    assert.equal(label("No thanks, that's all"), "neutral");
  });
});

describe("scoreSentiment: intensifiers and downtoners", () => {
  const triples: Array<[Language, string, string, string]> = [
    ["en", "I am disappointed", "I am very disappointed", "I am a bit disappointed"],
    ["de", "Ich bin enttäuscht", "Ich bin sehr enttäuscht", "Ich bin etwas enttäuscht"],
    ["fr", "Je suis déçu", "Je suis très déçu", "Je suis un peu déçu"],
    ["es", "Estoy decepcionado", "Estoy muy decepcionado", "Estoy un poco decepcionado"],
    ["it", "Sono deluso", "Sono molto deluso", "Sono un po' deluso"],
    ["nl", "Ik ben teleurgesteld", "Ik ben heel teleurgesteld", "Ik ben een beetje teleurgesteld"],
  ];
  for (const [language, plain, stronger, weaker] of triples) {
    test(`${language}: intensifier strengthens, downtoner softens`, () => {
      assert.ok(score(stronger, language) < score(plain, language));
      assert.ok(score(plain, language) < score(weaker, language));
      assert.ok(score(weaker, language) < 0);
    });
  }

  test("intensifiers work on positive words too, and 'super' is both a word and an intensifier", () => {
    assert.ok(score("extremely helpful") > score("helpful"));
    assert.ok(score("Super schnell, danke", "de") > score("schnell, danke", "de"));
    assert.equal(label("Super!", "de"), "positive");
    assert.equal(label("Ik ben superblij", "nl"), "positive");
  });

  test("an intensifier with no sentiment word after it changes nothing", () => {
    assert.equal(score("I really want to return the shoes"), 0);
  });
});

describe("scoreSentiment: emphasis", () => {
  test("ALL CAPS strengthens negative words", () => {
    assert.ok(score("This is UNACCEPTABLE") < score("This is unacceptable"));
    assert.ok(score("DAS IST EINE FRECHHEIT", "de") < score("Das ist eine Frechheit", "de"));
  });

  test("repeated exclamation marks strengthen a complaint, a single one does not", () => {
    assert.ok(score("This is ridiculous!!!") < score("This is ridiculous"));
    assert.equal(score("This is ridiculous!"), score("This is ridiculous"));
  });

  test("question marks alone do not make a message negative", () => {
    assert.equal(score("Where is my order?"), 0);
    assert.equal(score("Where is my order???"), 0);
    assert.equal(score("Is this ridiculous?"), score("Is this ridiculous"));
  });

  test("shouting without a sentiment word leans negative but stays neutral", () => {
    const shouted = scoreSentiment("WHERE IS MY ORDER", "en");
    assert.ok(shouted.score < 0);
    assert.equal(shouted.label, "neutral");
    assert.equal(score("Order from DHL"), 0);
  });
});

describe("scoreSentiment: combining words", () => {
  test("calmly described problems stay above the escalation line; anger words cross it", () => {
    assert.ok(score("You sent the wrong item, it is broken, scratched and late") > -0.6);
    assert.ok(score("Das Paket kam zu spät und der Artikel ist kaputt und zerkratzt", "de") > -0.6);
    assert.ok(score("This is unacceptable") <= -0.6);
    assert.ok(score("Third time I write and still nothing") <= -0.6);
  });

  test("what follows 'but' outweighs what came before it", () => {
    assert.equal(label("The support was great but the item is still broken"), "negative");
    assert.equal(label("The courier was late, but your support was great"), "positive");
    assert.equal(label("Die Lieferung war schnell, aber der Artikel ist kaputt", "de"), "negative");
  });
});

describe("scoreSentiment: matching", () => {
  test("accents and case are optional", () => {
    assert.equal(score("Je suis decu", "fr"), score("Je suis DÉÇU".toLowerCase(), "fr"));
    assert.equal(score("Das ist unverschamt", "de"), score("Das ist unverschämt", "de"));
    assert.equal(score("Scheisse", "de"), score("Scheiße", "de"));
    assert.equal(score("Que verguenza", "es"), score("Qué vergüenza", "es"));
  });

  test("phrases win over their words, and inflections are found", () => {
    // "good morning" is a greeting, not praise; "buenas tardes" is not "late".
    assert.equal(score("Good morning, where is my parcel?"), 0);
    assert.equal(score("Buenas tardes", "es"), 0);
    assert.equal(label("Eine schlechte Erfahrung", "de"), "negative");
    assert.equal(label("Sono molto arrabbiata", "it"), "negative");
    assert.equal(label("Je suis déçue", "fr"), "negative");
  });

  test("neutral task messages score 0 in every language", () => {
    const tasks: Array<[Language, string]> = [
      ["en", "where is my order #W2378156"],
      ["en", "I want to return the shoes"],
      ["de", "Wo ist meine Bestellung #W2378156?"],
      ["fr", "Je veux retourner les chaussures"],
      ["es", "Quiero devolver los zapatos"],
      ["it", "Dov'è il mio ordine #W2378156?"],
      ["nl", "Ik wil de schoenen retourneren"],
    ];
    for (const [language, text] of tasks) assert.equal(score(text, language), 0, text);
  });

  test("an empty or wordless message is neutral", () => {
    assert.deepEqual(scoreSentiment("", "en"), { score: 0, label: "neutral" });
    assert.deepEqual(scoreSentiment("#W2378156 !!! ???", "de"), { score: 0, label: "neutral" });
  });
});

describe("scoreSentiment: properties", () => {
  // Text made of lexicon words, modifiers and punctuation reaches the interesting code paths far more
  // often than random characters; both are tried.
  const vocabulary = LANGUAGES.flatMap((l) => [
    ...Object.keys(LEXICONS[l].weights),
    ...Object.keys(LEXICONS[l].negators),
    ...Object.keys(LEXICONS[l].modifiers),
  ]);
  const wordy = fc
    .array(
      fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom("!!", "?", ",", ".", "I", "the", "ORDER")),
      { maxLength: 25 },
    )
    .map((parts) => parts.join(" "));
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    wordy,
    wordy.map((s) => s.toUpperCase()),
  );

  test("never throws, stays finite within [-1, 1], labels by threshold, and is deterministic", () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...LANGUAGES), (input, language) => {
        const first = scoreSentiment(input, language);
        assert.ok(Number.isFinite(first.score));
        assert.ok(first.score >= -1 && first.score <= 1);
        const expected = first.score < -0.25 ? "negative" : first.score > 0.25 ? "positive" : "neutral";
        assert.equal(first.label, expected);
        assert.deepEqual(scoreSentiment(input, language), first);
      }),
      { numRuns: 400 },
    );
  });
});
