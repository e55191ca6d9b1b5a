/**
 * What redaction writes in place of what it removes. The masks are recognised again, so redacting a
 * redacted message changes nothing and a card mask carries the card context into the next message.
 */

export const cardMask = (last4: string): string => `[card ending ${last4}]`;
export const ibanMask = (last4: string): string => `[IBAN ending ${last4}]`;
export const CARD_DIGITS_MASK = "[card digits removed]";
export const SECURITY_CODE_MASK = "[security code removed]";
export const EXPIRY_MASK = "[expiry removed]";
export const NATIONAL_ID_MASK = "[national ID removed]";

const MASK =
  /\[(?:card ending [0-9]{4}|card digits removed|security code removed|expiry removed|IBAN ending [A-Z0-9]{4}|national ID removed)\]/g;

export interface MaskSpan {
  start: number;
  end: number;
  /** A card, card digits, security code or expiry mask: the message was about a card. */
  card: boolean;
}

export function findMasks(text: string): MaskSpan[] {
  const out: MaskSpan[] = [];
  for (const m of text.matchAll(MASK)) {
    out.push({ start: m.index, end: m.index + m[0].length, card: !/^\[(?:IBAN|national)/.test(m[0]) });
  }
  return out;
}
