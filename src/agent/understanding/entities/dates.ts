import type { Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { cardinalAt, startsCardinal } from "./numbers.ts";
import { PhraseTrie, phraseSet } from "./phrases.ts";
import { fold, type Token } from "./text.ts";
import { allLanguages, type DateUnit, perLanguage, type WeekdayMode, WORDS } from "./words/index.ts";

/**
 * Calendar dates as YYYY-MM-DD, read against `context.today`: what customers say when promising a payment
 * or asking about a delivery. Relative days ("tomorrow", "übermorgen"), weekdays ("next Friday",
 * "vendredi prochain", "el viernes que viene"), "in 3 days", "end of next month", days of the month
 * ("the 15th", "am 3."), day and month in words ("3rd of December", "3 décembre") or digits ("3/12",
 * "03.12.2026", "2026-12-03"). A date without a year that has passed is next year's; impossible dates
 * (31 February) are dropped.
 *
 * Conventions: "next Friday" (English "next", German "nächsten", Dutch "volgende") is the Friday of next
 * calendar week; "vendredi prochain", "el próximo viernes", "venerdì prossimo" and a bare "Friday" are
 * the first Friday after today; "this Friday" may be today. The end of a week is its Friday.
 */

// --- calendar arithmetic, in UTC so no time zone moves a day ---

function makeDate(y: number, m: number, d: number): Date | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date;
}

function parseIsoDay(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** 0 = Monday. */
function weekdayOf(date: Date): number {
  return (date.getUTCDay() + 6) % 7;
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return makeDate(y, m, Math.min(date.getUTCDate(), lastDayOfMonth(y, m))) as Date;
}

function weekdayDate(today: Date, day: number, mode: WeekdayMode): Date {
  if (mode === "next-week") return addDays(today, 7 - weekdayOf(today) + day);
  const ahead = (day - weekdayOf(today) + 7) % 7;
  return addDays(today, ahead === 0 && mode === "upcoming" ? 7 : ahead);
}

function endOf(today: Date, unit: "week" | "month", offset: number): Date {
  if (unit === "month") {
    const next = addMonths(makeDate(today.getUTCFullYear(), today.getUTCMonth() + 1, 1) as Date, offset);
    return makeDate(
      next.getUTCFullYear(),
      next.getUTCMonth() + 1,
      lastDayOfMonth(next.getUTCFullYear(), next.getUTCMonth() + 1),
    ) as Date;
  }
  const friday = addDays(today, 7 * offset + 4 - weekdayOf(today));
  return friday < today ? addDays(today, 6 - weekdayOf(today)) : friday;
}

/** Day and month without a year: this year's, or next year's once it has passed. */
function upcomingDayMonth(today: Date, month: number, day: number): Date | undefined {
  const y = today.getUTCFullYear();
  const date = makeDate(y, month, day);
  if (date && date >= today) return date;
  return makeDate(y + 1, month, day);
}

/** A day of the month alone: this month's, or the next month that has it. */
function upcomingDay(today: Date, day: number): Date | undefined {
  if (day < 1 || day > 31) return undefined;
  for (let k = 0; k < 12; k++) {
    const month = addMonths(makeDate(today.getUTCFullYear(), today.getUTCMonth() + 1, 1) as Date, k);
    const date = makeDate(month.getUTCFullYear(), month.getUTCMonth() + 1, day);
    if (date && date >= today) return date;
  }
  return undefined;
}

function fullYear(raw: string): number {
  const n = Number(raw);
  return raw.length === 2 ? 2000 + n : n;
}

// --- vocabulary ---

interface Vocabulary {
  relative: PhraseTrie<number | "blocked">;
  endOf: PhraseTrie<{ unit: "week" | "month"; offset: number }>;
  before: PhraseTrie<WeekdayMode>;
  after: PhraseTrie<WeekdayMode>;
  inWords: PhraseTrie<true>;
  fromNow: PhraseTrie<true>;
  units: PhraseTrie<DateUnit>;
  indefinite: Set<string>;
  prepositions: PhraseTrie<true>;
  articles: Set<string>;
  joiners: Set<string>;
  dayOrdinals: PhraseTrie<number>;
  suffixes: Set<string>;
  months: PhraseTrie<{ month: number; abbreviation: boolean }>;
  weekdays: PhraseTrie<{ day: number; abbreviation: boolean }>;
}

const vocabulary = perLanguage((w, language): Vocabulary => {
  const withEnglish = <T>(pick: (x: typeof w) => readonly T[]): T[] =>
    language === "en" ? [...pick(w)] : [...pick(w), ...pick(WORDS.en)];
  const relative = new PhraseTrie<number | "blocked">();
  for (const p of w.relativeBlockers) relative.add(p, "blocked");
  for (const [p, n] of w.relativeDays) relative.add(p, n);
  const months = new PhraseTrie<{ month: number; abbreviation: boolean }>();
  for (const [p, m] of allLanguages((x) => x.months)) months.add(p, { month: m, abbreviation: false });
  for (const [p, m] of w.monthAbbreviations) months.add(p, { month: m, abbreviation: true });
  const weekdays = new PhraseTrie<{ day: number; abbreviation: boolean }>();
  for (const [p, d] of allLanguages((x) => x.weekdays)) weekdays.add(p, { day: d, abbreviation: false });
  for (const [p, d] of w.weekdayAbbreviations) weekdays.add(p, { day: d, abbreviation: true });
  return {
    relative,
    endOf: new PhraseTrie(w.endOf),
    before: new PhraseTrie(w.weekdayBefore),
    after: new PhraseTrie(w.weekdayAfter),
    inWords: phraseSet(w.inWords),
    fromNow: phraseSet(w.fromNow),
    units: new PhraseTrie(w.units),
    indefinite: new Set(w.indefinite.map(fold)),
    prepositions: phraseSet(withEnglish((x) => x.datePrepositions)),
    articles: new Set(withEnglish((x) => x.dayArticles).map(fold)),
    joiners: new Set(withEnglish((x) => x.dayMonthJoiners).map(fold)),
    dayOrdinals: new PhraseTrie(withEnglish((x) => x.dayOrdinals)),
    suffixes: new Set(withEnglish((x) => x.ordinalSuffixes).map(fold)),
    months,
    weekdays,
  };
});

// --- token patterns ---

interface Hit {
  /** Token range. */
  from: number;
  to: number;
  /** Character end, when a dot after the last token belongs to the date ("am 3."). */
  endChar?: number;
  /** Undefined for words that look like a date and are not one. */
  date: Date | undefined;
}

interface Ctx {
  a: Analysis;
  v: Vocabulary;
  today: Date;
}

const SPACES = /^[ \t\u00a0]*$/;

function gap(c: Ctx, left: number, right: number): string {
  const l = c.a.tokens[left];
  const r = c.a.tokens[right];
  return l && r ? c.a.text.slice(l.end, r.start) : "\n";
}

interface DayNumber {
  day: number;
  to: number;
  /** Written with an ordinal ending ("3rd", "3e", "3.") or as an ordinal word ("third"). */
  ordinal: boolean;
  word: boolean;
  endChar?: number;
  /** The ordinal dot ("3."): German, or a day before a month name. */
  dotted?: boolean;
}

function dayAt(c: Ctx, i: number, allowCardinalWords: boolean): DayNumber | undefined {
  const { tokens, text } = c.a;
  const token = tokens[i];
  if (!token) return undefined;
  if (token.num) {
    if (token.text.length > 2) return undefined;
    const day = Number(token.text);
    if (day < 1 || day > 31) return undefined;
    const previous = tokens[i - 1];
    if (previous && previous.end === token.start && !previous.num) return undefined;
    const next = tokens[i + 1];
    if (next && next.start === token.end && !next.num) {
      if (!c.v.suffixes.has(next.norm)) return undefined;
      const after = tokens[i + 2];
      if (after && after.start === next.end) return undefined;
      return { day, to: i + 2, ordinal: true, word: false };
    }
    // "3." followed by a space: the German ordinal dot. "3.12" and the "12." of "3.12." are something else.
    if (
      text[token.end] === "." &&
      !/^\.\d/.test(text.slice(token.end)) &&
      !/[\d.,]/.test(text[token.start - 1] ?? "")
    ) {
      return { day, to: i + 1, ordinal: true, word: false, endChar: token.end + 1, dotted: true };
    }
    return { day, to: i + 1, ordinal: false, word: false };
  }
  const ordinal = c.v.dayOrdinals.match(tokens, i, text);
  if (ordinal) return { day: ordinal.value, to: ordinal.end, ordinal: true, word: true };
  if (allowCardinalWords) {
    const cardinal = cardinalAt(tokens, i, text, c.a.language);
    if (cardinal && cardinal.value >= 1 && cardinal.value <= 31)
      return { day: cardinal.value, to: cardinal.end, ordinal: false, word: true };
  }
  return undefined;
}

function monthAt(c: Ctx, i: number): { month: number; to: number; endChar?: number } | undefined {
  const found = c.v.months.match(c.a.tokens, i, c.a.text);
  if (!found) return undefined;
  const last = c.a.tokens[found.end - 1] as Token;
  if (found.value.abbreviation && c.a.text[last.end] === ".")
    return { month: found.value.month, to: found.end, endChar: last.end + 1 };
  return { month: found.value.month, to: found.end };
}

function yearAt(c: Ctx, i: number, after: number): { year: number; to: number } | undefined {
  const token = c.a.tokens[i];
  if (!token?.num || token.text.length !== 4) return undefined;
  if (!/^[ \t\u00a0]*,?[ \t\u00a0]*$/.test(c.a.text.slice(after, token.start))) return undefined;
  const year = Number(token.text);
  return year >= 1900 && year <= 2199 ? { year, to: i + 1 } : undefined;
}

function charEnd(c: Ctx, to: number, endChar?: number): number {
  return endChar ?? (c.a.tokens[to - 1] as Token).end;
}

function withYear(
  c: Ctx,
  to: number,
  endChar: number | undefined,
  month: number,
  day: number,
): Hit | undefined {
  const year = yearAt(c, to, charEnd(c, to, endChar));
  const date = year ? makeDate(year.year, month, day) : upcomingDayMonth(c.today, month, day);
  if (!date) return undefined;
  return year ? { from: -1, to: year.to, date } : { from: -1, to, endChar, date };
}

/** "3 December", "3rd of December 2026", "3. Dezember", "3 de diciembre", "the 3rd of December". */
function dayMonth(c: Ctx, i: number): Hit | undefined {
  let at = i;
  if (c.v.articles.has(c.a.tokens[at]?.norm ?? "") && SPACES.test(gap(c, at, at + 1))) at++;
  const day = dayAt(c, at, true);
  if (!day) return undefined;
  let next = day.to;
  const afterDay = c.a.text.slice(
    charEnd(c, day.to, day.endChar),
    c.a.tokens[next]?.start ?? c.a.text.length,
  );
  if (!/^[ \t\u00a0]*-?[ \t\u00a0]*$/.test(afterDay)) return undefined;
  if (c.v.joiners.has(c.a.tokens[next]?.norm ?? "") && SPACES.test(gap(c, next, next + 1))) next++;
  const month = monthAt(c, next);
  if (!month) return undefined;
  const hit = withYear(c, month.to, month.endChar, month.month, day.day);
  return hit && { ...hit, from: i };
}

/** "December 3", "Dec. 3rd, 2026", "December the 3rd". */
function monthDay(c: Ctx, i: number): Hit | undefined {
  const month = monthAt(c, i);
  if (!month) return undefined;
  let at = month.to;
  const afterMonth = c.a.text.slice(
    charEnd(c, month.to, month.endChar),
    c.a.tokens[at]?.start ?? c.a.text.length,
  );
  if (!SPACES.test(afterMonth)) return undefined;
  if (c.v.articles.has(c.a.tokens[at]?.norm ?? "") && SPACES.test(gap(c, at, at + 1))) at++;
  const day = dayAt(c, at, false);
  if (!day || day.word) return undefined;
  // "December 3.5" or "Dec 12/3" are not this.
  if (/^[.,/]\d/.test(c.a.text.slice((c.a.tokens[day.to - 1] as Token).end))) return undefined;
  const hit = withYear(c, day.to, day.endChar, month.month, day.day);
  return hit && { ...hit, from: i };
}

/** "the 15th", "on the 3rd", "am 3.", "le 15", "el 15", "il 15", "op de 15e". */
function dayOnly(c: Ctx, i: number): Hit | undefined {
  const { tokens, text } = c.a;
  let at = i;
  const preposition = c.v.prepositions.match(tokens, at, text);
  let articleOnly = false;
  if (preposition) {
    articleOnly = preposition.end === at + 1 && c.v.articles.has((tokens[at] as Token).norm);
    if (!SPACES.test(gap(c, preposition.end - 1, preposition.end))) return undefined;
    at = preposition.end;
  }
  if (c.v.articles.has(tokens[at]?.norm ?? "") && SPACES.test(gap(c, at, at + 1))) at++;
  const day = dayAt(c, at, false);
  if (!day || (day.dotted && c.a.language !== "de")) return undefined;
  // "am dritten Dezember", "on the 3rd of May": the month belongs to the date, read from the day on.
  const following = day.to;
  const joined = c.v.joiners.has(tokens[following]?.norm ?? "") ? following + 1 : following;
  if (monthAt(c, joined)) return undefined;
  const realPreposition = preposition !== undefined && !articleOnly;
  let isDate: boolean;
  if (day.word) isDate = realPreposition;
  else if (day.ordinal) isDate = realPreposition || day.day > 10 || (articleOnly && c.a.language !== "en");
  else isDate = preposition !== undefined && ["fr", "es", "it"].includes(c.a.language);
  if (!isDate) return undefined;
  // "le 15 euros", "el 3 de mayo" (that one is dayMonth's), "the 15th item": only a bare day.
  const next = tokens[day.to];
  if (
    next &&
    SPACES.test(text.slice(charEnd(c, day.to, day.endChar), next.start)) &&
    c.v.units.match(tokens, day.to, text)
  ) {
    return undefined;
  }
  const date = upcomingDay(c.today, day.day);
  return date ? { from: at, to: day.to, endChar: day.endChar, date } : undefined;
}

/** "Friday", "next Friday", "vendredi prochain", "el próximo viernes", "volgende week vrijdag". */
function weekday(c: Ctx, i: number): Hit | undefined {
  const { tokens, text } = c.a;
  let at = i;
  let mode: WeekdayMode = "upcoming";
  const before = c.v.before.match(tokens, at, text);
  if (before && SPACES.test(gap(c, before.end - 1, before.end))) {
    mode = before.value;
    at = before.end;
  }
  const found = c.v.weekdays.match(tokens, at, text);
  if (!found) return undefined;
  const token = tokens[at] as Token;
  if (found.value.abbreviation) {
    const dotted = text[token.end] === ".";
    if (!dotted && !(token.text.length >= 3 && /^\p{Lu}/u.test(token.text))) return undefined;
  }
  let to = found.end;
  // "Friday 5th December", "Friday, the 5th": the date says more than the weekday.
  const after = gap(c, to - 1, to);
  if (/^[ \t]*,?[ \t]*$/.test(after)) {
    const exact = dayMonth(c, to) ?? monthDay(c, to) ?? dayOnlyAfterWeekday(c, to);
    if (exact) return { ...exact, from: i };
  }
  const trailing = c.v.after.match(tokens, to, text);
  if (trailing && SPACES.test(gap(c, to - 1, to))) {
    mode = trailing.value;
    to = trailing.end;
  }
  return { from: i, to, date: weekdayDate(c.today, found.value.day, mode) };
}

function dayOnlyAfterWeekday(c: Ctx, i: number): Hit | undefined {
  let at = i;
  if (c.v.articles.has(c.a.tokens[at]?.norm ?? "")) at++;
  const day = dayAt(c, at, false);
  if (!day || (!day.ordinal && c.a.tokens[at - 1]?.norm !== "the")) return undefined;
  const date = upcomingDay(c.today, day.day);
  return date ? { from: i, to: day.to, endChar: day.endChar, date } : undefined;
}

function amountAt(c: Ctx, i: number): { n: number; to: number } | undefined {
  const token = c.a.tokens[i];
  if (!token) return undefined;
  if (token.num) return token.text.length <= 3 ? { n: Number(token.text), to: i + 1 } : undefined;
  if (c.v.indefinite.has(token.norm)) return { n: 1, to: i + 1 };
  const cardinal = cardinalAt(c.a.tokens, i, c.a.text, c.a.language);
  return cardinal ? { n: cardinal.value, to: cardinal.end } : undefined;
}

function shift(today: Date, n: number, unit: DateUnit): Date {
  if (unit === "day") return addDays(today, n);
  if (unit === "week") return addDays(today, 7 * n);
  return addMonths(today, n);
}

/** "in 3 days", "in zwei Wochen", "dans une semaine", "dentro de dos semanas", "tra tre giorni", "over een week". */
function inPeriod(c: Ctx, i: number): Hit | undefined {
  const { tokens, text } = c.a;
  const word = c.v.inWords.match(tokens, i, text);
  if (word) {
    const amount = amountAt(c, word.end);
    const unit = amount && c.v.units.match(tokens, amount.to, text);
    if (amount && unit) return { from: i, to: unit.end, date: shift(c.today, amount.n, unit.value) };
  }
  // "3 days from now".
  const amount = amountAt(c, i);
  const unit = amount && c.v.units.match(tokens, amount.to, text);
  const fromNow = unit && c.v.fromNow.match(tokens, unit.end, text);
  if (amount && unit && fromNow)
    return { from: i, to: fromNow.end, date: shift(c.today, amount.n, unit.value) };
  return undefined;
}

function relative(c: Ctx, i: number): Hit | undefined {
  const found = c.v.relative.match(c.a.tokens, i, c.a.text);
  if (!found) return undefined;
  // "Guten Morgen", "por la mañana": the words are taken, but they name no day.
  if (found.value === "blocked") return { from: i, to: found.end, date: undefined };
  return { from: i, to: found.end, date: addDays(c.today, found.value) };
}

function endOfPeriod(c: Ctx, i: number): Hit | undefined {
  const found = c.v.endOf.match(c.a.tokens, i, c.a.text);
  return found
    ? { from: i, to: found.end, date: endOf(c.today, found.value.unit, found.value.offset) }
    : undefined;
}

const PATTERNS = [relative, endOfPeriod, inPeriod, weekday, dayMonth, monthDay, dayOnly];

// --- patterns on characters ---

interface CharHit {
  start: number;
  end: number;
  date: Date;
}

const ISO = /(?<![\p{N}\-/.])(\d{4})-(\d{1,2})-(\d{1,2})(?![\p{N}]|[-/.]\d)/gu;
const DOTTED = /(?<![\p{N}.,/])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\p{N}]|[.,]\d)/gu;
const SLASHED = /(?<![\p{N}/.,-])(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\p{N}]|[/\-.,]\d)/gu;

function numericDates(c: Ctx): CharHit[] {
  const out: CharHit[] = [];
  const { text, language, context } = c.a;
  for (const m of text.matchAll(ISO)) {
    const date = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) out.push({ start: m.index, end: m.index + m[0].length, date });
  }
  for (const m of text.matchAll(DOTTED)) {
    // "3.12." without a year is continental; in English it would be a price ("I paid 3.12.").
    if (m[3] === undefined && language === "en") continue;
    const day = Number(m[1]);
    const month = Number(m[2]);
    const date = m[3] ? makeDate(fullYear(m[3]), month, day) : upcomingDayMonth(c.today, month, day);
    if (date) out.push({ start: m.index, end: m.index + m[0].length, date });
  }
  const monthFirst = language === "en" && (context.country === undefined || context.country === "US");
  for (const m of text.matchAll(SLASHED)) {
    // "3-12" without a year is a range or a score, not a date.
    if (m[2] === "-" && m[4] === undefined) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const [month, day] = monthFirst ? [a, b] : [b, a];
    const date = m[4] ? makeDate(fullYear(m[4]), month, day) : upcomingDayMonth(c.today, month, day);
    if (date) out.push({ start: m.index, end: m.index + m[0].length, date });
  }
  return out;
}

export function extractDates(a: Analysis): Entity[] {
  const today = parseIsoDay(a.context.today);
  if (!today) return [];
  const c: Ctx = { a, v: vocabulary(a.language), today };
  const hits: CharHit[] = numericDates(c);
  const { tokens } = a;
  const v = c.v;
  // Most words cannot start a date; checking that first keeps the patterns off ordinary text.
  const canStart = (t: Token) =>
    t.num ||
    v.relative.starts(t.norm) ||
    v.endOf.starts(t.norm) ||
    v.before.starts(t.norm) ||
    v.inWords.starts(t.norm) ||
    v.months.starts(t.norm) ||
    v.weekdays.starts(t.norm) ||
    v.prepositions.starts(t.norm) ||
    v.articles.has(t.norm) ||
    v.dayOrdinals.starts(t.norm) ||
    v.indefinite.has(t.norm) ||
    startsCardinal(t.norm, a.language);
  for (let i = 0; i < tokens.length; i++) {
    if (!canStart(tokens[i] as Token)) continue;
    let best: Hit | undefined;
    for (const pattern of PATTERNS) {
      const hit = pattern(c, i);
      if (hit && (!best || hit.to > best.to)) best = hit;
    }
    if (!best) continue;
    if (best.date) {
      const start = (tokens[best.from] as Token).start;
      hits.push({ start, end: charEnd(c, best.to, best.endChar), date: best.date });
    }
    i = best.to - 1;
  }
  // Longest first; a shorter reading inside a longer one goes.
  hits.sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  const kept: CharHit[] = [];
  for (const hit of hits) {
    if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit);
  }
  return kept
    .sort((x, y) => x.start - y.start)
    .map((h) => ({
      type: "date",
      value: iso(h.date),
      text: a.text.slice(h.start, h.end),
      start: h.start,
      end: h.end,
    }));
}
