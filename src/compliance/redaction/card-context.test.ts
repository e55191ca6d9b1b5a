import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expiries, keptInCardContext, mentionsCard, onlyDigits, securityCodes } from "./card-context.ts";
import { digitRuns, digitUnits, type Run } from "./digit-runs.ts";

const unitsOf = (text: string) => digitUnits(text, [], () => false);
const free = () => false;
const spans = (text: string, found: Array<{ start: number; end: number }>) =>
  found.map((s) => text.slice(s.start, s.end));

describe("mentions of a payment card", () => {
  it("are read in all six languages", () => {
    for (const text of [
      "my credit card was charged twice",
      "can I pay by debit card",
      "I used my Visa",
      "it's a Mastercard",
      "amex please",
      "meine Kreditkarte wurde belastet",
      "die Kartennummer ist",
      "mit EC-Karte bezahlt",
      "ma carte bancaire",
      "le numéro de carte",
      "mi tarjeta de crédito",
      "número de tarjeta",
      "la mia carta di credito",
      "ho pagato con il bancomat",
      "mijn creditcard",
      "met mijn pinpas betaald",
      "de kaart is geblokkeerd",
      "what's the CVV for",
    ])
      assert.ok(mentionsCard(text), text);
  });

  it("are not products called cards, or words that end in one", () => {
    for (const text of [
      "the memory card I ordered",
      "a new SIM card",
      "une carte mémoire de 64 Go",
      "la carta igienica",
      "please discard the old address",
      "ich habe eine Speicherkarte bestellt",
      "order #W2378156",
    ])
      assert.ok(!mentionsCard(text), text);
  });
});

describe("security codes", () => {
  it("are three or four digits after the code's name, in any language", () => {
    for (const [text, code] of [
      ["cvv 123", "123"],
      ["my CVC is 4321", "4321"],
      ["security code: 987", "987"],
      ["Prüfnummer 123", "123"],
      ["die Kartenprüfnummer lautet 456", "456"],
      ["cryptogramme 321", "321"],
      ["código de seguridad 987", "987"],
      ["codice di sicurezza 1234", "1234"],
      ["beveiligingscode 456", "456"],
    ] as const)
      assert.deepEqual(spans(text, securityCodes(text, unitsOf(text), free)), [code], text);
  });

  it("are not longer numbers, or numbers far from the name", () => {
    for (const text of [
      "cvv 123456",
      "security code, I don't know where it is, my order is 123",
      "cvv? 12",
      "code 123",
    ])
      assert.deepEqual(securityCodes(text, unitsOf(text), free), [], text);
  });
});

describe("expiry dates", () => {
  it("are MM/YY, MM/YYYY, MM-YY, or month and year after an expiry word", () => {
    for (const [text, expiry] of [
      ["12/27", "12/27"],
      ["it's 03/2029", "03/2029"],
      ["11-28 I think", "11-28"],
      ["expires 12/27", "12/27"],
      ["gültig bis 12.27", "12.27"],
      ["expire fin 12/27", "12/27"],
      ["vence 08 29", "08 29"],
      ["scadenza 1128", "1128"],
      ["geldig tot 03/30", "03/30"],
    ] as const)
      assert.deepEqual(spans(text, expiries(text, unitsOf(text), free)), [expiry], text);
  });

  it("are not full dates, impossible months or parts of longer numbers", () => {
    for (const text of ["12/25/2026", "25.12.2026", "2026-12-25", "13/27", "4242-4242", "555-2671", "1/2"])
      assert.deepEqual(expiries(text, unitsOf(text), free), [], text);
  });

  it("ignore the words of a mask, so redacting twice changes nothing", () => {
    const text = "[expiry removed] 1227";
    const mask = (i: number) => i < 16;
    assert.deepEqual(expiries(text, unitsOf(text), mask), []);
    assert.deepEqual(
      securityCodes("[security code removed] 123", unitsOf("[security code removed] 123"), (i) => i < 23),
      [],
    );
  });
});

describe("numbers that keep their meaning in card context", () => {
  const kept = (text: string) => {
    const runs = digitRuns(text, unitsOf(text)).filter((r) => r.digits.length >= 6);
    return runs.map((r: Run) => keptInCardContext(text, r));
  };

  it("keeps order numbers, phones, dates, amounts and ZIP+4", () => {
    for (const text of [
      "order 2378156",
      "Bestellnummer: 2378156",
      "commande n° 2378156",
      "W 237 8156",
      "#2378156",
      "+49 30 1234567",
      "(415) 555-2671",
      "phone number is 0612345678",
      "25.12.2026",
      "2026-12-25",
      "€ 1.234.567,00",
      "1.234.567,00 €",
      "94103-1234",
    ])
      assert.deepEqual(kept(text), [true], text);
  });

  it("does not keep card digits", () => {
    for (const text of [
      "my card is 4242 4242",
      "4242 4242 4242",
      "the order, card 4242 4242",
      "hotel 424242",
    ])
      assert.deepEqual(kept(text), [false], text);
  });
});

describe("messages that are only digits", () => {
  it("allow separators and punctuation but no words", () => {
    const only = (text: string) => onlyDigits(text, unitsOf(text), free);
    assert.ok(only("4242 4242"));
    assert.ok(only("4242-4242."));
    assert.ok(only(" 4242\n4242 "));
    assert.ok(!only("4242 4242 thanks"));
    assert.ok(!only("#4242"));
    assert.ok(!only(""));
  });

  it("count claimed masks as nothing", () => {
    const text = "[card ending 4242] 1234";
    const units = unitsOf(text).filter((u) => u.start > 18);
    assert.ok(onlyDigits(text, units, (i) => i < 18));
  });
});
