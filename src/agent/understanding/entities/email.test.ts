import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Language } from "../types.ts";
import { extractEmails, isValidEmail } from "./email.ts";
import { run, spansHold, valuesOf } from "./test-helpers.ts";

function emails(text: string, language: Language = "en"): string[] {
  return valuesOf(run(extractEmails, text, { language }), "email");
}

describe("email addresses", () => {
  const cases: Array<[string, Language, string]> = [
    ["john.smith@example.com", "en", "john.smith@example.com"],
    ["Mail me: John.Smith@Example.COM.", "en", "john.smith@example.com"],
    ["(yusuf_rossi+shop@mail.example.co.uk)", "en", "yusuf_rossi+shop@mail.example.co.uk"],
    ["my email is john dot smith at example dot com", "en", "john.smith@example.com"],
    ["john.smith at example.com", "en", "john.smith@example.com"],
    ["j o h n dot s m i t h at example dot com", "en", "john.smith@example.com"],
    ["it is john underscore smith at gmail dot com", "en", "john_smith@gmail.com"],
    ["john dash smith at example dot co dot uk", "en", "john-smith@example.co.uk"],
    ["john hyphen smith at example dot com", "en", "john-smith@example.com"],
    ["john smith99 at example dot com", "en", "smith99@example.com"],
    ["john @ example.com", "en", "john@example.com"],
    ["anna punkt müller ät beispiel punkt de", "de", "anna.müller@beispiel.de"],
    ["anna unterstrich meier klammeraffe web punkt de", "de", "anna_meier@web.de"],
    ["anna bindestrich meier at gmx punkt de", "de", "anna-meier@gmx.de"],
    ["marie point dupont arobase orange point fr", "fr", "marie.dupont@orange.fr"],
    ["marie tiret bas dupont arobase free point fr", "fr", "marie_dupont@free.fr"],
    ["marie tiret du huit dupont arrobase free point fr", "fr", "marie_dupont@free.fr"],
    ["marie tiret dupont arobase free point fr", "fr", "marie-dupont@free.fr"],
    ["juan punto garcia arroba gmail punto com", "es", "juan.garcia@gmail.com"],
    ["juan guion bajo garcia arroba gmail punto es", "es", "juan_garcia@gmail.es"],
    ["juan guion garcia arroba gmail punto es", "es", "juan-garcia@gmail.es"],
    ["marco punto rossi chiocciola libero punto it", "it", "marco.rossi@libero.it"],
    ["marco trattino basso rossi chiocciola libero punto it", "it", "marco_rossi@libero.it"],
    ["marco trattino rossi chiocciola libero punto it", "it", "marco-rossi@libero.it"],
    ["jan punt de vries apenstaartje ziggo punt nl", "nl", "vries@ziggo.nl"],
    ["jan laag streepje devries apenstaartje ziggo punt nl", "nl", "jan_devries@ziggo.nl"],
    ["jan streepje devries apenstaartje ziggo punt nl", "nl", "jan-devries@ziggo.nl"],
  ];
  for (const [text, language, expected] of cases) {
    test(`${language}: "${text}"`, () => assert.deepEqual(emails(text, language), [expected]));
  }

  test("the span runs from the local part to the domain", () => {
    const text = "sure, my email is john dot smith at example dot com thanks";
    const found = run(extractEmails, text);
    assert.equal(found[0]?.text, "john dot smith at example dot com");
    assert.ok(spansHold(text, found));
  });

  test("two addresses", () => {
    assert.deepEqual(emails("a@b.com or c at d dot org"), ["a@b.com", "c@d.org"]);
  });

  const notEmails = [
    "meet me at 5 pm",
    "I'm at home dot",
    "look at this",
    "my email is at example dot com",
    "john at example",
    "john@example",
    "john@@example.com",
    "john..smith@example.com",
    "price is 5 at 3.50",
    "at the store dot",
    "Anna ist at work",
  ];
  for (const text of notEmails) {
    test(`not an email: "${text}"`, () => assert.deepEqual(emails(text), []));
  }

  test("validity", () => {
    assert.ok(isValidEmail("a.b-c_d+e@sub.example.co.uk"));
    for (const bad of [
      "@x.com",
      "a@",
      "a@b",
      "a@b.c",
      ".a@b.com",
      "a.@b.com",
      "a@-b.com",
      "a@b-.com",
      "a@b.c0m",
    ]) {
      assert.ok(!isValidEmail(bad), bad);
    }
  });

  // Labels that are themselves the spoken words would make the spelling ambiguous ("dot at dot dot com").
  const RESERVED = new Set(
    "at dot period dash hyphen minus underscore underline punkt point punto punt tiret guion raya menos meno trattino streepje streep min strich arroba arobase arrobase arobas chiocciola apenstaartje is my email mail me its es est ist".split(
      " ",
    ),
  );
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/).filter((l) => !RESERVED.has(l));
  test("property: a random address spelled with ' at ' and ' dot ' is recovered", () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        label,
        // A top-level domain that is itself a separator word ("at", Austria's) cannot be dictated unambiguously.
        fc.stringMatching(/^[a-z]{2,4}$/).filter((t) => !RESERVED.has(t)),
        (locals, host, tld) => {
          const address = `${locals.join(".")}@${host}.${tld}`;
          const spoken = `${locals.join(" dot ")} at ${host} dot ${tld}`;
          assert.deepEqual(emails(`my email is ${spoken}`), [address]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("property: a typed address in text is found in lower case", () => {
    fc.assert(
      fc.property(label, label, fc.stringMatching(/^[a-z]{2,4}$/), fc.boolean(), (user, host, tld, shout) => {
        const address = `${user}@${host}.${tld}`;
        const typed = shout ? address.toUpperCase() : address;
        assert.deepEqual(emails(`write to ${typed}, please`), [address]);
      }),
      { numRuns: 300 },
    );
  });
});
