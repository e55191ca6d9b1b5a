/** How figures read in the staff pages: English (US) number formats, times in the viewer's zone. */
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const share = new Intl.NumberFormat("en-US", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const amount = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** What a missing figure reads as (a rate with nothing to divide by). */
export const NO_VALUE = "–";

export function formatCount(value: number): string {
  return integer.format(value);
}

/** A share between 0 and 1 as a percentage with one decimal: 0.5833 → "58.3%". */
export function formatRate(rate: number | null): string {
  return rate === null ? NO_VALUE : share.format(rate);
}

/** Minor units as a decimal amount in the store's currency: 1234 → "12.34". */
export function formatMinor(minor: number | null): string {
  return minor === null ? NO_VALUE : amount.format(minor / 100);
}

/** Seconds as "45.5 s" below a minute, else "3 min 05 s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_VALUE;
  if (seconds < 60) return `${oneDecimal.format(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

export function formatMs(ms: number): string {
  return `${integer.format(ms)} ms`;
}

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
