import type { CallResult } from "./call.ts";

/** Nearest-rank percentile (the p95 of 20 samples is the 19th smallest). */
export function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const share = (hits: number, of: number) => (of === 0 ? null : hits / of);

export interface CallFigures {
  calls: number;
  /** Calls that failed to connect or broke (errors), and turns the agent never answered. */
  failedCalls: number;
  unansweredTurns: number;
  answeredTurns: number;
  /** Answers that began before the caller had finished speaking. */
  talkedOverCaller: number;
  voiceToVoice: { n: number; p50: number | null; p95: number | null; max: number | null };
  bargeInStop: { n: number; p50: number | null; p95: number | null };
  /** Backchannels said while the agent was talking; talked-through share. */
  backchannels: { n: number; talkedThrough: number | null };
  interruptions: { n: number; yielded: number | null };
  outcome: { n: number; reached: number | null };
  orderRecognition: { n: number; exact: number | null; understood: number | null };
  greeting: { n: number; p50: number | null };
  /** The platform's own account of the same turns (its voice_turn_timing events), medians and p95. */
  platform: {
    n: number;
    latency: { p50: number | null; p95: number | null };
    /** To the reply's own first words: differs from `latency` where a holding line played first. */
    answer: { p50: number | null; p95: number | null };
    endpointP50: number | null;
    asrP50: number | null;
    agentP50: number | null;
    ttsFirstByteP50: number | null;
    fillers: number;
    /** Speech over the agent → its sound held, and → the interruption decided (voice_interrupted). */
    bargeIn: { n: number; pausedP95: number | null; decidedP50: number | null; decidedP95: number | null };
  };
}

export function figures(results: CallResult[]): CallFigures {
  const answered = results.flatMap((r) =>
    r.turns.map((t) => t.voiceToVoiceMs).filter((x): x is number => x !== null),
  );
  // An answer that began while the caller was still talking is counted apart: it is not a latency.
  const v2v = answered.filter((x) => x >= 0);
  const stops = results.flatMap((r) =>
    r.turns.flatMap((t) =>
      t.interruption?.agentTalking && t.interruption.stopMs !== null ? [t.interruption.stopMs] : [],
    ),
  );
  const bcs = results.flatMap((r) =>
    r.turns.flatMap((t) =>
      t.backchannel?.agentTalking && t.backchannel.keptTalking !== null ? [t.backchannel] : [],
    ),
  );
  const ints = results.flatMap((r) =>
    r.turns.flatMap((t) =>
      t.interruption?.agentTalking && t.interruption.yielded !== null ? [t.interruption] : [],
    ),
  );
  const judged = results.filter((r) => r.outcome !== null);
  const orders = results.filter((r) => r.orderRecognised !== null);
  const greetings = results.map((r) => r.greetingMs).filter((x): x is number => x !== null);
  const measuredTurns = results.flatMap((r) => r.turns);
  return {
    calls: results.length,
    failedCalls: results.filter((r) => r.endedBy === "error").length,
    unansweredTurns: measuredTurns.filter((t) => t.voiceToVoiceMs === null).length,
    answeredTurns: answered.length,
    talkedOverCaller: answered.length - v2v.length,
    voiceToVoice: {
      n: v2v.length,
      p50: percentile(v2v, 50),
      p95: percentile(v2v, 95),
      max: percentile(v2v, 100),
    },
    bargeInStop: { n: stops.length, p50: percentile(stops, 50), p95: percentile(stops, 95) },
    backchannels: {
      n: bcs.length,
      talkedThrough: share(bcs.filter((b) => b.keptTalking).length, bcs.length),
    },
    interruptions: { n: ints.length, yielded: share(ints.filter((i) => i.yielded).length, ints.length) },
    outcome: {
      n: judged.length,
      reached: share(judged.filter((r) => r.outcome?.reached).length, judged.length),
    },
    orderRecognition: {
      n: orders.length,
      exact: share(orders.filter((r) => r.orderRecognised).length, orders.length),
      understood: share(orders.filter((r) => r.orderUnderstood).length, orders.length),
    },
    greeting: { n: greetings.length, p50: percentile(greetings, 50) },
    platform: platformFigures(results),
  };
}

function platformFigures(results: CallResult[]): CallFigures["platform"] {
  const latency = results.flatMap((r) => r.platformLatencyMs);
  const turns = results.flatMap((r) => r.platformTurns);
  const bargeIns = results.flatMap((r) => r.platformBargeIns ?? []);
  const answers = turns.map((t) => t.answerMs).filter((x) => Number.isFinite(x));
  const p50 = (pick: (t: (typeof turns)[number]) => number) =>
    percentile(
      turns.map(pick).filter((x) => Number.isFinite(x)),
      50,
    );
  return {
    n: latency.length,
    latency: { p50: percentile(latency, 50), p95: percentile(latency, 95) },
    answer: {
      p50: percentile(answers, 50),
      p95: percentile(answers, 95),
    },
    endpointP50: p50((t) => t.endpointMs),
    asrP50: p50((t) => t.asrMs),
    agentP50: p50((t) => t.agentMs),
    ttsFirstByteP50: p50((t) => t.ttsFirstByteMs),
    fillers: turns.filter((t) => t.filler).length,
    bargeIn: {
      n: bargeIns.length,
      pausedP95: percentile(
        bargeIns.map((b) => b.pausedAfterMs),
        95,
      ),
      decidedP50: percentile(
        bargeIns.map((b) => b.decidedAfterMs),
        50,
      ),
      decidedP95: percentile(
        bargeIns.map((b) => b.decidedAfterMs),
        95,
      ),
    },
  };
}

export const ms = (v: number | null) => (v === null ? "-" : `${Math.round(v)} ms`);
export const pct = (v: number | null) => (v === null ? "-" : `${(v * 100).toFixed(1)}%`);

/** The figures as a person reads them, one line each. */
export function figureLines(f: CallFigures): string[] {
  return [
    `calls ${f.calls} (${f.failedCalls} broke); caller turns answered ${f.answeredTurns}, unanswered ${f.unansweredTurns}, answered while the caller still spoke ${f.talkedOverCaller}`,
    `voice-to-voice p50 ${ms(f.voiceToVoice.p50)}, p95 ${ms(f.voiceToVoice.p95)}, max ${ms(f.voiceToVoice.max)} (${f.voiceToVoice.n} turns)`,
    `barge-in stop p50 ${ms(f.bargeInStop.p50)}, p95 ${ms(f.bargeInStop.p95)} (${f.bargeInStop.n} interruptions)`,
    `backchannels talked through ${pct(f.backchannels.talkedThrough)} (${f.backchannels.n})`,
    `interruptions yielded ${pct(f.interruptions.yielded)} (${f.interruptions.n})`,
    `expected outcome reached ${pct(f.outcome.reached)} (${f.outcome.n} calls with a log)`,
    `order number in the transcript ${pct(f.orderRecognition.exact)}, understood ${pct(f.orderRecognition.understood)} (${f.orderRecognition.n} calls)`,
    `greeting after answer p50 ${ms(f.greeting.p50)} (${f.greeting.n})`,
    ...(f.platform.n > 0
      ? [
          `the platform's own voice_turn_timing: p50 ${ms(f.platform.latency.p50)}, p95 ${ms(f.platform.latency.p95)} (${f.platform.n} turns); to the reply's own words (after any holding line) p50 ${ms(f.platform.answer.p50)}, p95 ${ms(f.platform.answer.p95)}; medians: end of turn ${ms(f.platform.endpointP50)}, recognition ${ms(f.platform.asrP50)}, agent ${ms(f.platform.agentP50)}, first TTS audio ${ms(f.platform.ttsFirstByteP50)}; fillers ${f.platform.fillers}`,
        ]
      : []),
    ...(f.platform.bargeIn.n > 0
      ? [
          `the platform's own barge-ins (voice_interrupted): the agent's sound held p95 ${ms(f.platform.bargeIn.pausedP95)} after the first window of speech reached it; interruption decided p50 ${ms(f.platform.bargeIn.decidedP50)}, p95 ${ms(f.platform.bargeIn.decidedP95)} (${f.platform.bargeIn.n})`,
        ]
      : []),
  ];
}
