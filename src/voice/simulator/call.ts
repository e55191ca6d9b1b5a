import { randomBytes } from "node:crypto";
import { SipClient } from "../sip/client.ts";
import { AgentListener, DEFAULT_LISTENER, type ListenerSettings } from "./listener.ts";
import { mix, type NoiseColour, NoiseSource, noiseRmsFor } from "./noise.ts";
import type { CallScript } from "./scripts.ts";
import type { CallerSpeech } from "./speech.ts";

/** How long the caller waits and what it counts as what; every number is a bound on a wait. */
export interface CallTimings {
  /** The agent has this long after the caller stops to start answering, else the turn is unanswered. */
  answerTimeoutMs: number;
  /** The greeting must start this long after the call is answered. */
  greetingTimeoutMs: number;
  /** The agent's turn is over after this much silence (longer than a pause between its sentences). */
  turnEndMs: number;
  /** An agent turn longer than this is cut short by the caller (it never went quiet). */
  maxAgentTurnMs: number;
  /** A backchannel was talked through when the agent's audio goes on this long after it (the brief: 600). */
  keepTalkingMs: number;
  /** An interruption was yielded to when the agent stopped within this long of its start. */
  yieldWithinMs: number;
}

export const DEFAULT_TIMINGS: CallTimings = {
  // Long: an overloaded platform answers late, and a caller who moved on would have the late answer
  // taken for the answer to their next sentence.
  answerTimeoutMs: 20_000,
  greetingTimeoutMs: 8000,
  turnEndMs: 1000,
  maxAgentTurnMs: 30_000,
  keepTalkingMs: 600,
  yieldWithinMs: 1000,
};

export interface BackchannelResult {
  say: string;
  /** Times in ms from the moment the call was answered. */
  startMs: number;
  endMs: number;
  /** False when the agent was already quiet when the backchannel was due (not counted). */
  agentTalking: boolean;
  /** Talked through: audio went on past the end + keepTalkingMs, or the utterance ended on its own. */
  keptTalking: boolean | null;
  /**
   * The agent stopped soon after, but its log records no interruption on the call: its sentence
   * simply ended (set from the log; such a backchannel counts as talked through).
   */
  finishedNaturally: boolean;
  /** When the agent did stop: how long after the backchannel began. */
  agentStoppedAfterMs: number | null;
}

export interface InterruptionResult {
  say: string;
  startMs: number;
  endMs: number;
  agentTalking: boolean;
  /** Start of the interruption → the last agent frame before it went quiet. */
  stopMs: number | null;
  yielded: boolean | null;
  /** End of the interruption → the agent's answer to it. */
  answerMs: number | null;
}

export interface TurnResult {
  say: string;
  snrDb: number | null;
  speechStartMs: number;
  speechEndMs: number;
  /**
   * End of the caller's speech → the first agent audio frame; null when the agent did not answer.
   * Negative when the agent began before the caller had finished (it took a pause for the end).
   */
  voiceToVoiceMs: number | null;
  agentSpeechMs: number | null;
  backchannel?: BackchannelResult;
  interruption?: InterruptionResult;
}

export interface CallResult {
  script: string;
  orderId: string | null;
  snrDb: number | null;
  callId: string;
  /** Our SIP user (From), unique per call: the platform logs it as the caller. */
  callerUser: string;
  /** From the 200's X-Conversation-Id, the log, or matched by time (see attachLogs). */
  conversationId: string | null;
  conversationMatchedBy: "header" | "caller" | "time" | null;
  /** Wall-clock time the call was answered (to match conversations by time). */
  answeredAtWallMs: number;
  /** INVITE → 200. */
  setupMs: number;
  /** Answered → the first agent audio (the greeting); null when there was none. */
  greetingMs: number | null;
  turns: TurnResult[];
  /** Filled from the conversation log. */
  outcome: { reached: boolean; missing: string[] } | null;
  /** The order number appears exactly in a customer message (null: no order said, or no log). */
  orderRecognised: boolean | null;
  /** The understanding found the order number (an order_id entity of that value). */
  orderUnderstood: boolean | null;
  transcript: Array<{ role: "customer" | "agent"; text: string }>;
  /** The platform's own voice-to-voice per turn (voice_turn_timing events), to set beside ours. */
  platformLatencyMs: number[];
  /** Those events' parts: waiting for the end of the turn, recognition, the agent, first TTS audio. */
  platformTurns: Array<{
    /** End of speech → the reply's own first words (NaN when not logged). */
    answerMs: number;
    endpointMs: number;
    asrMs: number;
    agentMs: number;
    ttsFirstByteMs: number;
    filler: boolean;
  }>;
  /** voice_interrupted events in the log. */
  interruptionsLogged: number;
  /** Their timings as the platform saw them: speech onset → the agent's sound held, → decided. */
  platformBargeIns: Array<{ pausedAfterMs: number; decidedAfterMs: number }>;
  endedBy: "caller" | "agent" | "error";
  errors: string[];
  rtp: { sent: number; received: number; lateFrames: number; agentSpeechFrames: number };
}

export interface CallOptions {
  target: { host: string; port: number };
  script: CallScript;
  speech: CallerSpeech;
  /** Noise on every turn that does not set its own. */
  snrDb?: number;
  noise?: NoiseColour;
  seed: number;
  listener?: ListenerSettings;
  timings?: Partial<CallTimings>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/**
 * One scripted call over SIP: the caller's audio rendered beforehand (so rendering never delays the
 * line), sent in real time; the agent's audio heard frame by frame; every turn timed. The conversation
 * log is read afterwards (attachLogs), so the outcome needs no help from the platform during the call.
 */
export async function runCall(options: CallOptions): Promise<CallResult> {
  const t = { ...DEFAULT_TIMINGS, ...options.timings };
  const { script } = options;
  const snrOf = (i: number) => script.turns[i]?.noiseSnrDb ?? options.snrDb ?? null;
  const audio = await Promise.all(
    script.turns.map(async (turn) => ({
      say: await options.speech.render(turn.say),
      backchannel: turn.backchannel ? await options.speech.render(turn.backchannel.say) : null,
      interrupt: turn.interrupt ? await options.speech.render(turn.interrupt.say) : null,
    })),
  );
  const noise = new NoiseSource(options.noise ?? "pink", options.seed);
  let noiseRms = 0;
  const noisy = (samples: Int16Array) =>
    noiseRms > 0 ? mix(samples, noise.samples(samples.length, noiseRms)) : samples;
  // The line is noisy from the start when the first turn is: the level set against that speech.
  const firstSnr = snrOf(0);
  if (firstSnr !== null && audio[0]) noiseRms = noiseRmsFor(audio[0].say, firstSnr);

  const client = new SipClient({
    target: options.target,
    fromUser: `sim-${randomBytes(6).toString("hex")}`,
    headers: [["X-Simulated-Script", script.name]],
  });
  client.idle = () => (noiseRms > 0 ? noise.samples(160, noiseRms) : new Int16Array(160));
  const listener = new AgentListener(options.listener ?? DEFAULT_LISTENER);
  client.on("audio", (frame, at) => listener.feed(frame, at));
  let agentHungUp = false;
  client.on("ended", () => {
    agentHungUp = true;
  });
  const result: CallResult = {
    script: script.name,
    orderId: script.orderId ?? null,
    snrDb: firstSnr,
    callId: client.callId,
    callerUser: client.fromUser,
    conversationId: null,
    conversationMatchedBy: null,
    answeredAtWallMs: 0,
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
    endedBy: "caller",
    errors: [],
    rtp: { sent: 0, received: 0, lateFrames: 0, agentSpeechFrames: 0 },
  };
  const dialled = performance.now();
  await client.dial();
  const t0 = performance.now();
  result.answeredAtWallMs = Date.now();
  result.setupMs = t0 - dialled;
  const conversationId = client.conversationId;
  if (conversationId) {
    result.conversationId = conversationId;
    result.conversationMatchedBy = "header";
  }
  const poll = setInterval(() => listener.poll(performance.now()), 10);
  const rel = (at: number) => at - t0;

  /** Waits until the agent has been quiet for turnEndMs (or the turn runs too long). */
  const agentTurnOver = () =>
    listener.until(() => {
      const now = performance.now();
      const last = listener.segments[listener.segments.length - 1];
      if (agentHungUp) return true;
      return !listener.current() && (!last || now - last.lastLoud >= t.turnEndMs) ? true : null;
    }, t.maxAgentTurnMs);

  try {
    if (script.greeting) {
      const greeting = await listener.until(() => listener.startAfter(t0), t.greetingTimeoutMs);
      if (greeting) {
        result.greetingMs = greeting.start - t0;
        await agentTurnOver();
      } else result.errors.push("no greeting");
    }
    for (const [i, turn] of script.turns.entries()) {
      if (agentHungUp) break;
      const clip = audio[i] as (typeof audio)[number];
      const snr = snrOf(i);
      if (turn.noiseSnrDb !== undefined) noiseRms = noiseRmsFor(clip.say, turn.noiseSnrDb);
      let startAt = 0;
      const endAt = await client.play(noisy(clip.say), (at) => {
        startAt = at;
      });
      const record: TurnResult = {
        say: turn.say,
        snrDb: snr,
        speechStartMs: rel(startAt),
        speechEndMs: rel(endAt),
        voiceToVoiceMs: null,
        agentSpeechMs: null,
      };
      result.turns.push(record);
      if (typeof turn.wait === "number") {
        await sleep(turn.wait);
        continue;
      }
      const answer = await listener.until(() => listener.startAfter(startAt), t.answerTimeoutMs);
      if (!answer) {
        result.errors.push(`turn ${i + 1}: no answer within ${t.answerTimeoutMs} ms`);
        continue;
      }
      record.voiceToVoiceMs = answer.start - endAt;
      if (turn.backchannel && clip.backchannel)
        record.backchannel = await backchannel(turn.backchannel, clip.backchannel, answer.start);
      if (turn.interrupt && clip.interrupt)
        record.interruption = await interruption(turn.interrupt, clip.interrupt, answer.start);
      if (i === script.turns.length - 1 && script.hangUpAfterAnswerMs !== undefined) {
        await sleep(answer.start + script.hangUpAfterAnswerMs - performance.now());
        continue;
      }
      await agentTurnOver();
      const last = listener.segments[listener.segments.length - 1];
      record.agentSpeechMs = last ? last.lastLoud + 20 - answer.start : null;
    }
  } catch (error) {
    result.endedBy = "error";
    result.errors.push(error instanceof Error ? error.message : String(error));
  } finally {
    clearInterval(poll);
    result.rtp = {
      sent: client.stats.sent,
      received: client.stats.received,
      lateFrames: client.stats.late,
      agentSpeechFrames: listener.segments.length,
    };
    if (agentHungUp) {
      if (result.endedBy !== "error") result.endedBy = "agent";
      await client.close();
    } else await client.hangup();
  }
  return result;

  /** Speaks `clip` `afterMs` into the agent's words: whether it was talking then, when ours began and ended. */
  async function speakOver(
    afterMs: number,
    clip: Int16Array,
    agentStart: number,
  ): Promise<{ talking: boolean; startAt: number; endAt: number }> {
    await sleep(agentStart + afterMs - performance.now());
    const due = performance.now();
    const talking = listener.talkingAt(due);
    let startAt = due;
    const endAt = await client.play(noisy(clip), (at) => {
      startAt = at;
    });
    return { talking, startAt, endAt };
  }

  async function backchannel(
    spec: { afterMs: number; say: string },
    clip: Int16Array,
    agentStart: number,
  ): Promise<BackchannelResult> {
    const { talking, startAt, endAt } = await speakOver(spec.afterMs, clip, agentStart);
    const out: BackchannelResult = {
      say: spec.say,
      startMs: rel(startAt),
      endMs: rel(endAt),
      agentTalking: talking,
      keptTalking: null,
      finishedNaturally: false,
      agentStoppedAfterMs: null,
    };
    if (!talking) return out;
    // The agent stopped where it first fell silent for keepTalkingMs; talked through when that is more
    // than keepTalkingMs after the backchannel ended (a pause between sentences is shorter).
    const verdict = await listener.until(() => {
      const now = performance.now();
      const stop = listener.silenceAfter(startAt, t.keepTalkingMs, now);
      if (stop !== null) return { kept: stop > endAt + t.keepTalkingMs, stop };
      // No such silence yet, so the speech heard so far is continuous from the backchannel on.
      const last = listener.segments[listener.segments.length - 1];
      return last && last.lastLoud > endAt + t.keepTalkingMs ? { kept: true, stop: null } : null;
    }, t.maxAgentTurnMs);
    out.keptTalking = verdict?.kept ?? null;
    out.agentStoppedAfterMs = verdict && verdict.stop !== null ? verdict.stop - startAt : null;
    return out;
  }

  async function interruption(
    spec: { afterMs: number; say: string },
    clip: Int16Array,
    agentStart: number,
  ): Promise<InterruptionResult> {
    const { talking, startAt, endAt } = await speakOver(spec.afterMs, clip, agentStart);
    const out: InterruptionResult = {
      say: spec.say,
      startMs: rel(startAt),
      endMs: rel(endAt),
      agentTalking: talking,
      stopMs: null,
      yielded: null,
      answerMs: null,
    };
    if (!talking) return out;
    // Stopped: the agent's last frame before a silence lasting at least until the caller finished.
    const stop = await listener.until(
      () => listener.stopAfter(startAt, endAt, performance.now()),
      t.maxAgentTurnMs,
    );
    if (stop !== null) {
      out.stopMs = Math.max(0, stop - startAt);
      out.yielded = out.stopMs <= t.yieldWithinMs;
    } else out.yielded = false;
    const reply = await listener.until(
      () => listener.startAfter(Math.max(endAt, (stop ?? 0) + 1)),
      t.answerTimeoutMs,
    );
    if (reply) out.answerMs = reply.start - endAt;
    return out;
  }
}
