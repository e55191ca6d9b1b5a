import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** One registry per app, so tests can run several apps in one process. */
export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<"method" | "route" | "status">;
  policyDecisions: Counter<"action" | "outcome">;
  /** Per caller turn: voice_to_voice, endpoint, asr, agent, tts_first_byte. */
  voiceTurn: Histogram<"stage" | "transport">;
  /** Caller speech while the agent talked, by what the agent did: yielded or talked_through. */
  voiceOverlaps: Counter<"outcome">;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "switchboard_" });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "switchboard_http_request_duration_seconds",
      help: "HTTP request handling time by route and status.",
      labelNames: ["method", "route", "status"],
      // From 1 ms to 2.5 s: admin reads sit in the low milliseconds, a slow OMS shows in the top buckets.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    policyDecisions: new Counter({
      name: "switchboard_policy_decisions_total",
      help: "Policy decisions on order and profile changes, by action and outcome.",
      labelNames: ["action", "outcome"],
      registers: [registry],
    }),
    voiceTurn: new Histogram({
      name: "switchboard_voice_turn_seconds",
      help: "Voice turn timings: end of caller speech to first agent audio (voice_to_voice) and its parts.",
      labelNames: ["stage", "transport"],
      buckets: [0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.7, 1, 1.5, 2.5],
      registers: [registry],
    }),
    voiceOverlaps: new Counter({
      name: "switchboard_voice_overlaps_total",
      help: "Caller speech while the agent was talking: yielded (barge-in) or talked_through (backchannel, noise).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
  };
}
