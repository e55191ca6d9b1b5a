/**
 * Lexicon-based sentiment of one customer message. Deterministic and offline: the words and phrases of
 * the message's language are looked up, shaped by negation, intensifiers, "but" and shouting, combined,
 * and squashed into -1..1.
 */
import type { Language, Sentiment } from "../types.ts";
import { analyse, type Unit } from "./match.ts";

// Negation reaches the next three words ("not very happy", "nicht mehr so zufrieden"), no further.
const NEGATION_SCOPE = 3;
// An intensifier acts on the next sentiment word within two words ("so very angry", "sehr, sehr gut").
const MODIFIER_SCOPE = 2;
// A negated positive word becomes a weaker negative ("not happy" is milder than "unhappy"), but never
// weaker than this: "not good", "nicht gut", "pas bien" are complaints, not neutral remarks...
const NEGATED_POSITIVE = -0.75;
const NEGATED_POSITIVE_FLOOR = -1.2;
// ...while a negated negative word is only faintly positive: "not bad" is not praise, "no damage" is relief.
const NEGATED_NEGATIVE = -0.2;
// Stacked intensifiers ("really really very") and downtoners stop compounding at these factors.
const MAX_FACTOR = 2.5;
const MIN_FACTOR = 0.25;
// Shouting a negative word ("UNACCEPTABLE") or ending with "!!" makes the anger stronger.
const CAPS_FACTOR = 1.5;
const EXCLAMATION_FACTOR = 1.3;
// A message shouted in capitals with no sentiment word ("WHERE IS MY ORDER") leans negative, but stays
// inside the neutral band: shouting alone is not enough to call a customer angry.
const SHOUTING_ONLY = -0.75;
// What comes after the last "but" is the point: "great support but the item is still broken" is a
// complaint. Kept moderate so one "but ... damaged" message does not reach the escalation level.
const BEFORE_CONTRAST = 0.4;
const AFTER_CONTRAST = 1.25;
// The strongest word of each polarity counts fully, the next half, the next a quarter...: a list of small
// grievances ("a bit annoyed", "late") reads as annoyance, not fury, while strong words still add up.
const DECAY = 0.5;
// Negative words weighing this much or more are anger, insults or threats ("ridiculous", "scam", "third
// time"); lighter ones describe problems ("late", "broken", "wrong item", "disappointed").
const STRONG_WORD = 3;
// Problems alone, however many and however intensified, stop just short of the escalation line (-0.6 in
// trend.ts): tanh(2.7 / 4) is about -0.59. Anger words, shouting or "!!" are what take a message past it.
const MILD_CAP = 2.7;
// The raw sum is divided by this before tanh: one clear anger word (-4) gives about -0.76, one
// "disappointed" (-1.8) about -0.42, a lone "thanks" (1.2) about 0.29.
const SCALE = 4;
// Labels: inside +-0.25 is neutral, so task messages with one faint word stay neutral.
const LABEL_THRESHOLD = 0.25;

// Faint tone words ("unfortunately", "again", "leider") colour a sentence; a negation next to them denies
// the real predicate ("gefällt mir leider nicht"), so they are never its target.
const FAINT = 1;
const negatable = (unit: Unit | undefined) =>
  unit?.role === "sentiment" && !unit.entry?.fixed && Math.abs(unit.entry?.weight ?? 0) >= FAINT;

const ends = (unit: Unit | undefined) => !unit || unit.role === "boundary" || unit.role === "contrast";

/** Indexes of the units after `from` (or before it, step -1) up to `scope`, stopping at a clause end. */
function reach(units: Unit[], from: number, scope: number, step: 1 | -1): number[] {
  const out: number[] = [];
  for (let j = from + step, n = 0; n < scope && !ends(units[j]); j += step, n++) out.push(j);
  return out;
}

/** "super schnell" intensifies, "Super, danke!" praises: a dual word is a modifier only before sentiment. */
function settleDualWords(units: Unit[]): void {
  units.forEach((unit, i) => {
    if (unit.role !== "modifier" || unit.entry?.weight === undefined) return;
    const before = reach(units, i, MODIFIER_SCOPE, 1).some((j) => units[j]?.entry?.weight);
    if (!before) unit.role = "sentiment";
  });
}

/** Negation strength per unit: forward over the next words, or back when the cue ends the clause. */
function negations(units: Unit[]): number[] {
  const negated = units.map(() => 0);
  units.forEach((unit, i) => {
    if (unit.role !== "negator") return;
    const strength = unit.entry?.negator ?? 1;
    const mark = (j: number) => {
      negated[j] = Math.max(negated[j] ?? 0, strength);
    };
    const forward = reach(units, i, NEGATION_SCOPE, 1).filter((j) => negatable(units[j]));
    if (forward.length > 0) forward.forEach(mark);
    else {
      // German, Dutch and spoken French put the negation last: "gefällt mir nicht", "werkt het niet",
      // "j'aime pas". Then it belongs to the nearest sentiment word before it in the same clause.
      const back = reach(units, i, NEGATION_SCOPE, -1).find((j) => negatable(units[j]));
      if (back !== undefined) mark(back);
    }
  });
  return negated;
}

function factors(units: Unit[]): number[] {
  const factor = units.map(() => 1);
  units.forEach((unit, i) => {
    if (unit.role !== "modifier") return;
    const target = reach(units, i, MODIFIER_SCOPE, 1).find((j) => units[j]?.role === "sentiment");
    if (target !== undefined) factor[target] = (factor[target] ?? 1) * (unit.entry?.modifier ?? 1);
  });
  return factor.map((f) => Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, f)));
}

/** Sum of magnitudes, strongest first, each counting DECAY times the one before. */
function decayed(magnitudes: number[]): number {
  return magnitudes.sort((a, b) => b - a).reduce((sum, m, k) => sum + m * DECAY ** k, 0);
}

interface Contribution {
  value: number;
  /** An anger word in itself (weight <= -STRONG_WORD) or a shouted one. */
  strong: boolean;
}

function contributions(units: Unit[]): Contribution[] {
  const negated = negations(units);
  const factor = factors(units);
  const lastContrast = units.findLastIndex((u) => u.role === "contrast");
  const out: Contribution[] = [];
  units.forEach((unit, i) => {
    if (unit.role !== "sentiment") return;
    const weight = unit.entry?.weight ?? 0;
    let value = weight * (factor[i] ?? 1);
    const strength = negated[i] ?? 0;
    if (strength > 0 && value > 0) {
      value = Math.min(NEGATED_POSITIVE_FLOOR, value * NEGATED_POSITIVE * strength);
    } else if (strength > 0) value *= NEGATED_NEGATIVE * strength;
    if (unit.caps && value < 0) value *= CAPS_FACTOR;
    if (lastContrast >= 0) value *= i < lastContrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
    out.push({ value, strong: weight <= -STRONG_WORD || unit.caps });
  });
  return out;
}

function rawSum(text: string, language: Language): number {
  const { tokens, units } = analyse(text, language);
  settleDualWords(units);
  const parts = contributions(units);

  const negatives = parts.filter((p) => p.value < 0);
  let negative = decayed(negatives.map((p) => -p.value));
  if (!negatives.some((p) => p.strong)) negative = Math.min(negative, MILD_CAP);
  let sum = decayed(parts.filter((p) => p.value > 0).map((p) => p.value)) - negative;

  if (parts.length === 0) {
    const shouted = tokens.filter((t) => t.caps && t.folded.length >= 3).length;
    if (shouted >= 2) sum = SHOUTING_ONLY;
  }
  // "!!", "!!!" and "?!!" add heat to a complaint; a single "!" or any number of "?" do not.
  if (sum < 0 && /![!?1]*!/.test(text)) sum *= EXCLAMATION_FACTOR;
  return sum;
}

export function scoreSentiment(text: string, language: Language): Sentiment {
  const raw = Math.tanh(rawSum(text, language) / SCALE);
  // Three decimals keep scores readable in logs and traces; `+ 0` turns -0 into 0.
  const score = Math.round(Math.min(1, Math.max(-1, raw)) * 1000) / 1000 + 0;
  const label = score < -LABEL_THRESHOLD ? "negative" : score > LABEL_THRESHOLD ? "positive" : "neutral";
  return { score, label };
}
