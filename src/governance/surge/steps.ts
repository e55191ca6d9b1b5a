import type { Arrival } from "./load.ts";
import { requestsPerConversation } from "./load.ts";
import { percentile, type Recorder, type RequestRecord } from "./measure.ts";
import type { StepMeasure } from "./saturation.ts";

/** A saturation step as it ran: its rate, window and the customers drawn for it. */
export interface StepWindow {
  index: number;
  label: string;
  ratePerMin: number;
  startMs: number;
  endMs: number;
  arrivals: Arrival[];
}

export function requestsByConversation(requests: readonly RequestRecord[]): Map<number, RequestRecord[]> {
  const map = new Map<number, RequestRecord[]>();
  for (const r of requests) {
    const list = map.get(r.conversation);
    if (list) list.push(r);
    else map.set(r.conversation, [r]);
  }
  return map;
}

/**
 * Each step's figures: its customers' requests (attributed to the step they arrived in), the
 * requests answered during its window's second half, the platform's CPU in it. `live`: an unanswered message
 * counts with its wait so far.
 */
export function stepMeasures(
  recorder: Recorder,
  windows: readonly StepWindow[],
  nowMs: number,
  live: boolean,
): StepMeasure[] {
  const byConversation = requestsByConversation(recorder.requests);
  return windows.map((w) => {
    const convs = recorder.conversations.filter((c) => c.group === w.label);
    const waits = convs.flatMap((c) =>
      c.firstReplyMs !== null
        ? [c.firstReplyMs - c.scheduledMs]
        : live && c.outcome === null
          ? [nowMs - c.scheduledMs]
          : [],
    );
    const latencies: number[] = [];
    let requests = 0;
    let errors = 0;
    for (const c of convs)
      for (const r of byConversation.get(c.id) ?? []) {
        requests++;
        if (r.error) errors++;
        else if (r.kind === "message") {
          if (r.latencyMs !== null) latencies.push(r.latencyMs);
          else if (live) latencies.push(nowMs - r.sentMs);
        }
      }
    // Throughput over the window's second half: the first holds the ramp-in (after a drain) or the
    // tail of the step before, neither of which is this rate's steady state.
    const steadyFromMs = (w.startMs + w.endMs) / 2;
    let answered = 0;
    for (const r of recorder.requests)
      if (r.latencyMs !== null && r.sentMs + r.latencyMs >= steadyFromMs && r.sentMs + r.latencyMs < w.endMs)
        answered++;
    const samples = recorder.resources.filter((s) => s.atMs > w.startMs && s.atMs <= w.endMs);
    const cpu = samples.flatMap((s) => (s.platformCpuPercent === null ? [] : [s.platformCpuPercent]));
    const seconds = (w.endMs - w.startMs) / 1000;
    latencies.sort((a, b) => a - b);
    waits.sort((a, b) => a - b);
    const loads = samples.map((s) => s.loadAverage);
    const platformLags = samples.flatMap((s) => (s.platformLagMs === null ? [] : [s.platformLagMs]));
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      index: w.index,
      ratePerMin: w.ratePerMin,
      arrivals: convs.length,
      offeredMsgsPerSec: round((w.arrivals.length * requestsPerConversation(w.arrivals)) / seconds) ?? 0,
      throughputMsgsPerSec: round(answered / (seconds / 2)) ?? 0,
      requests,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      queueWaitP95Ms: round(percentile(waits, 95)),
      errorRate: requests ? errors / requests : 0,
      platformCpuPercent: round(cpu.length ? cpu.reduce((s, v) => s + v, 0) / cpu.length : null),
      generatorLagMs: round(samples.length ? Math.max(...samples.map((s) => s.generatorLagMs)) : null),
      platformLagMs: round(platformLags.length ? Math.max(...platformLags) : null),
      loadAverage: loads.length
        ? Math.round((loads.reduce((a, b) => a + b, 0) / loads.length) * 100) / 100
        : null,
    };
  });
}
