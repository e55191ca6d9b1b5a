import { expiries, keptInCardContext, mentionsCard, onlyDigits, securityCodes } from "./card-context.ts";
import { afterPhonePrefix, findCards } from "./cards.ts";
import { Claims } from "./claims.ts";
import { digitRuns, digitUnits, type Unit } from "./digit-runs.ts";
import { findIbans } from "./iban.ts";
import {
  CARD_DIGITS_MASK,
  cardMask,
  EXPIRY_MASK,
  findMasks,
  ibanMask,
  NATIONAL_ID_MASK,
  SECURITY_CODE_MASK,
} from "./masks.ts";
import { findNationalIds } from "./national-ids.ts";
import type {
  Redacted,
  RedactionContext,
  RedactionKind,
  RedactionSettings,
  SpokenDigitFinder,
  SpokenDigits,
} from "./types.ts";

/**
 * The order of the passes matters: what is kept on purpose (earlier masks, e-mail addresses) is claimed
 * first, then the numbers with a checksum of their own (IBANs, national ids), whose digits would otherwise
 * read as card digits; then whole cards; and only then, in card context, the loose digits around them.
 */

export const DEFAULT_REDACTION: RedactionSettings = Object.freeze({
  cards: true,
  cvv: true,
  expiry: true,
  iban: true,
  nationalIds: true,
});

export interface RedactOptions {
  settings?: Partial<RedactionSettings>;
  context?: RedactionContext;
  spokenDigits?: SpokenDigitFinder;
}

/** E-mail addresses stay whole: the agent needs them, and their digits ("ivan3158@") are not a card's. */
function keepEmails(text: string, claims: Claims): void {
  const local = /[\p{L}\p{N}._%+-]/u;
  const domain = /[\p{L}\p{N}.-]/u;
  let from = 0;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > from && local.test(text[start - 1] as string)) start--;
    let end = at + 1;
    while (end < text.length && domain.test(text[end] as string)) end++;
    while (end > at + 1 && text[end - 1] === ".") end--;
    if (start < at && /\.\p{L}{2,}$/u.test(text.slice(at + 1, end))) claims.keep(start, end);
    from = at + 1;
  }
}

/** The caller's finder may fail or misbehave; redaction then goes on with typed digits alone. */
function spokenSpans(text: string, finder: SpokenDigitFinder | undefined): SpokenDigits[] {
  if (!finder) return [];
  try {
    const spans = finder(text);
    return Array.isArray(spans) ? spans : [];
  } catch {
    return [];
  }
}

interface Pass {
  settings: RedactionSettings;
  inherited: boolean;
  spoken: SpokenDigitFinder | undefined;
  /** False for log lines: no card context, only what can be recognised on its own. */
  contextual: boolean;
}

function run(text: string, pass: Pass): Redacted {
  const { settings } = pass;
  const claims = new Claims(text);
  const masks = findMasks(text);
  for (const m of masks) claims.keep(m.start, m.end);
  keepEmails(text, claims);

  // A kind switched off is still found, and kept as written: a store that needs IBANs for refunds needs
  // them whole, not read again as card digits.
  for (const m of findIbans(text)) {
    if (settings.iban) claims.replace(m.start, m.end, ibanMask(m.iban.slice(-4)), "iban");
    else claims.keep(m.start, m.end);
  }
  findNationalIds(text, (m) =>
    settings.nationalIds
      ? claims.replace(m.start, m.end, NATIONAL_ID_MASK, "national_id")
      : claims.keep(m.start, m.end),
  );

  const spoken = pass.contextual ? spokenSpans(text, pass.spoken) : [];
  const blocked = (start: number, end: number) => !claims.isFree(start, end);
  const units = digitUnits(text, spoken, blocked);
  let cards = 0;
  if (settings.cards) {
    for (const r of digitRuns(text, units)) {
      if (afterPhonePrefix(text, r)) continue;
      for (const card of findCards(r)) {
        if (claims.replace(card.start, card.end, cardMask(card.last4), "card")) cards++;
      }
    }
  }

  // A card named, a card mask carried over, or a card just found: the message is about a card.
  const ownSignal = mentionsCard(text) || masks.some((m) => m.card) || cards > 0;
  const inContext = pass.contextual && (ownSignal || pass.inherited);
  let cardData = 0;
  if (inContext) {
    const free = () => units.filter((u) => claims.isFree(u.start, u.end));
    const mark = (start: number, end: number, mask: string, kind: RedactionKind) => {
      if (claims.replace(start, end, mask, kind)) cardData++;
    };
    const taken = (i: number) => claims.isTaken(i);
    if (settings.cvv)
      for (const s of securityCodes(text, free(), taken)) mark(s.start, s.end, SECURITY_CODE_MASK, "cvv");
    if (settings.expiry)
      for (const s of expiries(text, free(), taken)) mark(s.start, s.end, EXPIRY_MASK, "expiry");
    const rest = free();
    const digits = rest.reduce((n, u) => n + u.digits.length, 0);
    const wholeMessage = onlyDigits(text, rest, taken);
    if (wholeMessage && digits === 3 && settings.cvv) {
      // Three digits on their own right after a card: its security code.
      const first = rest[0] as Unit;
      mark(first.start, (rest[rest.length - 1] as Unit).end, SECURITY_CODE_MASK, "cvv");
    } else if (settings.cards) {
      for (const r of digitRuns(text, rest)) {
        const alone = r.units.length === 1 && ((r.units[0] as Unit).glued || (r.units[0] as Unit).afterPlus);
        const fragment = wholeMessage ? digits >= 4 : r.digits.length >= 6 && !keptInCardContext(text, r);
        if (fragment && !alone) mark(r.start, r.end, CARD_DIGITS_MASK, "card");
      }
    }
  }

  const found: Partial<Record<RedactionKind, number>> = {};
  for (const kind of ["card", "cvv", "expiry", "iban", "national_id"] as const) {
    const n = claims.count(kind);
    if (n > 0) found[kind] = n;
  }
  // Context passes on while the customer keeps giving card data; a message that names no card and gives
  // none ends it, so the rest of the conversation's order numbers and postcodes are read normally again.
  const cardContext = pass.contextual && (ownSignal || (pass.inherited && cardData > 0));
  return { text: claims.apply(), found, context: { cardContext } };
}

/** Only booleans override a default: `{ iban: undefined }` must not switch IBANs off. */
function settingsOf(partial: Partial<RedactionSettings> | undefined): RedactionSettings {
  const settings = { ...DEFAULT_REDACTION };
  for (const key of Object.keys(settings) as Array<keyof RedactionSettings>) {
    const value = partial?.[key];
    if (typeof value === "boolean") settings[key] = value;
  }
  return settings;
}

export function redact(text: string, options: RedactOptions = {}): Redacted {
  const inherited = options.context?.cardContext === true;
  // Nothing said: the context is unchanged.
  if (typeof text !== "string" || text.length === 0)
    return { text, found: {}, context: { cardContext: inherited } };
  return run(text, {
    settings: settingsOf(options.settings),
    inherited,
    spoken: options.spokenDigits,
    contextual: true,
  });
}

/** Cheap redaction for log lines (no context): cards, IBANs, national ids. */
export function redactForLog(text: string): string {
  if (typeof text !== "string" || text.length === 0) return text;
  return run(text, { settings: DEFAULT_REDACTION, inherited: false, spoken: undefined, contextual: false })
    .text;
}
