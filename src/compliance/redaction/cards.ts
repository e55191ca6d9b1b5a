import { Claims } from "./claims.ts";
import { digitRuns, digitUnits, type Run, type Unit } from "./digit-runs.ts";
import { cardMask } from "./masks.ts";

/**
 * Payment card numbers are masked before a message is stored, logged or read by the agent: customers
 * paste them into chats and read them out on calls, and PCI DSS forbids keeping them. A candidate is
 * 13 to 19 digits, optionally grouped by spaces, dashes or dots, that passes the Luhn check; what is kept
 * is the last four digits, which is enough to talk about the card. Numbers written after "+" (phones) or
 * starting with 0, 1, 7, 8 or 9 (no major card network issues those) are left alone.
 */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  // Card networks' numbers start with 2 to 6; phone numbers in national form start with 0.
  const first = digits.charCodeAt(0);
  if (first < 50 || first > 54) return false;
  // A run of one repeated digit ("3333 3333 3333 3") is not a card, and passes Luhn by accident.
  if (/^(\d)\1+$/.test(digits)) return false;
  return luhnValid(digits);
}

export interface CardMatch {
  start: number;
  end: number;
  last4: string;
}

interface Segment {
  unit: number;
  digits: number;
}

/**
 * The cards in one run. A card may share the run with other numbers ("order 12 4242 4242 4242 4242"), so
 * spans of it are tried, the longest first: typed digits are cut only where the customer put a space, so
 * the grouping they typed decides where the card starts and ends; spoken digits carry no grouping and may
 * be cut anywhere, but a spoken span is masked whole. Only spans of 13 to 19 digits are tried, which keeps
 * the search linear in the length of the run.
 */
export function findCards(run: Run): CardMatch[] {
  const segments: Segment[] = [];
  run.units.forEach((unit, u) => {
    if (!unit.spoken) segments.push({ unit: u, digits: unit.digits.length });
    else for (let i = 0; i < unit.digits.length; i++) segments.push({ unit: u, digits: 1 });
  });
  const offsets = [0];
  for (const s of segments) offsets.push((offsets[offsets.length - 1] as number) + s.digits);
  const candidates: Array<{ from: number; to: number }> = [];
  for (let from = 0; from < segments.length; from++) {
    const base = offsets[from] as number;
    for (let to = from + 1; to <= segments.length; to++) {
      const length = (offsets[to] as number) - base;
      if (length > 19) break;
      if (length >= 13 && isCardNumber(run.digits.slice(base, base + length))) candidates.push({ from, to });
    }
  }
  candidates.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const usedUnits = new Uint8Array(run.units.length);
  const cards: CardMatch[] = [];
  for (const { from, to } of candidates) {
    const firstUnit = (segments[from] as Segment).unit;
    const lastUnit = (segments[to - 1] as Segment).unit;
    let free = true;
    for (let u = firstUnit; u <= lastUnit && free; u++) if (usedUnits[u] === 1) free = false;
    if (!free) continue;
    usedUnits.fill(1, firstUnit, lastUnit + 1);
    const end = offsets[to] as number;
    cards.push({
      start: (run.units[firstUnit] as Unit).start,
      end: (run.units[lastUnit] as Unit).end,
      last4: run.digits.slice(end - 4, end),
    });
  }
  return cards.sort((a, b) => a.start - b.start);
}

/**
 * A country code is a phone's, not a card's: "+49 151 ...", "plus four nine ...". A phone has at most 15
 * digits (E.164), so a longer run after a "+" is still read as a card.
 */
export function afterPhonePrefix(text: string, run: Run): boolean {
  if (run.digits.length > 15) return false;
  if ((run.units[0] as Unit).afterPlus) return true;
  const before = text.slice(Math.max(0, run.start - 12), run.start);
  return run.spoken && /(?:\+|(?<![\p{L}\p{N}])(?:plus|più)[ \t]+)$/iu.test(before);
}

/** Cards in typed digits only, for callers that have no spoken-digit finder. */
export function maskCardNumbers(text: string): { text: string; masked: number } {
  const claims = new Claims(text);
  const units = digitUnits(text, [], () => false);
  for (const run of digitRuns(text, units)) {
    if (afterPhonePrefix(text, run)) continue;
    for (const card of findCards(run)) claims.replace(card.start, card.end, cardMask(card.last4), "card");
  }
  return { text: claims.apply(), masked: claims.count("card") };
}
