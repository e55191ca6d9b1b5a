import { type CallOptions, type CallResult, runCall } from "./call.ts";
import { attachLogs, type ConversationLogReader } from "./log.ts";
import { seededRandom } from "./noise.ts";
import type { CallExpectation } from "./scripts.ts";
import { ORDERS, SCRIPTS } from "./scripts.ts";

export interface ManyCallsOptions extends Omit<CallOptions, "script" | "seed"> {
  /** Script names, used in turn (call i gets scripts[i % n]) with order i of ORDERS. */
  scripts: string[];
  calls: number;
  seed: number;
  /** Calls start at random times within this window (seeded), so their turns do not line up. */
  spreadMs: number;
  /** At most this many calls at a time (default: all of them at once). */
  inFlight?: number;
  log?: ConversationLogReader;
  onCallDone?: (done: number, total: number) => void;
}

/** N calls at once, each its own SIP dialog; a call that breaks is reported, never thrown. */
export async function runCalls(options: ManyCallsOptions): Promise<CallResult[]> {
  const random = seededRandom(options.seed);
  const offsets = Array.from({ length: options.calls }, () => Math.floor(random() * options.spreadMs)).sort(
    (a, b) => a - b,
  );
  // Never two answers within 20 ms: a log matched by time stays unambiguous.
  for (let i = 1; i < offsets.length; i++)
    offsets[i] = Math.max(offsets[i] as number, (offsets[i - 1] as number) + 20);
  let done = 0;
  const planned = offsets.map((offset, i) => {
    const name = options.scripts[i % options.scripts.length] as string;
    const make = SCRIPTS[name];
    if (!make) throw new Error(`Unknown script ${name}`);
    const script = make(ORDERS[i % ORDERS.length] as (typeof ORDERS)[number], options.snrDb);
    return { offset, script };
  });
  // Render every sentence first: the first call must not wait for festival mid-turn.
  for (const { script } of planned)
    for (const turn of script.turns) {
      await options.speech.render(turn.say);
      if (turn.backchannel) await options.speech.render(turn.backchannel.say);
      if (turn.interrupt) await options.speech.render(turn.interrupt.say);
    }
  // Up to `inFlight` calls at a time (all at once by default): the first wave starts at its seeded
  // offsets, and each later call as soon as one ends.
  const slots = Math.min(options.inFlight ?? planned.length, planned.length);
  const outcomes: Array<{ result: CallResult; expect: CallExpectation }> = new Array(planned.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < planned.length; i = next++) {
      const { offset, script } = planned[i] as (typeof planned)[number];
      if (i < slots) await new Promise((r) => setTimeout(r, offset));
      const result = await runCall({ ...options, script, seed: options.seed * 1000 + i }).catch(
        (error: unknown) => failed(script.name, error),
      );
      options.onCallDone?.(++done, options.calls);
      outcomes[i] = { result, expect: script.expect };
    }
  };
  const runs = Array.from({ length: slots }, () => worker());
  await Promise.all(runs);
  const calls = outcomes;
  if (options.log) {
    // The last events are written as the call ends; give the platform a moment.
    await new Promise((r) => setTimeout(r, 500));
    try {
      await attachLogs(calls, options.log);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      for (const c of calls) c.result.errors.push(`conversation log not read: ${why}`);
    }
  }
  return calls.map((c) => c.result);
}

function failed(script: string, error: unknown): CallResult {
  return {
    script,
    orderId: null,
    snrDb: null,
    callId: "",
    callerUser: "",
    conversationId: null,
    conversationMatchedBy: null,
    answeredAtWallMs: Date.now(),
    setupMs: 0,
    greetingMs: null,
    turns: [],
    outcome: null,
    orderRecognised: null,
    orderUnderstood: null,
    transcript: [],
    platformLatencyMs: [],
    platformTurns: [],
    interruptionsLogged: 0,
    platformBargeIns: [],
    endedBy: "error",
    errors: [error instanceof Error ? error.message : String(error)],
    rtp: { sent: 0, received: 0, lateFrames: 0, agentSpeechFrames: 0 },
  };
}
