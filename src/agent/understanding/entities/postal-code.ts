import type { Country, Entity, Language } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { digitRuns, exactPrefix } from "./digits.ts";
import { PhraseTrie } from "./phrases.ts";
import { allLanguages, once } from "./words/index.ts";

/**
 * Postcodes. GB ("SW1A 1AA") and NL ("1234 AB") carry letters, so they are recognised whatever the
 * customer's market; five bare digits (US, DE, FR, ES, IT) are a postcode only when the message names one
 * ("zip", "PLZ", "code postal", "CAP"...) or the agent has just asked for it.
 */

type FiveDigitCountry = "US" | "DE" | "FR" | "ES" | "IT";
const FIVE_DIGITS: ReadonlySet<Country> = new Set<Country>(["US", "DE", "FR", "ES", "IT"]);
const BY_LANGUAGE: Partial<Record<Language, FiveDigitCountry>> = {
  en: "US",
  de: "DE",
  fr: "FR",
  es: "ES",
  it: "IT",
};

/** Royal Mail postcode areas: "I7 8GB" (a laptop's processor and RAM) is not a postcode. */
const GB_AREAS = new Set(
  (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX " +
    "FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE " +
    "NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ " +
    "TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
  ).split(" "),
);
const GB = /(?<![\p{L}\p{N}])([a-z]{1,2})(\d[a-z\d]?)[ \t]*(\d[a-z]{2})(?![\p{L}\p{N}])/giu;

const NL = /(?<![\p{L}\p{N}])([1-9]\d{3})[ \t]?([a-z]{2})(?![\p{L}\p{N}])/giu;
/** Two capitals after four digits that are a unit, not a Dutch postcode: "1000 ML", "2026 PM". */
const NOT_NL_LETTERS = new Set(
  "SA SD SS ML MB GB TB KB KG CM MM KM PM AM MP HZ OZ LB EU US UK PC TV HD XL XS IN FT MG GR DL CL EL".split(
    " ",
  ),
);

/** "Philadelphia, PA 19122": a state code in front makes five digits a ZIP code without the word "zip". */
const US_STATE_ZIP = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${"AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split(" ").join("|")})[ \t]+(\d{5})(?:-\d{4})?(?![\p{L}\p{N}]|[.,]\d)`,
  "gu",
);

const ZIP4 = /(?<![\p{L}\p{N}.,-])(\d{5})-(\d{4})(?![\p{L}\p{N}]|[.,]\d)/gu;

const POSTCODE_WORDS = once(
  () => new PhraseTrie(allLanguages((w) => w.postcodeWords).map(([p, c]) => [p, { country: c }] as const)),
);

function gb(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(GB)) {
    const area = (m[1] as string).toUpperCase();
    const district = (m[2] as string).toUpperCase();
    const inward = (m[3] as string).toUpperCase();
    // A9, A99, A9A: the letter after the district digit is only for single-digit districts.
    if (!GB_AREAS.has(area) || !/^\d(\d|[A-Z])?$/.test(district)) continue;
    out.push({
      type: "postal_code",
      value: `${area}${district} ${inward}`,
      country: "GB",
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

function nl(a: Analysis, namedOrAsked: boolean): Entity[] {
  const out: Entity[] = [];
  const dutch = a.context.country === "NL" || (a.context.country === undefined && a.language === "nl");
  for (const m of a.text.matchAll(NL)) {
    const letters = m[2] as string;
    const upper = letters.toUpperCase();
    if (upper === "SA" || upper === "SD" || upper === "SS") continue;
    const capitals = letters === upper;
    // "1500 op" is Dutch for "1500 on"; lower-case letters need a Dutch customer who was asked or said "postcode".
    const ok = capitals ? (dutch && namedOrAsked) || !NOT_NL_LETTERS.has(upper) : dutch && namedOrAsked;
    if (!ok) continue;
    out.push({
      type: "postal_code",
      value: `${m[1]} ${upper}`,
      country: "NL",
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

function validFiveDigits(code: string, country: FiveDigitCountry): boolean {
  const head = Number(code.slice(0, 2));
  switch (country) {
    case "US":
      return code !== "00000";
    case "DE":
      return head >= 1;
    case "FR":
      return (head >= 1 && head <= 95) || head === 97 || head === 98;
    case "ES":
      return head >= 1 && head <= 52;
    case "IT":
      return Number(code) >= 10;
  }
}

/** The market for a bare five-digit code: the customer's, else the postcode word's, else the language's. */
function fiveDigitCountry(a: Analysis, wordCountry: Country | undefined): FiveDigitCountry | undefined {
  const country = a.context.country ?? wordCountry ?? BY_LANGUAGE[a.language];
  return country && FIVE_DIGITS.has(country) ? (country as FiveDigitCountry) : undefined;
}

export function extractPostalCodes(a: Analysis): Entity[] {
  const words = POSTCODE_WORDS().scan(a.tokens, a.text);
  const asked = a.context.expecting === "postal_code";
  const namedOrAsked = asked || words.length > 0;
  const out = [...gb(a.text), ...nl(a, namedOrAsked)];
  if (a.context.country === undefined || a.context.country === "US") {
    for (const m of a.text.matchAll(US_STATE_ZIP)) {
      const code = m[1] as string;
      const start = m.index + m[0].indexOf(code);
      const end = m.index + m[0].length;
      if (validFiveDigits(code, "US"))
        out.push({
          type: "postal_code",
          value: code,
          country: "US",
          text: a.text.slice(start, end),
          start,
          end,
        });
    }
  }
  if (!namedOrAsked) return out;
  const country = fiveDigitCountry(
    a,
    words.map((w) => w.value.country).find((c) => c !== undefined),
  );
  if (!country) return out;
  if (country === "US") {
    for (const m of a.text.matchAll(ZIP4)) {
      const code = m[1] as string;
      if (validFiveDigits(code, country)) {
        out.push({
          type: "postal_code",
          value: code,
          country,
          text: m[0],
          start: m.index,
          end: m.index + m[0].length,
        });
      }
    }
  }
  for (const whole of digitRuns(a)) {
    const run = exactPrefix(whole, 5);
    if (!run || !validFiveDigits(run.digits, country)) continue;
    if (out.some((e) => e.start < run.end && run.start < e.end)) continue;
    out.push({
      type: "postal_code",
      value: run.digits,
      country,
      text: a.text.slice(run.start, run.end),
      start: run.start,
      end: run.end,
    });
  }
  return out;
}
