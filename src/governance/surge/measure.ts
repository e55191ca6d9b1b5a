import type { Channel } from "./channels.ts";
import type { ContactReason } from "./profiles.ts";

/** Times are milliseconds since the run started (performance.now() based). */
export interface ConversationRecord {
  id: number;
  stage: "profile" | "saturation";
  /** The profile phase or saturation step the customer arrived in. */
  group: string;
  channel: Channel;
  reason: ContactReason;
  script: string;
  expectsHandoff: boolean;
  scheduledMs: number;
  launchedMs: number | null;
  /** The agent's greeting arrived: the customer is being served. */
  firstReplyMs: number | null;
  endedMs: number | null;
  outcome: "contained" | "handed_off" | "failed" | null;
  error: string | null;
}

export interface RequestRecord {
  conversation: number;
  kind: "start" | "message";
  sentMs: number;
  /** Set when answered. */
  latencyMs: number | null;
  /** Set when it failed (timeout, HTTP status, closed socket...). */
  error: string | null;
}

export interface ResourceSample {
  atMs: number;
  /** The platform process's CPU over the last interval, in % of one core (null: not observable). */
  platformCpuPercent: number | null;
  /** The platform's event-loop delay p99 as it reports it (null: not observable). */
  platformLagMs: number | null;
  /** The load generator's own event-loop delay p99 over the last interval. */
  generatorLagMs: number;
  /** The load generator's CPU over the last interval, in % of one core. */
  generatorCpuPercent: number;
  /** The machine's one-minute load average: on a shared machine, how much else wants the cores. */
  loadAverage: number;
}

export class Recorder {
  readonly conversations: ConversationRecord[] = [];
  readonly requests: RequestRecord[] = [];
  readonly resources: ResourceSample[] = [];

  arrive(
    record: Omit<ConversationRecord, "id" | "launchedMs" | "firstReplyMs" | "endedMs" | "outcome" | "error">,
  ) {
    const full: ConversationRecord = {
      ...record,
      id: this.conversations.length,
      launchedMs: null,
      firstReplyMs: null,
      endedMs: null,
      outcome: null,
      error: null,
    };
    this.conversations.push(full);
    return full;
  }

  request(conversation: number, kind: RequestRecord["kind"], sentMs: number): RequestRecord {
    const record: RequestRecord = { conversation, kind, sentMs, latencyMs: null, error: null };
    this.requests.push(record);
    return record;
  }

  inFlight(): number {
    let n = 0;
    for (let i = this.conversations.length - 1; i >= 0; i--) if (this.conversations[i]?.outcome === null) n++;
    return n;
  }
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

const round = (v: number | null, digits = 1): number | null =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? null),
    mean: round(sorted.length ? sum / sorted.length : null),
  };
}

export interface GroupSummary {
  name: string;
  arrivals: number;
  /** Conversations whose script ran to its end (or the agent ended or handed over). */
  completed: number;
  failed: number;
  inFlight: number;
  contained: number;
  handedOff: number;
  /** Contained ÷ conversations that finished, failed ones included (a customer who gave up was not helped). */
  containment: number | null;
  /** Conversations whose handoff, or lack of one, is what their test expects. */
  asScripted: number | null;
  requests: number;
  answered: number;
  messageLatency: LatencySummary;
  /** From arrival to the agent's greeting. */
  queueWait: LatencySummary;
  /** A WebSocket customer opens a connection per conversation; an HTTP one reuses kept-alive ones. */
  queueWaitP95ByChannel: Record<Channel, number | null>;
  errors: Record<string, number>;
  errorRate: number | null;
  channels: Record<Channel, number>;
  /** How late the generator launched arrivals (its own health, not the platform's). */
  launchLagP99Ms: number | null;
}

export function summarizeGroup(
  name: string,
  conversations: readonly ConversationRecord[],
  requestsOf: (c: ConversationRecord) => readonly RequestRecord[],
): GroupSummary {
  const latencies: number[] = [];
  const waits: number[] = [];
  const waitsByChannel: Record<Channel, number[]> = { http: [], websocket: [] };
  const lags: number[] = [];
  const errors: Record<string, number> = {};
  const channels: Record<Channel, number> = { http: 0, websocket: 0 };
  let requests = 0;
  let answered = 0;
  let contained = 0;
  let handedOff = 0;
  let failed = 0;
  let asScripted = 0;
  for (const c of conversations) {
    channels[c.channel]++;
    if (c.launchedMs !== null) lags.push(c.launchedMs - c.scheduledMs);
    if (c.firstReplyMs !== null) {
      waits.push(c.firstReplyMs - c.scheduledMs);
      waitsByChannel[c.channel].push(c.firstReplyMs - c.scheduledMs);
    }
    if (c.outcome === "contained") contained++;
    if (c.outcome === "handed_off") handedOff++;
    if (c.outcome === "failed") failed++;
    if (c.outcome === "contained" || c.outcome === "handed_off")
      if ((c.outcome === "handed_off") === c.expectsHandoff) asScripted++;
    for (const r of requestsOf(c)) {
      requests++;
      if (r.latencyMs !== null) {
        answered++;
        if (r.kind === "message") latencies.push(r.latencyMs);
      }
      if (r.error) errors[r.error] = (errors[r.error] ?? 0) + 1;
    }
  }
  const finished = contained + handedOff + failed;
  const errorCount = Object.values(errors).reduce((s, n) => s + n, 0);
  return {
    name,
    arrivals: conversations.length,
    completed: contained + handedOff,
    failed,
    inFlight: conversations.length - finished,
    contained,
    handedOff,
    containment: finished ? contained / finished : null,
    asScripted: contained + handedOff ? asScripted / (contained + handedOff) : null,
    requests,
    answered,
    messageLatency: summarize(latencies),
    queueWait: summarize(waits),
    queueWaitP95ByChannel: {
      http: summarize(waitsByChannel.http).p95,
      websocket: summarize(waitsByChannel.websocket).p95,
    },
    errors,
    errorRate: requests ? errorCount / requests : null,
    channels,
    launchLagP99Ms: round(
      percentile(
        lags.sort((a, b) => a - b),
        99,
      ),
    ),
  };
}

export interface Bucket {
  startS: number;
  endS: number;
  /** Conversations a minute, at the bucket's rate. */
  arrivalsPerMin: number;
  completedPerMin: number;
  failedPerMin: number;
  /** Conversations open at the bucket's end. */
  inFlight: number;
  /** Requests answered a second. */
  answeredPerSec: number;
  latencyP50: number | null;
  latencyP95: number | null;
  queueWaitP50: number | null;
  queueWaitP95: number | null;
  errors: Record<string, number>;
  platformCpuPercent: number | null;
  /** The platform's event-loop delay p99: how long a ready request waited for the one thread. */
  platformLagMs: number | null;
  generatorCpuPercent: number | null;
  generatorLagMs: number | null;
  loadAverage: number | null;
}

/**
 * The run as a time series: arrivals and completions by when they happened, latencies by when the
 * message was sent (what a customer writing at that moment experienced).
 */
export function timeSeries(recorder: Recorder, endMs: number, bucketMs: number): Bucket[] {
  const n = Math.max(1, Math.ceil(endMs / bucketMs));
  const index = (ms: number) => Math.min(n - 1, Math.max(0, Math.floor(ms / bucketMs)));
  const rows = Array.from({ length: n }, (_, i) => ({
    arrivals: 0,
    completed: 0,
    failed: 0,
    answered: 0,
    latencies: [] as number[],
    waits: [] as number[],
    errors: {} as Record<string, number>,
    cpu: [] as number[],
    generatorCpu: [] as number[],
    lag: [] as number[],
    platformLag: [] as number[],
    load: [] as number[],
    inFlightAt: (i + 1) * bucketMs,
  }));
  const get = (ms: number) => rows[index(ms)] as (typeof rows)[number];
  for (const c of recorder.conversations) {
    get(c.scheduledMs).arrivals++;
    if (c.firstReplyMs !== null) get(c.scheduledMs).waits.push(c.firstReplyMs - c.scheduledMs);
    if (c.endedMs !== null && c.outcome !== "failed") get(c.endedMs).completed++;
    if (c.endedMs !== null && c.outcome === "failed") get(c.endedMs).failed++;
  }
  for (const r of recorder.requests) {
    if (r.latencyMs !== null) {
      get(r.sentMs + r.latencyMs).answered++;
      if (r.kind === "message") get(r.sentMs).latencies.push(r.latencyMs);
    }
    if (r.error) {
      const row = get(r.sentMs);
      row.errors[r.error] = (row.errors[r.error] ?? 0) + 1;
    }
  }
  for (const s of recorder.resources) {
    if (s.platformCpuPercent !== null) get(s.atMs - 1).cpu.push(s.platformCpuPercent);
    get(s.atMs - 1).lag.push(s.generatorLagMs);
    if (s.platformLagMs !== null) get(s.atMs - 1).platformLag.push(s.platformLagMs);
    get(s.atMs - 1).generatorCpu.push(s.generatorCpuPercent);
    get(s.atMs - 1).load.push(s.loadAverage);
  }
  // Open conversations at each bucket's end: arrived before it, not ended before it.
  const opens = recorder.conversations.map((c) => [c.scheduledMs, c.endedMs ?? Number.POSITIVE_INFINITY]);
  const perMin = 60_000 / bucketMs;
  const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : null);
  return rows.map((row, i) => {
    const waits = row.waits.sort((a, b) => a - b);
    const latencies = row.latencies.sort((a, b) => a - b);
    return {
      startS: (i * bucketMs) / 1000,
      endS: ((i + 1) * bucketMs) / 1000,
      arrivalsPerMin: round(row.arrivals * perMin) ?? 0,
      completedPerMin: round(row.completed * perMin) ?? 0,
      failedPerMin: round(row.failed * perMin) ?? 0,
      inFlight: opens.filter(([a, e]) => (a ?? 0) < row.inFlightAt && (e ?? 0) >= row.inFlightAt).length,
      answeredPerSec: round((row.answered * 1000) / bucketMs) ?? 0,
      latencyP50: round(percentile(latencies, 50)),
      latencyP95: round(percentile(latencies, 95)),
      queueWaitP50: round(percentile(waits, 50)),
      queueWaitP95: round(percentile(waits, 95)),
      errors: row.errors,
      platformCpuPercent: round(mean(row.cpu)),
      generatorCpuPercent: round(mean(row.generatorCpu)),
      generatorLagMs: round(row.lag.length ? Math.max(...row.lag) : null),
      platformLagMs: round(row.platformLag.length ? Math.max(...row.platformLag) : null),
      loadAverage: round(mean(row.load), 2),
    };
  });
}
