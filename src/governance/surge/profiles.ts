/**
 * Load profiles: how the arrival rate and the mix of contact reasons move over a simulated day.
 * Simulated time is compressed (one simulated hour lasts `hourSeconds` real seconds) but the arrival
 * rate is real: `baseRatePerMin` conversations a real minute at a multiplier of 1, because the
 * platform's capacity is what is measured.
 */

/** Why the customer writes; each conversation test in the agent's tests is filed under one. */
export const CONTACT_REASONS = [
  "order_status",
  "cancel",
  "change",
  "return",
  "exchange",
  "refund_status",
  "invoice",
  "question",
  "human",
] as const;
export type ContactReason = (typeof CONTACT_REASONS)[number];

/** Weights, not shares: a phase's mix is normalised when drawn from. */
export type ReasonMix = Readonly<Record<ContactReason, number>>;

/** Reasons that make up a returns wave. */
export const RETURNS_REASONS: readonly ContactReason[] = ["return", "exchange", "refund_status"];

export interface SurgePhase {
  name: string;
  /** Simulated hours. */
  hours: number;
  /** Arrival rate as a multiple of the base rate at the phase's start and end, linear in between. */
  fromMultiplier: number;
  toMultiplier: number;
  mix: ReasonMix;
}

export interface SurgeProfile {
  name: string;
  description: string;
  phases: readonly SurgePhase[];
}

/**
 * An ordinary day: where-is-my-order dominates (the usual WISMO share of ecommerce contacts is 30-50%),
 * then changes and cancellations while orders are fresh; returns are a minority.
 */
const SALE_MIX: ReasonMix = {
  order_status: 40,
  cancel: 12,
  change: 10,
  return: 8,
  exchange: 4,
  refund_status: 3,
  invoice: 5,
  question: 12,
  human: 6,
};

/** After a promotion the orders arrive, and the contacts turn to sending them back. */
const RETURNS_MIX: ReasonMix = {
  order_status: 15,
  cancel: 3,
  change: 3,
  return: 35,
  exchange: 15,
  refund_status: 15,
  invoice: 2,
  question: 8,
  human: 4,
};

export const PROFILES: Readonly<Record<string, SurgeProfile>> = {
  "flash-sale": {
    name: "flash-sale",
    description:
      "a promotion: an hour at the base rate, arrivals tripling over three hours, a two-hour peak, then a returns wave",
    phases: [
      { name: "baseline", hours: 1, fromMultiplier: 1, toMultiplier: 1, mix: SALE_MIX },
      { name: "promotion ramp", hours: 3, fromMultiplier: 1, toMultiplier: 3, mix: SALE_MIX },
      { name: "peak", hours: 2, fromMultiplier: 3, toMultiplier: 3, mix: SALE_MIX },
      { name: "returns wave", hours: 3, fromMultiplier: 2, toMultiplier: 1.5, mix: RETURNS_MIX },
    ],
  },
  steady: {
    name: "steady",
    description: "the base rate and an ordinary mix for as long as the flash sale lasts, for comparison",
    phases: [{ name: "steady", hours: 9, fromMultiplier: 1, toMultiplier: 1, mix: SALE_MIX }],
  },
};

export function profileHours(profile: SurgeProfile): number {
  return profile.phases.reduce((sum, p) => sum + p.hours, 0);
}

/** The phase at a simulated hour (the last phase past the end) and how far into it. */
export function phaseAt(
  profile: SurgeProfile,
  hour: number,
): { phase: SurgePhase; index: number; into: number } {
  let start = 0;
  for (const [index, phase] of profile.phases.entries()) {
    if (hour < start + phase.hours) return { phase, index, into: hour - start };
    start += phase.hours;
  }
  const index = profile.phases.length - 1;
  const phase = profile.phases[index];
  if (!phase) throw new Error(`profile ${profile.name} has no phases`);
  return { phase, index, into: phase.hours };
}

/** The arrival rate's multiple of the base rate at a simulated hour. */
export function multiplierAt(profile: SurgeProfile, hour: number): number {
  const { phase, into } = phaseAt(profile, hour);
  const f = phase.hours > 0 ? Math.min(1, Math.max(0, into / phase.hours)) : 1;
  return phase.fromMultiplier + (phase.toMultiplier - phase.fromMultiplier) * f;
}

export function peakMultiplier(profile: SurgeProfile): number {
  return Math.max(...profile.phases.flatMap((p) => [p.fromMultiplier, p.toMultiplier]));
}

/** The share of a mix's weight that falls on these reasons. */
export function shareOf(mix: ReasonMix, reasons: readonly ContactReason[]): number {
  const total = CONTACT_REASONS.reduce((sum, r) => sum + mix[r], 0);
  return total > 0 ? reasons.reduce((sum, r) => sum + mix[r], 0) / total : 0;
}

export interface PhaseWindow {
  name: string;
  hours: number;
  startS: number;
  endS: number;
  fromPerMin: number;
  toPerMin: number;
  returnsShare: number;
}

export function phaseNameAt(profile: SurgeProfile, hour: number): string | undefined {
  let start = 0;
  for (const p of profile.phases) {
    if (hour < start + p.hours) return p.name;
    start += p.hours;
  }
  return profile.phases.at(-1)?.name;
}

export function phaseWindows(
  profile: SurgeProfile,
  hourSeconds: number,
  baseRatePerMin: number,
): PhaseWindow[] {
  let start = 0;
  return profile.phases.map((p) => {
    const w = {
      name: p.name,
      hours: p.hours,
      startS: start * hourSeconds,
      endS: (start + p.hours) * hourSeconds,
      fromPerMin: p.fromMultiplier * baseRatePerMin,
      toPerMin: p.toMultiplier * baseRatePerMin,
      returnsShare: shareOf(p.mix, RETURNS_REASONS),
    };
    start += p.hours;
    return w;
  });
}
