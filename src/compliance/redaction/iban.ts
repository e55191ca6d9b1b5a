/**
 * IBANs (ISO 13616): country code, two check digits and the national account number (BBAN), printed in
 * groups of four or written solid, any case. Customers paste them for refunds by bank transfer. A
 * candidate must have its country's exact length and pass the mod-97 check, so ordinary words and
 * numbers are not mistaken for one.
 */

/** IBAN length by country: the SEPA countries and the other common registrations. */
const LENGTH_TABLE =
  "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24 " +
  "FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 " +
  "LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 " +
  "SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";

export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.fromEntries(
  LENGTH_TABLE.split(" ").map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/** The remainder mod 97 of the IBAN read as a number, country and check digits moved to the end. */
export function ibanRemainder(compact: string): number {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    // Letters count as two digits: A = 10 ... Z = 35.
    const value = code <= 57 ? code - 48 : code - 55;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder;
}

/** `compact`: upper case, no spaces. */
export function ibanValid(compact: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(compact)) return false;
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  return ibanRemainder(compact) === 1;
}

export interface IbanMatch {
  start: number;
  end: number;
  iban: string;
}

const START = /(?<![\p{L}\p{N}])[A-Za-z]{2}[0-9]{2}/gu;
const ALNUM = /[A-Za-z0-9]/;
const SPACE = /[ \u00a0]/;

/**
 * Reads the country's number of characters from each possible start, across single spaces, and checks the
 * result: at most 34 characters per start, so the scan stays linear.
 */
export function findIbans(text: string): IbanMatch[] {
  const out: IbanMatch[] = [];
  for (const m of text.matchAll(START)) {
    if (out.length > 0 && m.index < (out[out.length - 1] as IbanMatch).end) continue;
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    let compact = "";
    let i = m.index;
    while (i < text.length && compact.length < length) {
      const ch = text[i] as string;
      if (ALNUM.test(ch)) {
        compact += ch;
        i++;
      } else if (SPACE.test(ch) && compact.length >= 4 && ALNUM.test(text[i + 1] ?? "")) i++;
      else break;
    }
    // The account number ends here: more letters or digits right after mean this was something longer.
    if (compact.length !== length || /[\p{L}\p{N}]/u.test(text[i] ?? "")) continue;
    const upper = compact.toUpperCase();
    if (ibanValid(upper)) out.push({ start: m.index, end: i, iban: upper });
  }
  return out;
}
