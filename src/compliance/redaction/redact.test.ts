import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DEFAULT_REDACTION, type RedactionContext, redact, redactForLog } from "./index.ts";
import {
  cardNumber,
  englishDigitWords,
  group,
  grouping,
  iban,
  noise,
  say,
  writeIban,
} from "./test-helpers.ts";

const CARD = { cardContext: true };
const spoken = { spokenDigits: englishDigitWords };
const text = (input: string, context?: RedactionContext) => redact(input, { ...spoken, context }).text;
const digitsOf = (s: string) => s.replace(/[^0-9]/g, "");

describe("redact: cards", () => {
  it("masks typed cards in any grouping, in all six languages, with their expiry and security code", () => {
    for (const [input, expected] of [
      ["my card is 4242 4242 4242 4242, charged twice", "my card is [card ending 4242], charged twice"],
      [
        "card 4111-1111-1111-1111 exp 12/27 cvv 123",
        "card [card ending 1111] exp [expiry removed] cvv [security code removed]",
      ],
      [
        "Meine Kreditkarte 5555.5555.5555.4444, gültig bis 11/28, Prüfnummer 321",
        "Meine Kreditkarte [card ending 4444], gültig bis [expiry removed], Prüfnummer [security code removed]",
      ],
      [
        "ma carte bancaire 4000 0566 5566 5556 expire fin 03/2029 cryptogramme 987",
        "ma carte bancaire [card ending 5556] expire fin [expiry removed] cryptogramme [security code removed]",
      ],
      [
        "mi tarjeta es 378282246310005, vence 08/29, código de seguridad 4321",
        "mi tarjeta es [card ending 0005], vence [expiry removed], código de seguridad [security code removed]",
      ],
      [
        "carta di credito 6011 1111 1111 1117 scadenza 10-27 codice di sicurezza 555",
        "carta di credito [card ending 1117] scadenza [expiry removed] codice di sicurezza [security code removed]",
      ],
      [
        "mijn creditcard 2223 0031 2200 3222 geldig tot 01/30 beveiligingscode 909",
        "mijn creditcard [card ending 3222] geldig tot [expiry removed] beveiligingscode [security code removed]",
      ],
    ] as const)
      assert.equal(text(input), expected);
  });

  it("masks a card read out digit by digit, mixed with typed digits, as one span", () => {
    assert.equal(text(`my number is ${say("4242424242424242")}`), "my number is [card ending 4242]");
    assert.equal(text(`four two four two 4242 4242 ${say("42424242")} ok`), "[card ending 4242] ok");
    assert.equal(
      text(`${say("4242")}, ${say("4242")}, ${say("4242")}, ${say("4242")}`),
      "[card ending 4242]",
    );
  });

  it("ignores the spoken finder's mistakes and failures", () => {
    const broken = () => {
      throw new Error("finder down");
    };
    assert.equal(redact("4242 4242 4242 4242", { spokenDigits: broken }).text, "[card ending 4242]");
    const junk = () => [{ start: 5, end: 2, digits: "x" }] as never;
    assert.equal(redact("4242 4242 4242 4242", { spokenDigits: junk }).text, "[card ending 4242]");
  });

  it("reports what it found", () => {
    assert.deepEqual(redact("card 4242 4242 4242 4242 exp 12/27 cvv 123").found, {
      card: 1,
      expiry: 1,
      cvv: 1,
    });
    assert.deepEqual(redact("nothing here").found, {});
  });
});

describe("redact: card context", () => {
  it("removes card digits that are not a whole card when the message is about a card", () => {
    assert.equal(text("my card is 4242 4242"), "my card is [card digits removed]");
    assert.equal(
      text("die Kartennummer beginnt mit 424242"),
      "die Kartennummer beginnt mit [card digits removed]",
    );
    assert.equal(
      text(`la carte commence par ${say("424242")}`),
      "la carte commence par [card digits removed]",
    );
    assert.equal(text("tarjeta 4242 4242 4242"), "tarjeta [card digits removed]");
  });

  it("catches a card split across two turns", () => {
    const first = redact("my card is 4242 4242", spoken);
    assert.equal(first.text, "my card is [card digits removed]");
    assert.equal(first.context.cardContext, true);
    const second = redact("4242 4242", { ...spoken, context: first.context });
    assert.equal(second.text, "[card digits removed]");
    assert.equal(second.context.cardContext, true);
    // Read aloud, the same.
    const spokenTurn = redact(say("42424242"), { ...spoken, context: first.context });
    assert.equal(spokenTurn.text, "[card digits removed]");
  });

  it("treats a message of only digits after a card message as card digits, three of them as the code", () => {
    assert.equal(text("4242", CARD), "[card digits removed]");
    assert.equal(text("85049", CARD), "[card digits removed]");
    assert.equal(text("123", CARD), "[security code removed]");
    assert.equal(text("12/27", CARD), "[expiry removed]");
    assert.equal(text("12/27 123", CARD), "[expiry removed] [security code removed]");
  });

  it("carries the context while the customer keeps giving card data, and drops it after", () => {
    const steps = [
      "I want to pay by card",
      "4242 4242",
      "4242 4242",
      "thanks, where is order 2378156?",
      "85049",
    ];
    const contexts: boolean[] = [];
    const texts: string[] = [];
    let context: RedactionContext = { cardContext: false };
    for (const step of steps) {
      const out = redact(step, { ...spoken, context });
      texts.push(out.text);
      contexts.push(out.context.cardContext);
      context = out.context;
    }
    assert.deepEqual(contexts, [true, true, true, false, false]);
    assert.deepEqual(texts, [
      "I want to pay by card",
      "[card digits removed]",
      "[card digits removed]",
      "thanks, where is order 2378156?",
      "85049",
    ]);
  });

  it("keeps order numbers, phones with a code, dates, amounts and e-mails inside a card message", () => {
    for (const input of [
      "I paid by card for order 2378156",
      "card charged for #W2378156 and W 237 8156",
      "my card was declined, call me on +49 30 1234567 or (415) 555-2671",
      "card payment of € 1.234.567,00 on 25.12.2026",
      "the card holder is ivan.santos31584242@example.com",
      "my card was charged twice",
    ])
      assert.equal(text(input), input);
  });

  it("keeps a card mask's context: an earlier redaction counts as a mention", () => {
    assert.equal(text("[card ending 4242] and 4242 4242"), "[card ending 4242] and [card digits removed]");
    assert.equal(redact("[card ending 4242]").context.cardContext, true);
  });
});

describe("redact: IBANs and national ids", () => {
  it("masks IBANs to their last four characters", () => {
    assert.equal(text("IBAN DE89 3704 0044 0532 0130 00 bitte"), "IBAN [IBAN ending 3000] bitte");
    assert.equal(text("mon iban fr1420041010050500013m02606"), "mon iban [IBAN ending 2606]");
    assert.equal(text("IBAN: NL91ABNA0417164300."), "IBAN: [IBAN ending 4300].");
  });

  it("masks national ids in all six languages", () => {
    for (const input of [
      "my SSN is 123-45-6789",
      "social security number 123456789",
      "my NI number is AB123456C",
      "meine Steuer-ID ist 86095742719",
      "mon numéro de sécurité sociale est 1 85 05 78 006 084 91",
      "mi DNI es 12345678Z",
      "il mio codice fiscale è RSSMRA85T10A562S",
      "mijn BSN is 123456782",
    ]) {
      const out = redact(input, spoken);
      assert.match(out.text, /\[national ID removed\]$/, input);
      assert.deepEqual(out.found, { national_id: 1 }, input);
    }
  });
});

describe("redact: what is left alone", () => {
  const untouched = [
    "order #W2378156",
    "W2378156",
    "order 2378156",
    "Bestellung 2378156",
    "W two three seven eight one five six",
    "commande deux trois sept huit un cinq six",
    "call me on +49 30 1234567",
    "my number is 0612345678",
    "(415) 555-2671",
    "+44 20 7946 0958",
    "my postcode is 10115",
    "zip 94103-1234",
    "SW1A 1AA",
    "1234 AB Amsterdam",
    "I paid $12.50",
    "129,99 € bitte",
    "€1.299,00",
    "on 12/25/2026",
    "am 25.12.2026",
    "2026-11-20",
    "ivan.santos3158@example.com",
    "I want 2 of them, 3 blue and 12 red",
    "1000ml, 4K, 2nd",
    "tracking 1Z999AA10123456784",
    "4242 4242 4242 4241",
    "the coupon is valid until 12/27",
    "code 123",
    "",
  ];

  it("leaves order numbers, phones, postcodes, amounts, dates, e-mails and quantities alone", () => {
    for (const input of untouched) {
      const out = redact(input, spoken);
      assert.equal(out.text, input);
      assert.deepEqual(out.found, {});
      assert.equal(out.context.cardContext, false);
    }
  });
});

describe("redact: settings", () => {
  it("defaults to everything", () => {
    assert.deepEqual(DEFAULT_REDACTION, {
      cards: true,
      cvv: true,
      expiry: true,
      iban: true,
      nationalIds: true,
    });
  });

  it("switches each kind off on its own", () => {
    const input =
      "card 4242 4242 4242 4242 exp 12/27 cvv 123, IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789";
    const off = (settings: object) => redact(input, { settings }).text;
    assert.equal(
      off({}),
      "card [card ending 4242] exp [expiry removed] cvv [security code removed], IBAN [IBAN ending 3000], SSN [national ID removed]",
    );
    assert.equal(
      off({ iban: false }),
      "card [card ending 4242] exp [expiry removed] cvv [security code removed], IBAN DE89 3704 0044 0532 0130 00, SSN [national ID removed]",
    );
    assert.equal(
      off({ cards: false }),
      "card 4242 4242 4242 4242 exp [expiry removed] cvv [security code removed], IBAN [IBAN ending 3000], SSN [national ID removed]",
    );
    assert.equal(
      off({ cvv: false, expiry: false, nationalIds: false }),
      "card [card ending 4242] exp 12/27 cvv 123, IBAN [IBAN ending 3000], SSN 123-45-6789",
    );
    assert.equal(off({ iban: undefined }), off({}));
  });
});

describe("redactForLog", () => {
  it("masks cards, IBANs and national ids, with no context and no spoken digits", () => {
    assert.equal(
      redactForLog("card=4242424242424242 iban=DE89370400440532013000 ssn=123-45-6789 order=2378156"),
      "card=[card ending 4242] iban=[IBAN ending 3000] ssn=[national ID removed] order=2378156",
    );
    assert.equal(redactForLog("card 4242 4242 cvv 123 exp 12/27"), "card 4242 4242 cvv 123 exp 12/27");
    assert.equal(redactForLog(""), "");
  });
});

describe("redact: properties", () => {
  it("masks any valid card in any grouping wherever it stands, and its digits do not survive", () => {
    fc.assert(
      fc.property(noise, cardNumber, grouping, noise, (before, card, { sizes, separator }, after) => {
        const out = redact(`${before} ${group(card, sizes, separator)} ${after}`, spoken);
        assert.ok(!digitsOf(out.text).includes(card.slice(0, -4)), out.text);
        assert.ok((out.found.card ?? 0) >= 1);
      }),
    );
  });

  it("masks any valid card read out digit by digit", () => {
    fc.assert(
      fc.property(noise, cardNumber, (before, card) => {
        // After "plus", up to 15 digits are a phone number read out with its country code.
        fc.pre(!/(?:plus|più)[ \t]*$/i.test(before) || card.length > 15);
        const out = redact(`${before} ${say(card)}.`, spoken);
        assert.ok(!out.text.includes(say(card.slice(0, 8))), out.text);
      }),
    );
  });

  it("masks any valid IBAN, solid or grouped, upper or lower case, and its characters do not survive", () => {
    fc.assert(
      fc.property(noise, iban, fc.boolean(), fc.boolean(), noise, (before, compact, spaced, lower, after) => {
        const out = redact(`${before} ${writeIban(compact, spaced, lower)} ${after}`, spoken);
        assert.ok(out.text.includes(`[IBAN ending ${compact.slice(-4)}]`), out.text);
        assert.ok(!out.text.toUpperCase().replace(/\s/g, "").includes(compact.slice(4, -4)), out.text);
      }),
    );
  });

  it("is idempotent, in and out of card context", () => {
    const pieces = fc.constantFrom(
      "card",
      "cvv",
      "exp",
      "order",
      "4242 4242 4242 4242",
      "4242",
      "12/27",
      "123",
      "DE89 3704 0044 0532 0130 00",
      "123-45-6789",
      "four two",
      "[card ending 4242]",
      "+49",
      "@example.com",
    );
    const message = fc.array(fc.oneof(pieces, noise), { maxLength: 12 }).map((parts) => parts.join(" "));
    fc.assert(
      fc.property(fc.oneof(message, fc.string({ unit: "binary" })), fc.boolean(), (input, cardContext) => {
        const once = redact(input, { ...spoken, context: { cardContext } }).text;
        assert.equal(redact(once, { ...spoken, context: { cardContext } }).text, once);
      }),
    );
  });

  it("never throws, whatever the string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 500 }), fc.boolean(), (input, cardContext) => {
        const out = redact(input, { ...spoken, context: { cardContext } });
        assert.equal(typeof out.text, "string");
        assert.equal(typeof redactForLog(input), "string");
      }),
    );
    for (const input of ["\uD800", "😀".repeat(10_000), "é\u0301".repeat(5_000), "٣٤٥٦".repeat(1000)])
      assert.equal(typeof redact(input, spoken).text, "string");
  });

  it("finishes on long adversarial messages (the search is linear)", () => {
    for (const input of [
      "1 ".repeat(2000),
      "4".repeat(4000),
      "1.".repeat(2000),
      "1-".repeat(2000),
      "four two ".repeat(444),
      "a@".repeat(2000),
      "DE89 ".repeat(800),
      "cvv 123 exp 12/27 ".repeat(220),
      "+1 ".repeat(1333),
      "card 4242 4242 4242 4242 ".repeat(160),
    ]) {
      const out = redact(input, { ...spoken, context: CARD });
      assert.equal(typeof out.text, "string");
    }
  });
});
