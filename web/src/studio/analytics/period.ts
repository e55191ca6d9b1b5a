import { type AnalyticsQuery, BREAKDOWNS, type Breakdown } from "../api.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The period a first visit shows: the last 30 days, today included (UTC, like the analytics). */
const DEFAULT_DAYS = 30;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function defaultQuery(now: Date = new Date()): AnalyticsQuery {
  const to = isoDay(now);
  const from = isoDay(new Date(now.getTime() - (DEFAULT_DAYS - 1) * 86_400_000));
  return { from, to, by: "day" };
}

/** The page's state lives in its address (shareable, kept on reload); anything malformed is the default. */
export function queryFromSearch(search: URLSearchParams): AnalyticsQuery {
  const fallback = defaultQuery();
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  const by = search.get("by") ?? "";
  return {
    from: DAY.test(from) ? from : fallback.from,
    to: DAY.test(to) ? to : fallback.to,
    by: (BREAKDOWNS as readonly string[]).includes(by) ? (by as Breakdown) : "day",
  };
}
