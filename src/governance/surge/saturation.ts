/**
 * The step-up: after the profile, the arrival rate rises step by step until the platform stops
 * keeping up. The saturation point is the highest rate that still met every criterion.
 */

export interface StepPlan {
  /** Conversations a minute at the first step. */
  startPerMin: number;
  /** Each step's rate over the last passing one's. */
  factor: number;
  /** Steps at most, refinements and steps down included. */
  maxSteps: number;
  stepSeconds: number;
}

export interface SaturationCriteria {
  /**
   * The p95 of customer-message latency (send to the agent's answer) must stay at or under this, and
   * so must the p95 queue wait (arrival to the greeting): a customer kept waiting for the first word
   * is as unserved as one kept waiting for an answer.
   */
  sloP95Ms: number;
  /** Failed requests (timeouts, HTTP errors, closed sockets) over all requests. */
  maxErrorRate: number;
  /**
   * Answered messages a second must rise by at least this share of the offered load's rise: when
   * 50% more customers bring 10% more answers, the platform is queueing, not serving.
   */
  minThroughputGrowthShare: number;
}

export const DEFAULT_CRITERIA: Omit<SaturationCriteria, "sloP95Ms"> = {
  // The threshold: more than 1% of requests failing is an outage, not a slowdown.
  maxErrorRate: 0.01,
  minThroughputGrowthShare: 0.25,
};

export interface StepMeasure {
  index: number;
  ratePerMin: number;
  arrivals: number;
  /** What the step's customers would send a second if every answer came at once. */
  offeredMsgsPerSec: number;
  /** Requests answered a second during the step's window. */
  throughputMsgsPerSec: number;
  requests: number;
  p50Ms: number | null;
  p95Ms: number | null;
  queueWaitP95Ms: number | null;
  errorRate: number;
  platformCpuPercent: number | null;
  platformLagMs: number | null;
  generatorLagMs: number | null;
  /** The machine's one-minute load average during the step: other work competing for the cores. */
  loadAverage: number | null;
}

export interface JudgedStep extends StepMeasure {
  ok: boolean;
  /** Why it failed, in words; empty when it passed. */
  reasons: string[];
}

/** Why a step fails the criteria; `below` is the passing step at the next lower rate, if any. */
export function judgeStep(
  step: StepMeasure,
  below: StepMeasure | undefined,
  criteria: SaturationCriteria,
): string[] {
  const reasons: string[] = [];
  if (step.p95Ms === null) reasons.push("no customer message was answered");
  else if (step.p95Ms > criteria.sloP95Ms)
    reasons.push(`p95 message latency ${Math.round(step.p95Ms)} ms is over the ${criteria.sloP95Ms} ms SLO`);
  if (step.queueWaitP95Ms !== null && step.queueWaitP95Ms > criteria.sloP95Ms)
    reasons.push(
      `p95 queue wait ${Math.round(step.queueWaitP95Ms)} ms (arrival to greeting) is over the ${criteria.sloP95Ms} ms SLO`,
    );
  if (step.errorRate > criteria.maxErrorRate)
    reasons.push(
      `${(step.errorRate * 100).toFixed(1)}% of requests failed (limit ${(criteria.maxErrorRate * 100).toFixed(0)}%)`,
    );
  if (below && step.ratePerMin > below.ratePerMin && below.throughputMsgsPerSec > 0) {
    const offeredGrowth = step.ratePerMin / below.ratePerMin - 1;
    const growth = step.throughputMsgsPerSec / below.throughputMsgsPerSec - 1;
    if (growth < offeredGrowth * criteria.minThroughputGrowthShare)
      reasons.push(
        `throughput stopped growing: ${step.throughputMsgsPerSec.toFixed(1)} messages/s against ${below.throughputMsgsPerSec.toFixed(1)} at ${Math.round(below.ratePerMin)}/min (${Math.round(growth * 100)}% for ${Math.round(offeredGrowth * 100)}% more load)`,
      );
  }
  return reasons;
}

/** Judges each step against the passing step just below it in rate (steps run in any order). */
export function judgeSteps(steps: readonly StepMeasure[], criteria: SaturationCriteria): JudgedStep[] {
  const byRate = [...steps].sort((a, b) => a.ratePerMin - b.ratePerMin || a.index - b.index);
  const judged = new Map<number, JudgedStep>();
  let lastPassed: StepMeasure | undefined;
  for (const step of byRate) {
    const reasons = judgeStep(step, lastPassed, criteria);
    judged.set(step.index, { ...step, ok: reasons.length === 0, reasons });
    if (reasons.length === 0) lastPassed = step;
  }
  return steps.map((s) => judged.get(s.index) as JudgedStep);
}

export interface SaturationResult {
  /** saturated: a passing rate with a failing one above it; not_reached: nothing failed; below_range: nothing passed. */
  kind: "saturated" | "not_reached" | "below_range";
  /** The highest rate that met every criterion below the lowest rate that did not. */
  point: JudgedStep | null;
  /** The lowest failing rate above the point: where and why it broke. */
  limit: JudgedStep | null;
}

export function saturationPoint(steps: readonly JudgedStep[]): SaturationResult {
  const failing = steps.filter((s) => !s.ok).sort((a, b) => a.ratePerMin - b.ratePerMin);
  const lowestFail = failing[0];
  const passing = steps
    .filter((s) => s.ok && (!lowestFail || s.ratePerMin < lowestFail.ratePerMin))
    .sort((a, b) => b.ratePerMin - a.ratePerMin);
  const point = passing[0] ?? null;
  if (!lowestFail) return { kind: "not_reached", point, limit: null };
  if (!point) return { kind: "below_range", point: null, limit: lowestFail };
  return { kind: "saturated", point, limit: lowestFail };
}

/** Steps down from a failing first step before giving up (each divides the rate by the factor). */
const MAX_STEPS_DOWN = 3;
/** A bracket wider than this ratio gets one step at its geometric middle. */
const REFINE_ABOVE_RATIO = 1.25;

/**
 * The rate of the next step, or null when the point is found: up by the factor while steps pass;
 * down while nothing has passed; once bracketed, one step between the last pass and the first fail.
 */
export function nextStepRate(
  history: readonly { ratePerMin: number; ok: boolean }[],
  plan: StepPlan,
): number | null {
  if (history.length >= plan.maxSteps) return null;
  const last = history.at(-1);
  if (!last) return plan.startPerMin;
  const passes = history.filter((s) => s.ok).map((s) => s.ratePerMin);
  const fails = history.filter((s) => !s.ok).map((s) => s.ratePerMin);
  // Whole conversations a minute: the rates are read by people.
  if (fails.length === 0) return Math.round(last.ratePerMin * plan.factor);
  if (passes.length === 0)
    return fails.length <= MAX_STEPS_DOWN ? Math.round(Math.min(...fails) / plan.factor) : null;
  const lowestFail = Math.min(...fails);
  const highestPass = Math.max(...passes.filter((r) => r < lowestFail), 0);
  if (highestPass === 0) return null;
  const between = Math.round(Math.sqrt(highestPass * lowestFail));
  const tried = history.some((s) => Math.abs(s.ratePerMin - between) / between < 0.01);
  return lowestFail / highestPass > REFINE_ABOVE_RATIO && !tried ? between : null;
}

const perMin = (v: number) => `${Math.round(v).toLocaleString("en-US")} conversations a minute`;
const perSec = (v: number) => `${v.toFixed(1)} messages a second`;

/** The saturation point in one or two sentences, for the top of the report and the terminal. */
export function describeSaturation(result: SaturationResult): string {
  const { point, limit } = result;
  const why = limit ? limit.reasons.join("; ") : "";
  if (result.kind === "saturated" && point && limit)
    return `Saturation point: ${perMin(point.ratePerMin)} (${perSec(point.throughputMsgsPerSec)} answered, p95 ${Math.round(point.p95Ms ?? 0)} ms) on this machine. At ${perMin(limit.ratePerMin)}: ${why}.`;
  if (result.kind === "not_reached" && point)
    return `No saturation within the step-up: the platform met every criterion up to ${perMin(point.ratePerMin)} (${perSec(point.throughputMsgsPerSec)} answered, p95 ${Math.round(point.p95Ms ?? 0)} ms), the highest rate tried; the saturation point is above it (raise --max-steps).`;
  if (result.kind === "below_range" && limit)
    return `Saturation point below ${perMin(limit.ratePerMin)}, the lowest rate tried: ${why}. Run again with a lower --base-rate.`;
  return "The saturation point was not measured.";
}
