import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { encodeG711 } from "../audio/index.ts";
import { RtpSender } from "../rtp/index.ts";
import { type SipCall, SipEndpoint } from "../sip/index.ts";
import { runCall } from "./call.ts";
import type { CallScript } from "./scripts.ts";
import { CallerSpeech } from "./speech.ts";

const haveFestival = spawnSync("text2wave", ["--help"]).error === undefined;

/**
 * A stand-in agent on the real SIP endpoint, with known behaviour to measure: it greets, answers
 * ANSWER_DELAY_MS after the caller has been quiet for ENDPOINT_MS, talks for REPLY_MS, and yields
 * when the caller talks over it for longer than YIELD_AFTER_MS (a backchannel is shorter).
 */
const ENDPOINT_MS = 400;
const ANSWER_DELAY_MS = 150;
const REPLY_MS = 4000;
const YIELD_AFTER_MS = 600;

function fakeAgent(endpoint: SipEndpoint): void {
  endpoint.on("call", (call) => {
    const sender = new RtpSender(1234, call.plan.payloadType);
    const tone = new Int16Array(160);
    for (let i = 0; i < 160; i++) tone[i] = Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / 8000));
    const loud = encodeG711(call.plan.codec, tone);
    const quiet = encodeG711(call.plan.codec, new Int16Array(160));
    let speakingFrames = 0;
    let callerSpeechMs = 0;
    let overlapMs = 0;
    let callerSilenceMs = 0;
    let heardSpeech = false;
    let answerIn = -1;
    const state = { call, loud, quiet, sender };
    const timer = setInterval(() => {
      const talking = speakingFrames > 0;
      speakingFrames = Math.max(0, speakingFrames - 1);
      call.rtp.send(sender.next(talking ? loud : quiet, 160), call.plan.remotePort, call.plan.remoteAddress);
      if (answerIn > 0 && --answerIn === 0) speakingFrames = REPLY_MS / 20;
    }, 20);
    speakingFrames = 1000 / 20; // the greeting
    const onAudio = (c: SipCall, frame: Int16Array) => {
      if (c !== state.call) return;
      const energy = Math.sqrt(frame.reduce((a, x) => a + x * x, 0) / frame.length);
      // Talked over: counted from the caller's first sound while the agent speaks.
      if (speakingFrames > 0 && (overlapMs > 0 || energy > 150)) {
        overlapMs += 20;
        if (overlapMs > YIELD_AFTER_MS && callerSpeechMs > 200) speakingFrames = 0;
      } else if (speakingFrames === 0) overlapMs = 0;
      if (energy > 500) {
        callerSpeechMs += 20;
        callerSilenceMs = 0;
        heardSpeech = true;
      } else {
        callerSilenceMs += 20;
        if (callerSilenceMs >= 200) callerSpeechMs = 0;
        if (heardSpeech && callerSilenceMs === ENDPOINT_MS && speakingFrames === 0) {
          heardSpeech = false;
          answerIn = Math.round(ANSWER_DELAY_MS / 20);
        }
      }
    };
    endpoint.on("audio", onAudio);
    endpoint.once("ended", () => {
      clearInterval(timer);
      endpoint.off("audio", onAudio);
    });
  });
}

describe("a scripted call against a stand-in agent", {
  skip: !haveFestival && "festival is not installed",
}, () => {
  const endpoint = new SipEndpoint({ host: "127.0.0.1", port: 0 });
  let port = 0;
  const speech = new CallerSpeech(mkdtempSync(join(tmpdir(), "sb-sim-speech-")));
  before(async () => {
    port = (await endpoint.start()).port;
    fakeAgent(endpoint);
  });
  after(() => endpoint.stop());

  test("measures voice-to-voice, a talked-through backchannel and a yielded interruption", async () => {
    const script: CallScript = {
      name: "test",
      greeting: true,
      turns: [
        { say: "check order W 6 2 3 1 6 9 8", wait: "agent", backchannel: { afterMs: 1000, say: "uh-huh" } },
        { say: "8 5 0 4 9", wait: "agent", interrupt: { afterMs: 1000, say: "sorry, when will it arrive?" } },
      ],
      expect: {},
    };
    const result = await runCall({
      target: { host: "127.0.0.1", port },
      script,
      speech,
      seed: 1,
      snrDb: 40,
      timings: { turnEndMs: 600 },
    });
    assert.deepEqual(result.errors, []);
    assert.ok(
      result.greetingMs !== null && result.greetingMs < 200,
      `greeting after ${result.greetingMs} ms`,
    );
    const [first, second] = result.turns;
    // The stand-in answers 400 ms of silence + 150 ms later; the caller sees that plus a frame or two.
    for (const turn of [first, second]) {
      const v2v = turn?.voiceToVoiceMs ?? -1;
      assert.ok(
        v2v >= ENDPOINT_MS + ANSWER_DELAY_MS - 40 && v2v < ENDPOINT_MS + ANSWER_DELAY_MS + 150,
        `v2v ${v2v}`,
      );
    }
    assert.equal(first?.backchannel?.agentTalking, true);
    assert.equal(first?.backchannel?.keptTalking, true);
    const interruption = second?.interruption;
    assert.equal(interruption?.agentTalking, true);
    assert.equal(interruption?.yielded, true);
    // It yields once the caller has talked for 600 ms.
    const stop = interruption?.stopMs ?? -1;
    assert.ok(stop >= YIELD_AFTER_MS - 40 && stop < YIELD_AFTER_MS + 120, `stopped after ${stop} ms`);
    // And answers the interruption like any turn.
    assert.ok((interruption?.answerMs ?? 0) >= ENDPOINT_MS, `answered after ${interruption?.answerMs} ms`);
    assert.equal(result.endedBy, "caller");
  });

  test("an agent that stays silent leaves every turn unanswered", async () => {
    const silent = new SipEndpoint({ host: "127.0.0.1", port: 0 });
    const silentPort = (await silent.start()).port;
    try {
      const result = await runCall({
        target: { host: "127.0.0.1", port: silentPort },
        script: { name: "silent", greeting: true, turns: [{ say: "hello", wait: "agent" }], expect: {} },
        speech,
        seed: 2,
        timings: { greetingTimeoutMs: 300, answerTimeoutMs: 500 },
      });
      assert.deepEqual(result.errors, ["no greeting", "turn 1: no answer within 500 ms"]);
      assert.equal(result.turns[0]?.voiceToVoiceMs, null);
    } finally {
      await silent.stop();
    }
  });
});
