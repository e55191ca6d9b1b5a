import { setTimeout as sleep } from "node:timers/promises";
import type { Channel, ChatSession } from "./channels.ts";
import { LoadError } from "./channels.ts";
import type { ConversationRecord, Recorder } from "./measure.ts";
import {
  CONTACT_REASONS,
  type ContactReason,
  multiplierAt,
  peakMultiplier,
  phaseAt,
  profileHours,
  type ReasonMix,
  type SurgeProfile,
} from "./profiles.ts";
import { Random } from "./random.ts";
import type { CustomerScript, ScriptBook } from "./scripts.ts";

/** One customer, drawn before the run starts, so the offered load does not depend on the platform's answers. */
export interface Arrival {
  /** Milliseconds from the start of its stage. */
  atMs: number;
  group: string;
  script: CustomerScript;
  channel: Channel;
  /** Pause before each customer turn: reading the answer and typing. */
  thinkMs: number[];
}

export interface CustomerDraw {
  book: ScriptBook;
  /** Share of customers on the WebSocket; the rest use the HTTP API. */
  webSocketShare: number;
  /** Mean think time; each pause is drawn uniformly from half to one and a half times it. */
  thinkMs: number;
}

function drawCustomer(
  random: Random,
  atMs: number,
  group: string,
  mix: ReasonMix,
  draw: CustomerDraw,
): Arrival {
  const available: Partial<Record<ContactReason, number>> = {};
  for (const r of CONTACT_REASONS) if (mix[r] > 0 && draw.book[r].length > 0) available[r] = mix[r];
  const reason = random.weighted(available);
  const scripts = draw.book[reason];
  const script = scripts[Math.floor(random.next() * scripts.length)] as CustomerScript;
  const channel: Channel = random.next() < draw.webSocketShare ? "websocket" : "http";
  const thinkMs = script.turns.map(() => Math.round(random.between(0.5, 1.5) * draw.thinkMs));
  return { atMs, group, script, channel, thinkMs };
}

/**
 * The profile's arrivals: a Poisson process whose rate follows the profile (Lewis and Shedler's
 * thinning: draw at the peak rate, keep each arrival with the current rate's share of the peak).
 * Open loop: customers arrive on this schedule however slowly the platform answers, so queues show.
 */
export function profileArrivals(
  profile: SurgeProfile,
  options: CustomerDraw & { baseRatePerMin: number; hourSeconds: number; seed: number },
): Arrival[] {
  const random = Random.stream(options.seed, 0);
  const hourMs = options.hourSeconds * 1000;
  const endMs = profileHours(profile) * hourMs;
  const peakPerMs = (options.baseRatePerMin * peakMultiplier(profile)) / 60_000;
  const arrivals: Arrival[] = [];
  let t = 0;
  for (;;) {
    t += random.exponential(1 / peakPerMs);
    if (t >= endMs) break;
    const hour = t / hourMs;
    const accept = random.next() < multiplierAt(profile, hour) / peakMultiplier(profile);
    if (!accept) continue;
    const { phase } = phaseAt(profile, hour);
    arrivals.push(drawCustomer(random, t, phase.name, phase.mix, options));
  }
  return arrivals;
}

/** A saturation step's arrivals: a steady Poisson process at the step's rate. */
export function stepArrivals(
  ratePerMin: number,
  durationMs: number,
  group: string,
  mix: ReasonMix,
  options: CustomerDraw & { seed: number; step: number },
): Arrival[] {
  const random = Random.stream(options.seed, options.step + 1);
  const arrivals: Arrival[] = [];
  let t = random.exponential(60_000 / ratePerMin);
  while (t < durationMs) {
    arrivals.push(drawCustomer(random, t, group, mix, options));
    t += random.exponential(60_000 / ratePerMin);
  }
  return arrivals;
}

/** Requests a customer of this script sends at most: the start, then one per turn. */
export function requestsPerConversation(arrivals: readonly Arrival[]): number {
  if (arrivals.length === 0) return 0;
  return arrivals.reduce((sum, a) => sum + 1 + a.script.turns.length, 0) / arrivals.length;
}

export interface LoadGeneratorOptions {
  recorder: Recorder;
  sessions: Record<Channel, () => ChatSession>;
  /** Milliseconds since the run started. */
  now: () => number;
}

/**
 * Launches customers on schedule and plays their scripts: the greeting, then each turn after its
 * think time, until the script ends, the agent ends the conversation, hands it to a person, or a
 * request fails (a customer whose message timed out leaves).
 */
export class LoadGenerator {
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: LoadGeneratorOptions) {}

  get inFlight(): number {
    return this.running.size;
  }

  /** Stops launching; customers already talking finish. */
  stop(): void {
    this.stopped = true;
  }

  /** Launches each arrival at `startMs + atMs`; resolves when the last is launched (not finished). */
  async launch(
    arrivals: readonly Arrival[],
    stage: ConversationRecord["stage"],
    startMs: number,
  ): Promise<void> {
    for (const arrival of arrivals) {
      if (this.stopped) return;
      const due = startMs + arrival.atMs;
      // Timers may fire a little early against performance.now(): sleep again until due.
      for (let wait = due - this.options.now(); wait > 0; wait = due - this.options.now()) await sleep(wait);
      if (this.stopped) return;
      const record = this.options.recorder.arrive({
        stage,
        group: arrival.group,
        channel: arrival.channel,
        reason: arrival.script.reason,
        script: arrival.script.name,
        expectsHandoff: arrival.script.expectsHandoff,
        scheduledMs: due,
      });
      const run = this.customer(arrival, record);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }
  }

  /** Waits for the customers in flight, at most `timeoutMs`; true when all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = this.options.now() + timeoutMs;
    while (this.running.size > 0 && this.options.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.running]), sleep(100)]);
    }
    return this.running.size === 0;
  }

  private async customer(arrival: Arrival, record: ConversationRecord): Promise<void> {
    const { recorder, now } = this.options;
    record.launchedMs = now();
    const session = this.options.sessions[arrival.channel]();
    const timed = async <T>(kind: "start" | "message", call: () => Promise<T>): Promise<T> => {
      const request = recorder.request(record.id, kind, now());
      try {
        const result = await call();
        request.latencyMs = now() - request.sentMs;
        return result;
      } catch (error) {
        request.error = error instanceof LoadError ? error.kind : "client_error";
        throw error;
      }
    };
    try {
      await timed("start", () => session.start(arrival.script.locale));
      record.firstReplyMs = now();
      let handedOff = false;
      for (const [i, text] of arrival.script.turns.entries()) {
        await sleep(arrival.thinkMs[i] ?? 0);
        const answer = await timed("message", () => session.send(text));
        if (answer.handoff) handedOff = true;
        if (answer.handoff || answer.ended) break;
      }
      record.outcome = handedOff ? "handed_off" : "contained";
    } catch (error) {
      record.outcome = "failed";
      record.error = error instanceof LoadError ? error.kind : "client_error";
    } finally {
      record.endedMs = now();
      session.close();
    }
  }
}
