import type { SpokenDigits } from "./types.ts";

/**
 * Digits as customers type and say them, cut into units and joined into runs. A unit is a group of typed
 * digits ("4242") or a span the caller's finder read as spoken digits ("four two", "vier zwei 4242"); a run
 * is units the customer meant as one number ("4242 4242", "4242-4242", "four two 4242"). Cards, card
 * fragments, security codes and expiries are all read from these.
 */

export interface Unit {
  start: number;
  end: number;
  digits: string;
  spoken: boolean;
  /** Typed right against letters ("W2378156", "1000ml", "ivan3158@"): part of an identifier, not a number. */
  glued: boolean;
  /** Typed right after "+": a phone's country code. */
  afterPlus: boolean;
}

export interface Run {
  units: Unit[];
  start: number;
  end: number;
  digits: string;
  spoken: boolean;
}

const LETTER = /\p{L}/u;
const DIGITS = /[0-9]+/g;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

/**
 * The finder is the caller's code: a span that is out of range, not digits, overlapping another or cutting
 * through typed digits is dropped rather than trusted.
 */
function cleanSpoken(text: string, spoken: readonly SpokenDigits[]): SpokenDigits[] {
  const valid = spoken
    .filter(
      (s) =>
        s !== null &&
        typeof s === "object" &&
        Number.isInteger(s.start) &&
        Number.isInteger(s.end) &&
        s.start >= 0 &&
        s.end <= text.length &&
        s.start < s.end &&
        typeof s.digits === "string" &&
        /^[0-9]+$/.test(s.digits),
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SpokenDigits[] = [];
  for (const s of valid) {
    const previous = out[out.length - 1];
    if (previous && s.start < previous.end) continue;
    const cutsDigits =
      (s.start > 0 && /[0-9]/.test(text[s.start - 1] ?? "") && /[0-9]/.test(text[s.start] ?? "")) ||
      (/[0-9]/.test(text[s.end - 1] ?? "") && /[0-9]/.test(text[s.end] ?? ""));
    if (!cutsDigits) out.push({ start: s.start, end: s.end, digits: s.digits });
  }
  return out;
}

/** Every digit unit outside `blocked` spans (already claimed), in text order. */
export function digitUnits(
  text: string,
  spoken: readonly SpokenDigits[],
  blocked: (start: number, end: number) => boolean,
): Unit[] {
  const spans = cleanSpoken(text, spoken);
  const units: Unit[] = [];
  let k = 0;
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index;
    const end = start + m[0].length;
    // Spoken spans before this group go first; a group inside a spoken span is already part of it.
    while (k < spans.length && (spans[k] as SpokenDigits).end <= start) {
      const s = spans[k++] as SpokenDigits;
      if (!blocked(s.start, s.end)) units.push({ ...s, spoken: true, glued: false, afterPlus: false });
    }
    const inside = k < spans.length && (spans[k] as SpokenDigits).start <= start;
    if (inside || blocked(start, end)) continue;
    units.push({
      start,
      end,
      digits: m[0],
      spoken: false,
      glued: isLetter(text[start - 1]) || isLetter(text[end]),
      afterPlus: text[start - 1] === "+",
    });
  }
  for (; k < spans.length; k++) {
    const s = spans[k] as SpokenDigits;
    if (!blocked(s.start, s.end)) units.push({ ...s, spoken: true, glued: false, afterPlus: false });
  }
  return units;
}

// Typed groups join across one separator: "4242 4242", "4242-4242", "4242.4242". Spoken digits also across
// the commas and full stops dictation puts between them ("four two, four two").
const TYPED_GAP = /^(?:[ \t\u00a0]{1,3}|[ \t\u00a0]?[-–][ \t\u00a0]?|\.)$/;
const SPOKEN_GAP = /^[ \t\u00a0]{0,3}(?:[-–,.][ \t\u00a0]{0,3})?$/;

function joinable(text: string, left: Unit, right: Unit): boolean {
  if (left.glued || right.glued || left.afterPlus || right.afterPlus) return false;
  const gap = text.slice(left.end, right.start);
  if (gap.length > 7) return false;
  return (left.spoken || right.spoken ? SPOKEN_GAP : TYPED_GAP).test(gap);
}

export function runOf(units: Unit[]): Run {
  const first = units[0] as Unit;
  const last = units[units.length - 1] as Unit;
  return {
    units,
    start: first.start,
    end: last.end,
    digits: units.map((u) => u.digits).join(""),
    spoken: units.some((u) => u.spoken),
  };
}

/** Units joined into runs; an identifier glued to letters or a country code stands alone. */
export function digitRuns(text: string, units: readonly Unit[]): Run[] {
  const runs: Run[] = [];
  let current: Unit[] = [];
  for (const unit of units) {
    const previous = current[current.length - 1];
    if (previous && !joinable(text, previous, unit)) {
      runs.push(runOf(current));
      current = [];
    }
    current.push(unit);
  }
  if (current.length > 0) runs.push(runOf(current));
  return runs;
}
