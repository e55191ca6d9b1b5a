import assert from "node:assert/strict";
import { test } from "node:test";
import type { ConversationService } from "../../conversation/index.ts";
import type { Logger } from "../../platform/index.ts";
import { PromptCache } from "../speech/tts.ts";
import { VoiceSession } from "./session.ts";
import type { VoiceTransport } from "./transport.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("a sentence that comes while the caller is already speaking is held, and their words stop it", async () => {
  // The second sentence of the greeting renders only when let go, after the first has played.
  let releaseSecond: () => void = () => {};
  const secondRendered = new Promise<void>((resolve) => {
    releaseSecond = resolve;
  });
  const tts = {
    name: "fake",
    speaks: () => true,
    synthesize: async (text: string) => {
      if (text.startsWith("Second")) await secondRendered;
      // 200 ms of steady sound at 8 kHz.
      return { pcm: new Int16Array(1600).fill(3000), sampleRate: 8000 };
    },
  };
  let probability = 0;
  let words = "";
  const asr = {
    name: "fake",
    languages: ["en"],
    open: async () => ({
      begin() {},
      write() {},
      partial: () => words,
      settled: async () => words,
      end: async () => ({ words, search: "grammar" as const }),
      cancel() {},
      close() {},
    }),
  };
  const vad = {
    name: "fake",
    open: async () => ({ window: 256, score: async () => probability, close() {} }),
  };
  const loud: number[] = [];
  let cleared = 0;
  const transport: VoiceTransport = {
    kind: "simulated",
    sampleRate: 8000,
    play: (frame) => {
      if (frame.some((v) => v !== 0)) loud.push(performance.now());
    },
    clear: () => {
      cleared++;
    },
    hangup() {},
  };
  const recorded: Array<{ type: string }> = [];
  const conversations = {
    recordVoice: async (_id: string, events: Array<{ type: string }>) => {
      recorded.push(...events);
    },
  } as unknown as ConversationService;
  const logger = { warn() {}, error() {}, info() {}, debug() {} } as unknown as Logger;
  const session = new VoiceSession(transport, {}, "c1", {
    conversations,
    engines: { vad, asr, tts, cache: new PromptCache() },
    logger,
    transferTarget: "sip:desk@example.com",
  });
  const greeted = session.begin(
    [{ role: "agent", text: "", voice: "First sentence here. Second sentence here." }],
    "en",
  );
  // The first sentence plays out (200 ms of sound and its pause); the second is still rendering.
  await sleep(600);
  const firstSentence = loud.length;
  assert.ok(firstSentence >= 9, `${firstSentence} loud frames of the first sentence`);
  // The caller starts speaking in the gap: real-time frames, every window speech.
  probability = 0.9;
  let at = performance.now();
  const frame = new Int16Array(160).fill(500);
  const speak = async (ms: number) => {
    for (let t = 0; t < ms; t += 20) {
      at += 20;
      session.audio(frame, at);
      await sleep(20);
    }
  };
  await speak(100);
  releaseSecond();
  await speak(100);
  assert.equal(loud.length, firstSentence, "not a frame of the second sentence over the caller");
  // They go on with words that hold: an interruption, and the held sentence is dropped.
  words = "wait";
  await speak(300);
  assert.equal(loud.length, firstSentence);
  assert.equal(cleared, 1, "the interruption cleared the line");
  assert.ok(recorded.some((e) => e.type === "voice_interrupted"));
  session.close("test");
  await greeted;
});
