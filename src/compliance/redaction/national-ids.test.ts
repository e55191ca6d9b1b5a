import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bsnValid,
  codiceFiscaleValid,
  dniValid,
  findNationalIds,
  ninoValid,
  nirValid,
  ssnValid,
  steuerIdValid,
} from "./national-ids.ts";

function ids(text: string): string[] {
  const out: string[] = [];
  findNationalIds(text, (m) => {
    out.push(text.slice(m.start, m.end));
    return true;
  });
  return out;
}

describe("national id checksums", () => {
  it("US SSN: no area 000, 666 or 9xx, no group 00, no serial 0000", () => {
    assert.ok(ssnValid("123456789"));
    for (const bad of ["000456789", "666456789", "912456789", "123006789", "123450000"])
      assert.ok(!ssnValid(bad));
  });

  it("UK National Insurance number: allowed prefixes, suffix A-D", () => {
    assert.ok(ninoValid("AB123456C"));
    assert.ok(ninoValid("ab 12 34 56 c"));
    for (const bad of ["QQ123456C", "GB123456A", "AB123456E", "DA123456A"]) assert.ok(!ninoValid(bad));
  });

  it("Spanish DNI and NIE: the letter is the number mod 23", () => {
    for (const good of ["12345678Z", "X1234567L", "Y1234567X", "Z1234567R", "12345678-z"])
      assert.ok(dniValid(good));
    for (const bad of ["12345678A", "X1234567A", "1234567Z"]) assert.ok(!dniValid(bad));
  });

  it("Italian codice fiscale: the check letter over the first fifteen", () => {
    assert.ok(codiceFiscaleValid("RSSMRA85T10A562S"));
    assert.ok(codiceFiscaleValid("mrtmtt91d08f205j"));
    assert.ok(!codiceFiscaleValid("RSSMRA85T10A562T"));
  });

  it("French NIR: 97 minus the number mod 97, Corsica's 2A and 2B counted as 19 and 18", () => {
    assert.ok(nirValid("185057800608491"));
    assert.ok(nirValid("2 69 05 49 588 157 80"));
    assert.ok(nirValid("1 80 12 2A 123 456 02"));
    assert.ok(!nirValid("185057800608492"));
  });

  it("Dutch BSN: the eleven test", () => {
    assert.ok(bsnValid("123456782"));
    assert.ok(bsnValid("111222333"));
    assert.ok(!bsnValid("123456789"));
    assert.ok(!bsnValid("000000000"));
  });

  it("German Steuer-ID: ISO 7064 MOD 11,10, no leading zero", () => {
    assert.ok(steuerIdValid("86095742719"));
    assert.ok(steuerIdValid("65929970489"));
    assert.ok(!steuerIdValid("86095742718"));
    assert.ok(!steuerIdValid("06095742719"));
  });
});

describe("finding national ids in messages", () => {
  it("finds the ones with a shape of their own anywhere", () => {
    assert.deepEqual(ids("my SSN is 123-45-6789 thanks"), ["123-45-6789"]);
    assert.deepEqual(ids("NI number AB 12 34 56 C"), ["AB 12 34 56 C"]);
    assert.deepEqual(ids("mi DNI es 12345678Z y el NIE de mi mujer X1234567L"), ["12345678Z", "X1234567L"]);
    assert.deepEqual(ids("il mio codice fiscale è RSSMRA85T10A562S"), ["RSSMRA85T10A562S"]);
    assert.deepEqual(ids("numéro de sécu 1 85 05 78 006 084 91"), ["1 85 05 78 006 084 91"]);
    assert.deepEqual(ids("numéro 185057800608491"), ["185057800608491"]);
  });

  it("finds the plain-digit ones only next to their name", () => {
    assert.deepEqual(ids("SSN: 123456789"), ["123456789"]);
    assert.deepEqual(ids("123 45 6789 is my social security number"), ["123 45 6789"]);
    assert.deepEqual(ids("mijn BSN is 1234.56.782"), ["1234.56.782"]);
    assert.deepEqual(ids("burgerservicenummer 123456782"), ["123456782"]);
    assert.deepEqual(ids("Meine Steuer-ID ist 86 095 742 719"), ["86 095 742 719"]);
    assert.deepEqual(ids("tax id 65929970489"), ["65929970489"]);
    for (const text of ["order 123456789", "call 123456782", "ref 86095742719", "123 45 6789"])
      assert.deepEqual(ids(text), [], text);
  });

  it("leaves order numbers, phones, dates, postcodes and words alone", () => {
    for (const text of [
      "order #W2378156",
      "W2378156",
      "call (415) 555-2671 or +49 30 1234567 or 0612345678",
      "on 2026-12-25, 12/25/2026 or 25.12.2026",
      "postcode SW1A 1AA, zip 94103-1234",
      "12345678 a lot of money",
      "the 4242-424-24-2424 card",
      "Bestellbestätigung",
    ])
      assert.deepEqual(ids(text), [], text);
  });

  it("counts only what the caller took", () => {
    assert.equal(
      findNationalIds("RSSMRA85T10A562S and 123-45-6789", (m) => m.start === 0),
      1,
    );
  });
});
