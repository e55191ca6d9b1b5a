import { SwitchboardError } from "../../platform/index.ts";

/** Longest period one report covers: a leap year, so a whole calendar year always fits. */
export const MAX_PERIOD_DAYS = 366;
/** How far before a contact an earlier contact by the same customer makes it a repeat. */
export const REPEAT_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

/** Whole UTC days, both ends included: conversations opened from `from` 00:00Z to before `to` + 1 day. */
export interface Period {
  from: string;
  to: string;
  start: Date;
  /** Exclusive. */
  end: Date;
  days: string[];
}

function day(value: string, name: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== value)
    throw new SwitchboardError("bad_request", `${name} must be a date as YYYY-MM-DD (got "${value}")`);
  return at;
}

/** Checks and expands a period; a bad one is a `bad_request` naming what is wrong. */
export function analyticsPeriod(from: string, to: string): Period {
  const start = day(from, "from");
  const last = day(to, "to");
  if (last < start) throw new SwitchboardError("bad_request", `from (${from}) is after to (${to})`);
  const count = (last.getTime() - start.getTime()) / DAY_MS + 1;
  if (count > MAX_PERIOD_DAYS)
    throw new SwitchboardError(
      "bad_request",
      `The period covers ${count} days; at most ${MAX_PERIOD_DAYS} in one report`,
    );
  const days = Array.from({ length: count }, (_, i) =>
    new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
  return { from, to, start, end: new Date(last.getTime() + DAY_MS), days };
}

/** Where the look-back for repeat contacts starts: the window before the period's first day. */
export function repeatLookbackStart(period: Period): Date {
  return new Date(period.start.getTime() - REPEAT_WINDOW_DAYS * DAY_MS);
}

export const REPEAT_WINDOW_MS = REPEAT_WINDOW_DAYS * DAY_MS;
