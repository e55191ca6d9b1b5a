import type { Analysis } from "./analysis.ts";
import { anyCardinalTrie } from "./numbers.ts";
import { PhraseTrie } from "./phrases.ts";
import type { Token } from "./text.ts";
import { allLanguages, once } from "./words/index.ts";

/**
 * Digit strings as customers type and say them: "2378156", "237 81 56", "two three seven eight one five
 * six", "oh seven seven double oh nine", "zwei drei sieben", "doppio cinque", "seven eighty-one fifty-six".
 * Order numbers, phones and postcodes are read from these runs.
 */

export interface DigitItem {
  start: number;
  end: number;
  digits: string;
  /** Said as a word rather than typed as digits. */
  spoken: boolean;
  /** "double five": stands on its own as a spoken digit string. */
  repeated: boolean;
  tokenStart: number;
  tokenEnd: number;
}

export interface DigitRun {
  items: DigitItem[];
  start: number;
  end: number;
  digits: string;
  spoken: boolean;
  tokenStart: number;
  tokenEnd: number;
}

const multiplierTrie = once(() => new PhraseTrie(allLanguages((w) => w.multipliers)));

function wordItem(a: Analysis, i: number): DigitItem | undefined {
  const found = anyCardinalTrie().match(a.tokens, i, a.text);
  if (!found) return undefined;
  const first = a.tokens[i] as Token;
  const last = a.tokens[found.end - 1] as Token;
  return {
    start: first.start,
    end: last.end,
    digits: String(found.value),
    spoken: true,
    repeated: false,
    tokenStart: i,
    tokenEnd: found.end,
  };
}

function itemAt(a: Analysis, i: number): DigitItem | undefined {
  const token = a.tokens[i] as Token;
  if (token.num) {
    return {
      start: token.start,
      end: token.end,
      digits: token.text,
      spoken: false,
      repeated: false,
      tokenStart: i,
      tokenEnd: i + 1,
    };
  }
  const multiplier = multiplierTrie().match(a.tokens, i, a.text);
  if (multiplier && multiplier.end < a.tokens.length) {
    const next = a.tokens[multiplier.end] as Token;
    const single = next.num ? (next.text.length === 1 ? next.text : undefined) : undefined;
    const word = single === undefined ? wordItem(a, multiplier.end) : undefined;
    const digit = single ?? (word && word.digits.length === 1 ? word.digits : undefined);
    if (
      digit !== undefined &&
      /^\s*-?\s*$/.test(a.text.slice((a.tokens[multiplier.end - 1] as Token).end, next.start))
    ) {
      const tokenEnd = word ? word.tokenEnd : multiplier.end + 1;
      return {
        start: token.start,
        end: (a.tokens[tokenEnd - 1] as Token).end,
        digits: digit.repeat(multiplier.value),
        spoken: true,
        repeated: true,
        tokenStart: i,
        tokenEnd,
      };
    }
  }
  return wordItem(a, i);
}

/** What may separate two parts of one digit string. */
function joinable(gap: string, left: DigitItem, right: DigitItem): boolean {
  if (gap === "" || /^[ \t\u00a0]+$/.test(gap) || /^[ \t\u00a0]*[-–][ \t\u00a0]*$/.test(gap)) return true;
  // "237.81.56", "1,234": punctuation inside a number. With a space after, it ends a sentence or a list.
  if (/^[.,/]$/.test(gap)) return true;
  // Dictation software puts commas between spoken digits: "two, three, seven".
  return left.spoken && right.spoken && /^[ \t]*[,.][ \t]*$/.test(gap);
}

/** Letters written right after digits ("2nd", "1000ml", "4K") end a digit string. */
function gluedToLetters(a: Analysis, item: DigitItem): boolean {
  const next = a.tokens[item.tokenEnd];
  return !item.spoken && next !== undefined && !next.num && next.start === item.end;
}

function runOf(items: DigitItem[]): DigitRun {
  const first = items[0] as DigitItem;
  const last = items[items.length - 1] as DigitItem;
  return {
    items,
    start: first.start,
    end: last.end,
    digits: items.map((item) => item.digits).join(""),
    spoken: items.some((item) => item.spoken),
    tokenStart: first.tokenStart,
    tokenEnd: last.tokenEnd,
  };
}

/**
 * A spoken number word joins a digit string only next to another spoken digit: "one" in "the second one"
 * and the Italian "due" in "due 2378156" stay words.
 */
function dropLoneWords(items: DigitItem[]): DigitItem[][] {
  const groups: DigitItem[][] = [[]];
  items.forEach((item, k) => {
    const lone = item.spoken && !item.repeated && !items[k - 1]?.spoken && !items[k + 1]?.spoken;
    if (lone) groups.push([]);
    else (groups[groups.length - 1] as DigitItem[]).push(item);
  });
  return groups.filter((g) => g.length > 0);
}

const cache = new WeakMap<Analysis, DigitRun[]>();

export function digitRuns(a: Analysis): DigitRun[] {
  const cached = cache.get(a);
  if (cached) return cached;
  const runs: DigitRun[] = [];
  let current: DigitItem[] = [];
  const flush = () => {
    for (const group of dropLoneWords(current)) runs.push(runOf(group));
    current = [];
  };
  for (let i = 0; i < a.tokens.length; ) {
    const item = itemAt(a, i);
    if (!item) {
      flush();
      i++;
      continue;
    }
    const previous = current[current.length - 1];
    if (previous && !joinable(a.text.slice(previous.end, item.start), previous, item)) flush();
    current.push(item);
    if (gluedToLetters(a, item)) flush();
    i = item.tokenEnd;
  }
  flush();
  cache.set(a, runs);
  return runs;
}

/**
 * The leading items of a run that make exactly `length` digits, when that reading is safe: the whole run, or
 * one block typed without spaces followed by something else ("W2378156 2 items").
 */
export function exactPrefix(run: DigitRun, length: number): DigitRun | undefined {
  if (run.digits.length === length) return run;
  const first = run.items[0] as DigitItem;
  if (!first.spoken && first.digits.length === length) return runOf([first]);
  return undefined;
}
