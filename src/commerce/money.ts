/** Money is integer minor units with a currency code; floats only at the edges (tau data, display). */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Decimal digits of the minor unit per ISO 4217; every currency we seed uses 2. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** Major-unit decimal (e.g. 47.84) to minor units, rounding half away from zero at the minor digit. */
export function toMinor(amount: number, currency = "USD"): number {
  const factor = 10 ** minorDigits(currency);
  const scaled = amount * factor;
  // Correct binary noise such as 1.005 * 100 = 100.49999999999999 before rounding.
  const nudged = (Math.sign(scaled) * Math.round(Math.abs(scaled) * 1e6)) / 1e6;
  return Math.sign(nudged) * Math.round(Math.abs(nudged));
}

export function fromMinor(amountMinor: number, currency = "USD"): number {
  return amountMinor / 10 ** minorDigits(currency);
}

export function money(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor))
    throw new RangeError(`Money must be an integer of minor units, got ${amountMinor}`);
  return { amountMinor, currency };
}
