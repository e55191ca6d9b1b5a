import type { Run, Unit } from "./digit-runs.ts";

/**
 * Card context: the customer is talking about a payment card, in this message or the one before. Then
 * digits that are not a whole card are still treated as parts of one (a number split across turns, a
 * security code, an expiry), because a card read out in pieces is as sensitive as one read out whole.
 * Outside it, the same digits are order numbers, phones, dates and amounts, and are left alone.
 */

const B = "(?<![\\p{L}\\p{N}])";
const E = "(?![\\p{L}\\p{N}])";
const words = (body: string, flags = "iu"): RegExp => new RegExp(`${B}(?:${body})${E}`, flags);

// en, de, fr, es, it, nl. Compounds are listed where the language glues them ("Kreditkarte", "pinpas").
const CARD_WORDS = words(
  [
    "(?:credit|debit|bank|payment|prepaid|master|visa|ec|giro|kredit|geld|betaal)[ -]?(?:cards?|kart(?:e|en)|kaart(?:en)?)",
    "cards?|cardholder",
    "kart(?:e|en)(?:nummer|inhaber|zahlung|daten|pr[üu]e?fnummer)?",
    "visa|girocard|maestro|mastercard|amex|american express|diners club|jcb",
    "cartes?(?: bancaires?| bleues?| de cr[ée]dit| de d[ée]bit)?|num[ée]ro de carte",
    "tarjetas?|n[úu]mero de (?:la )?tarjeta",
    "carta|bancomat|postepay",
    "kaart(?:en|nummer)?|creditcard(?:s|nummer)?|pinpas|bankpas|betaalpas|pasnummer",
    // Names of the security code only cards have.
    "cvv2?|cvc2?|kartenpr[üu]e?fnummer|cryptogramme",
  ].join("|"),
  "giu",
);

// "SIM card", "carte mémoire", "carta igienica": cards that are products, not ways to pay.
const NOT_PAYMENT_BEFORE =
  /(?:memory|micro ?sd|sd|sim|graphics|video|sound|network|greeting|post|score|sim-|sd-)[ -]?$/i;
const NOT_PAYMENT_AFTER =
  /^[ -]?(?:sim|sd|m[ée]moire|graphique|postale|d['’]identit[ée]|de memoria|gr[áa]fica|igienica|d['’]identit[àa]|de identidad)/i;

export function mentionsCard(text: string): boolean {
  for (const m of text.matchAll(CARD_WORDS)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (!NOT_PAYMENT_BEFORE.test(before) && !NOT_PAYMENT_AFTER.test(after)) return true;
  }
  return false;
}

const SECURITY_CODE_WORDS = words(
  [
    "cvv2?|cvc2?|cvn|csc|cid|card (?:security|verification) (?:code|value|number)|security (?:code|number)",
    "verification (?:code|value)|(?:three|3)[- ]digit (?:code|number)",
    "(?:karten)?pr[üu]e?f(?:nummer|ziffer|code)|sicherheits(?:code|nummer)",
    "cryptogramme(?: visuel)?|code (?:de )?s[ée]curit[ée]|code (?:cvv|cvc)|num[ée]ro de s[ée]curit[ée]",
    "c[óo]digo (?:de )?(?:seguridad|verificaci[óo]n|cvv|cvc)",
    "codice (?:di )?(?:sicurezza|verifica|cvv|cvc)",
    "beveiligingscode|veiligheidscode|controlecode|verificatiecode",
  ].join("|"),
  "giu",
);

const EXPIRY_WORDS = words(
  [
    "exp(?:\\.|iry|ires|ired|iration)?(?: date)?|valid (?:thru|through|until|till|to)|good (?:thru|through)",
    "ablaufdatum|g[üu]ltig (?:bis|until)|l[äa]uft (?:am |im )?ab|verfallsdatum|verf[äa]llt(?: am| im)?",
    "date d['’]expiration|date de validit[ée]|expire(?: fin| le| en)?|valable jusqu['’](?:au|à|a|en)|fin de validit[ée]",
    "fecha de (?:caducidad|vencimiento|expiraci[óo]n)|caduca(?: el| en)?|caducidad|vence(?: el| en)?|vencimiento|v[áa]lida hasta",
    "scadenza|scade(?: il| a| nel)?|valida fino (?:a|al)",
    "vervaldatum|geldig (?:tot|t/m)|verloopt(?: op| in)?|vervalt(?: op| in)?",
  ].join("|"),
  "giu",
);

export interface Span {
  start: number;
  end: number;
}

/** The first digit unit after a keyword that ends at `from`, if only a few words lie between. */
function unitAfter(text: string, units: readonly Unit[], from: number, maxGap: number): Unit | undefined {
  // Units are in text order: binary search for the first one at or after `from`.
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((units[mid] as Unit).start < from) lo = mid + 1;
    else hi = mid;
  }
  const unit = units[lo];
  if (!unit || unit.start - from > maxGap) return undefined;
  return /^[^\p{N}\n]*$/u.test(text.slice(from, unit.start)) ? unit : undefined;
}

/** "CVV 123", "Prüfnummer: 1234", "code de sécurité four two one": 3 or 4 digits after the code's name. */
export function securityCodes(text: string, units: readonly Unit[], isTaken: (i: number) => boolean): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(SECURITY_CODE_WORDS)) {
    // The words of a mask ("[security code removed]") are not the customer's.
    if (isTaken(m.index)) continue;
    const unit = unitAfter(text, units, m.index + m[0].length, 24);
    if (unit && !unit.glued && unit.digits.length >= 3 && unit.digits.length <= 4) out.push(unit);
  }
  return out;
}

const validMonth = (mm: string): boolean => Number(mm) >= 1 && Number(mm) <= 12;
const validYear = (yy: string): boolean => yy.length === 2 || yy.startsWith("20");

// MM/YY, MM/YYYY, MM-YY; not a piece of a longer date ("12/25/2026") or number.
const BARE_EXPIRY =
  /(?<![\p{N}/.-])(0?[1-9]|1[0-2])[ \t]?[/-][ \t]?([0-9]{4}|[0-9]{2})(?![\p{N}]|[/.-]\p{N})/gu;
// After an expiry word the separator may also be a dot or a space: "gültig bis 12.27", "exp 12 27".
const WORDED_EXPIRY = /(0?[1-9]|1[0-2])[ \t]?[/.\- ][ \t]?([0-9]{4}|[0-9]{2})(?![\p{N}]|[/.-]\p{N})/uy;

/** Expiry dates, read only in card context: elsewhere "12/27" is a date. */
export function expiries(text: string, units: readonly Unit[], isTaken: (i: number) => boolean): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(EXPIRY_WORDS)) {
    if (isTaken(m.index)) continue;
    const unit = unitAfter(text, units, m.index + m[0].length, 12);
    if (!unit || unit.glued) continue;
    WORDED_EXPIRY.lastIndex = unit.start;
    const dated = unit.spoken ? null : WORDED_EXPIRY.exec(text);
    if (dated && validYear(dated[2] as string))
      out.push({ start: unit.start, end: unit.start + dated[0].length });
    // "expires 1227", "expires twelve twenty-seven": month and year written together.
    else if (
      (unit.digits.length === 4 || unit.digits.length === 6) &&
      validMonth(unit.digits.slice(0, 2)) &&
      validYear(unit.digits.slice(2))
    )
      out.push(unit);
  }
  const worded = new Set(out.map((s) => s.start));
  for (const m of text.matchAll(BARE_EXPIRY)) {
    if (validYear(m[2] as string) && !worded.has(m.index))
      out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const ORDER_BEFORE =
  /(?<![\p{L}])(?:order|bestellung|bestellnummer|auftrag|auftragsnummer|commande|pedido|ordine|bestelling|ordernummer)[\s:#.°º-]*(?:(?:number|no|nr|nummer|num[ée]ro|n[úu]mero|numero|n)[\s:#.°º-]*)?$/iu;
const PHONE_BEFORE =
  /(?<![\p{L}])(?:phone|telephone|tel|mobile|cell|call me (?:on|at)|telefon|handy|rufnummer|t[ée]l[ée]phone|portable|tel[ée]fono|m[óo]vil|celular|cellulare|telefoon|mobiel|gsm)[\s:.]*(?:(?:number|nummer|num[ée]ro|n[úu]mero|numero|nr|is|ist|est|es|è|è il|is het)[\s:.]*){0,2}$/iu;
const CURRENCY_AFTER =
  /^(?:[.,][0-9]{1,2})?[ \t]?(?:[$€£¥]|eur|euros?|usd|gbp|chf|dollars?|pounds?|bucks)(?![\p{L}])/iu;

function looksLikeDate(body: string): boolean {
  const m = /^([0-9]{1,2})[./-]([0-9]{1,2})[./-](?:[0-9]{2}|[0-9]{4})$/.exec(body);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    return a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
  }
  const iso = /^20[0-9]{2}-([0-9]{2})-([0-9]{2})$/.exec(body);
  return iso !== null && validMonth(iso[1] as string) && Number(iso[2]) >= 1 && Number(iso[2]) <= 31;
}

/**
 * Numbers that keep their meaning even in card context: an order number ("order 2378156", "W 237 8156",
 * "#2378156"), a phone with its country or area code or after "phone", a date, an amount, a ZIP+4.
 */
export function keptInCardContext(text: string, run: Run): boolean {
  const before = text.slice(Math.max(0, run.start - 40), run.start);
  const after = text.slice(run.end, run.end + 16);
  const body = text.slice(run.start, run.end);
  if (/#[ \t]*$/.test(before) || /(?<![\p{L}\p{N}])[Ww][ \t-]?$/u.test(before)) return true;
  if (ORDER_BEFORE.test(before)) return true;
  if (/(?:\+[0-9]{1,4}|\(\+?[0-9]{1,5}\))[ \t.-]*$/.test(before) || PHONE_BEFORE.test(before)) return true;
  if (run.spoken && /(?<![\p{L}\p{N}])(?:plus|più)[ \t]*$/iu.test(before)) return true;
  if (!run.spoken && (looksLikeDate(body) || /^[0-9]{5}-[0-9]{4}$/.test(body))) return true;
  return /[$€£¥][ \t]?$/.test(before) || CURRENCY_AFTER.test(after);
}

const SEPARATOR = /[\s\-–.,/:;!?()]/;

/**
 * "4242 4242", "four two four two": the whole message is digits (and claimed masks). In card context that is
 * the customer reading out the card, whatever its length.
 */
export function onlyDigits(
  text: string,
  units: readonly Unit[],
  isTaken: (index: number) => boolean,
): boolean {
  if (units.length === 0) return false;
  let at = 0;
  for (const unit of [...units, { start: text.length, end: text.length }]) {
    for (let i = at; i < unit.start; i++) if (!isTaken(i) && !SEPARATOR.test(text[i] as string)) return false;
    at = unit.end;
  }
  return true;
}
