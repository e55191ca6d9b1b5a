import type { Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { type DigitRun, digitRuns, exactPrefix } from "./digits.ts";
import { phraseSet } from "./phrases.ts";
import { crossesSentence, type Token } from "./text.ts";
import { allLanguages, once } from "./words/index.ts";

/**
 * The store's order numbers: "#W" and 7 digits, however the customer writes or says them ("W 237 8156",
 * "w two three seven...", "double u...", "Bestellnummer 2378156", or seven bare digits when the agent has
 * just asked for the order number).
 */

const DIGITS = 7;

/** How the letter W is written or said, in the six languages and by speech recognisers. */
const W_LETTER = once(() =>
  phraseSet([
    "w",
    "double u",
    "double-u",
    "doubleu",
    "double you",
    "dabliu",
    "dablju",
    "double v",
    "double vé",
    "doble u",
    "doble uve",
    "uve doble",
    "doble ve",
    "doppia vu",
    "vu doppia",
    "doppio vu",
    "weh",
    "wee",
  ]),
);

const ORDER_WORDS = once(() => phraseSet(allLanguages((w) => w.orderWords)));
const CONJUNCTIONS = once(() => new Set(["and", "und", "et", "y", "e", "en", "or", "oder", "ou", "o", "of"]));

/** Words allowed between an order word and its digits: "order number is", "Bestellnummer lautet". */
const MAX_WORDS_BETWEEN = 4;

/** The W (and a "#" before it) directly in front of token `at`. */
function letterBefore(a: Analysis, at: number): { start: number } | undefined {
  for (let from = Math.max(0, at - 3); from < at; from++) {
    const found = W_LETTER().match(a.tokens, from, a.text);
    if (!found || found.end !== at) continue;
    const marker = a.tokens[from] as Token;
    const gap = a.text.slice((a.tokens[at - 1] as Token).end, (a.tokens[at] as Token).start);
    if (!/^[\s\-–:#.]{0,3}$/.test(gap)) continue;
    // "SW2378156" or "now 2378156": the W must be a word of its own.
    if (from > 0 && (a.tokens[from - 1] as Token).end === marker.start) continue;
    return { start: hashBefore(a.text, marker.start) ?? marker.start };
  }
  return undefined;
}

function hashBefore(text: string, at: number): number | undefined {
  const before = text.slice(Math.max(0, at - 3), at);
  const match = /#\s*$/.exec(before);
  return match ? at - before.length + match.index : undefined;
}

function orderWordBefore(a: Analysis, at: number): boolean {
  for (let from = at - 1; from >= 0 && from >= at - 1 - MAX_WORDS_BETWEEN - 2; from--) {
    const token = a.tokens[from] as Token;
    if (token.num) return false;
    if (crossesSentence(a.text.slice(token.end, (a.tokens[from + 1] as Token).start))) return false;
    const found = ORDER_WORDS().match(a.tokens, from, a.text);
    if (found && at - found.end <= MAX_WORDS_BETWEEN) return true;
  }
  return false;
}

function entity(a: Analysis, start: number, run: DigitRun): Entity {
  return {
    type: "order_id",
    value: `#W${run.digits}`,
    text: a.text.slice(start, run.end),
    start,
    end: run.end,
  };
}

/**
 * "uve doble dos tres...", "vu doppia due tre...": the last word of the spelled W doubles as "double",
 * so the digit string opens with "doble dos" (22). Read it as the letter and one digit instead.
 */
function splitSpelledW(a: Analysis, run: DigitRun): DigitRun {
  const first = run.items[0];
  if (!first?.repeated || letterBefore(a, first.tokenStart + 1) === undefined) return run;
  const item = {
    ...first,
    digits: first.digits.slice(0, 1),
    start: (a.tokens[first.tokenStart + 1] as Token).start,
    tokenStart: first.tokenStart + 1,
  };
  const items = [item, ...run.items.slice(1)];
  return {
    ...run,
    items,
    start: item.start,
    tokenStart: item.tokenStart,
    digits: items.map((i) => i.digits).join(""),
  };
}

export function extractOrderIds(a: Analysis): Entity[] {
  const out: Entity[] = [];
  const expecting = a.context.expecting === "order_id";
  let previousEnd = -1;
  for (const found of digitRuns(a)) {
    const run = splitSpelledW(a, found);
    const exact = exactPrefix(run, DIGITS);
    if (!exact) continue;
    const letter = letterBefore(a, run.tokenStart);
    const hash = letter ? undefined : hashBefore(a.text, run.start);
    let start: number | undefined = letter?.start ?? hash;
    if (
      start === undefined &&
      (expecting || orderWordBefore(a, run.tokenStart) || listedAfter(a, previousEnd, run))
    ) {
      start = run.start;
    }
    if (start === undefined) continue;
    out.push(entity(a, start, exact));
    previousEnd = exact.tokenEnd;
  }
  return out;
}

/** "orders 2378156 and 4410327": the second number shares the first one's order word. */
function listedAfter(a: Analysis, previousEnd: number, run: DigitRun): boolean {
  if (previousEnd < 0 || run.tokenStart - previousEnd > 1) return false;
  if (run.tokenStart === previousEnd)
    return /^\s*[,/&]\s*$/.test(a.text.slice((a.tokens[previousEnd - 1] as Token).end, run.start));
  const between = a.tokens[previousEnd] as Token;
  return CONJUNCTIONS().has(between.norm);
}
