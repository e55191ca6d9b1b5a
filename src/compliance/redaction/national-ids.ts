/**
 * National identity and tax numbers customers type when they think we need them (identity checks, invoices,
 * customs). Each is checked with its own checksum where one exists, so order numbers, phones and postcodes
 * of the same shape are left alone. Numbers with no distinctive shape (a US SSN written solid, a Dutch
 * BSN, a German tax id) count only next to their name.
 */

export interface IdMatch {
  start: number;
  end: number;
}

const digitsOf = (s: string): string => s.replace(/[^0-9]/g, "");

/** US Social Security number: no area 000, 666 or 9xx, no group 00, no serial 0000. */
export function ssnValid(digits: string): boolean {
  if (!/^[0-9]{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  return (
    area !== "000" &&
    area !== "666" &&
    area[0] !== "9" &&
    digits.slice(3, 5) !== "00" &&
    digits.slice(5) !== "0000"
  );
}

/** UK National Insurance number: HMRC's allowed prefix letters, suffix A to D. */
export function ninoValid(nino: string): boolean {
  const s = nino.replace(/\s/g, "").toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$/.test(s)) return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(s.slice(0, 2));
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** Spanish DNI (8 digits) or NIE (X, Y or Z and 7 digits): the letter is the number mod 23. */
export function dniValid(id: string): boolean {
  const s = id.replace(/[\s-]/g, "").toUpperCase();
  const m = /^([XYZ]?)([0-9]{7,8})([A-Z])$/.exec(s);
  if (!m) return false;
  const [, prefix = "", digits = "", letter] = m;
  if (digits.length !== (prefix ? 7 : 8)) return false;
  const number = Number(`${prefix ? "XYZ".indexOf(prefix) : ""}${digits}`);
  return DNI_LETTERS[number % 23] === letter;
}

// Values of characters in odd positions (1st, 3rd ...), for digits 0-9 then letters A-Z.
const CF_ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
  10, 22, 25, 24, 23,
];

/** Italian codice fiscale: 16 characters, the last one a check letter over the first 15. */
export function codiceFiscaleValid(cf: string): boolean {
  const s = cf.toUpperCase();
  if (
    !/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(s) ||
    !/[0-9]/.test(s)
  )
    return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const code = s.charCodeAt(i);
    const index = code <= 57 ? code - 48 : code - 55;
    // Even positions (2nd, 4th ...) count digits as 0-9 and letters as 0-25.
    sum += i % 2 === 0 ? (CF_ODD[index] as number) : code <= 57 ? code - 48 : code - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

/** French NIR (numéro de sécurité sociale): 13 characters and a key of 97 minus their value mod 97. */
export function nirValid(nir: string): boolean {
  const s = nir.replace(/\s/g, "").toUpperCase();
  if (!/^[1278][0-9]{4}(?:[0-9]{2}|2[AB])[0-9]{8}$/.test(s)) return false;
  // Corsica's départements 2A and 2B count as 19 and 18.
  const body = s.slice(0, 13).replace("2A", "19").replace("2B", "18");
  return 97 - (Number(body) % 97) === Number(s.slice(13));
}

/** Dutch BSN: the "elfproef", 9×d1 + 8×d2 + ... + 2×d8 − d9 divisible by 11. */
export function bsnValid(digits: string): boolean {
  if (!/^[0-9]{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (digits.charCodeAt(i) - 48);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** German Steuer-ID: 11 digits, no leading zero, check digit by ISO 7064 MOD 11,10. */
export function steuerIdValid(digits: string): boolean {
  if (!/^[1-9][0-9]{10}$/.test(digits)) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (digits.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product === 10 ? 0 : 11 - product;
  return check === digits.charCodeAt(10) - 48;
}

/** A separated final letter must be a capital: "12345678 Z" is a DNI, "12345678 a" is a number and a word. */
function letterFits(raw: string): boolean {
  return !/\s[a-z]$/.test(raw);
}

interface Keyword {
  before: RegExp;
  after: RegExp;
}

interface Shape {
  pattern: RegExp;
  valid: (raw: string) => boolean;
  /** Counts only with one of these words a few words before it ("BSN: ...", "my SSN is ...") or after it. */
  keyword?: Keyword;
}

const B = "(?<![\\p{L}\\p{N}])";
const E = "(?![\\p{L}\\p{N}])";
const shape = (body: string): RegExp => new RegExp(`${B}(?:${body})${E}`, "giu");

function keyword(words: string): Keyword {
  const word = `${B}(?:${words})${E}`;
  return {
    before: new RegExp(`${word}[^\\p{N}\\n]{0,30}$`, "iu"),
    after: new RegExp(`^[^\\p{N}\\n]{0,20}${word}`, "iu"),
  };
}

const SSN_WORDS = keyword("ssn|social security(?: number| no| #)?|soc\\.? ?sec\\.?");
const BSN_WORDS = keyword("bsn|burgerservicenummer|burger ?service ?nummer|sofi-?nummer");
const TAX_ID_WORDS = keyword(
  "steuer-?id(?:entifikationsnummer)?|steuerliche identifikationsnummer|identifikationsnummer|idnr|tax[- ]?id|tax identification number|tin",
);

const SHAPES: Shape[] = [
  {
    pattern: shape("[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"),
    valid: codiceFiscaleValid,
  },
  {
    pattern: shape("[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]"),
    valid: (s) => letterFits(s) && ninoValid(s),
  },
  {
    pattern: shape("[XYZ][ -]?[0-9]{7}[ -]?[A-Z]|[0-9]{8}[ -]?[A-Z]"),
    valid: (s) => letterFits(s) && dniValid(s),
  },
  {
    pattern: shape("[1278] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}"),
    valid: nirValid,
  },
  // The dashed form is the SSN's own (phones are grouped 3-3-4, dates 4-2-2), unless it is the middle of a
  // longer dashed number such as a card.
  { pattern: shape("(?<![0-9]-)[0-9]{3}-[0-9]{2}-[0-9]{4}(?!-[0-9])"), valid: (s) => ssnValid(digitsOf(s)) },
  { pattern: shape("[0-9]{3} ?[0-9]{2} ?[0-9]{4}"), valid: (s) => ssnValid(digitsOf(s)), keyword: SSN_WORDS },
  {
    pattern: shape("[0-9]{4}[ .]?[0-9]{2}[ .]?[0-9]{3}|[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{3}"),
    valid: (s) => bsnValid(digitsOf(s)),
    keyword: BSN_WORDS,
  },
  {
    pattern: shape("[0-9]{2} ?[0-9]{3} ?[0-9]{3} ?[0-9]{3}"),
    valid: (s) => steuerIdValid(digitsOf(s)),
    keyword: TAX_ID_WORDS,
  },
];

function hasKeyword(text: string, start: number, end: number, words: Keyword): boolean {
  return (
    words.before.test(text.slice(Math.max(0, start - 40), start)) ||
    words.after.test(text.slice(end, end + 30))
  );
}

/**
 * Offers every valid national id in the text to `claim`, which answers whether it took it (a span already
 * claimed, by an earlier shape or another detector, is refused). Shapes earlier in SHAPES go first.
 */
export function findNationalIds(text: string, claim: (match: IdMatch) => boolean): number {
  let found = 0;
  for (const { pattern, valid, keyword } of SHAPES) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!valid(m[0]) || (keyword && !hasKeyword(text, start, end, keyword))) continue;
      if (claim({ start, end })) found++;
    }
  }
  return found;
}
