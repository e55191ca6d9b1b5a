import assert from "node:assert/strict";
import { test } from "node:test";
import { resample, sentences } from "../speech/tts.ts";
import { Player } from "./player.ts";
import type { VoiceTransport } from "./transport.ts";
import { endOfTurnSilenceMs, expectationOf, overAgent, QUICK_MS } from "./turn-taking.ts";

test("the end of a turn waits for an unfinished answer and comes quickly after a complete one", () => {
  const order = (words: string) => endOfTurnSilenceMs(words, "order_id");
  assert.equal(order("it's double u six two three one six nine eight"), QUICK_MS);
  assert.ok(order("it's double u six two three") > 1000, "three digits of seven: patient");
  assert.ok(order("w") > 1000, "the letter alone: digits are coming");
  assert.ok(order("one zero zero eight three") <= 300, "a postcode where the order number was asked");
  assert.ok(order("double u six two three one six") > 1000, "five digits after the W are half an order");
  assert.ok(order("six two three one") > 1000);
  assert.equal(endOfTurnSilenceMs("eight five oh four nine", "postal_code"), QUICK_MS);
  assert.ok(endOfTurnSilenceMs("eight five oh", "postal_code") > 1000);
  assert.equal(endOfTurnSilenceMs("yes", "yes_no"), QUICK_MS);
  assert.ok(endOfTurnSilenceMs("j a n e at example", "email") > 1000);
  assert.equal(endOfTurnSilenceMs("j a n e at example dot com", "email"), QUICK_MS);
  // Asked for an email, a caller may give the order and postcode instead, or ask something else.
  assert.equal(endOfTurnSilenceMs("one zero zero eight three", "email"), QUICK_MS);
  assert.ok(endOfTurnSilenceMs("where is my order", "email") < 1000);
  assert.ok(
    endOfTurnSilenceMs("i want to return the", "open") > endOfTurnSilenceMs("i want to return it", "open"),
  );
  // A sentence the grammar says nothing can follow ends quickly; one word of an open turn does not
  // ("right," may lead a sentence), nor a sentence the grammar does not close.
  assert.equal(endOfTurnSilenceMs("okay thanks bye", "open", true), QUICK_MS);
  assert.ok(endOfTurnSilenceMs("okay thanks bye", "open", false) > QUICK_MS);
  assert.ok(endOfTurnSilenceMs("right", "open", true) > QUICK_MS);
  // Heard in the pause after "hi," (the bench's caller went on with its order number).
  assert.ok(endOfTurnSilenceMs("hi nope", "open", true) > QUICK_MS);
  assert.ok(endOfTurnSilenceMs("hi yes please", "open", true) > QUICK_MS);
  assert.ok(endOfTurnSilenceMs("hi yes please", "open", true) >= endOfTurnSilenceMs("hi yes please", "open"));
  assert.equal(endOfTurnSilenceMs("the second one", "item", true), QUICK_MS);
});

test("the agent's questions map to what the recogniser listens for", () => {
  assert.equal(expectationOf("item_reference"), "item");
  assert.equal(expectationOf("option_value"), "item", 'the variant of an exchange: "the blue one"');
  assert.equal(expectationOf("order_id"), "order_id");
  assert.equal(expectationOf("reason"), "open");
  assert.equal(expectationOf(null), "open");
});

test("over the agent's voice, backchannels and their half-heard sounds are no interruption", () => {
  assert.equal(overAgent(""), "none");
  assert.equal(overAgent("uh-huh"), "backchannel");
  assert.equal(overAgent("okay right"), "backchannel");
  // How the recogniser hears an "uh-huh" before it settles: not enough to stop the agent.
  assert.equal(overAgent("hi"), "sounds");
  assert.equal(overAgent("uh hi"), "sounds");
  assert.equal(overAgent("sorry"), "words");
  assert.equal(overAgent("hi sorry when will it arrive"), "words");
  assert.equal(overAgent("wait"), "words");
});

test("speech is resampled without losing the phone band or folding what is above it", () => {
  const tone = (hz: number, rate: number, seconds: number) =>
    Int16Array.from({ length: rate * seconds }, (_, i) =>
      Math.round(10_000 * Math.sin((2 * Math.PI * hz * i) / rate)),
    );
  const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((s, v) => s + v * v, 0) / pcm.length);
  const kept = resample(tone(1000, 22_050, 1), 22_050, 8000);
  assert.equal(kept.length, 8000);
  assert.ok(
    Math.abs(rms(kept.subarray(100, 7900)) / (10_000 / Math.SQRT2) - 1) < 0.05,
    "1 kHz keeps its level",
  );
  // Zero crossings count the frequency: 1 kHz is 2,000 a second.
  let crossings = 0;
  for (let i = 1; i < kept.length; i++)
    if ((kept[i - 1] as number) < 0 !== (kept[i] as number) < 0) crossings++;
  assert.ok(Math.abs(crossings - 2000) < 10, `${crossings} crossings`);
  const folded = resample(tone(6000, 22_050, 1), 22_050, 8000);
  assert.ok(
    rms(folded.subarray(100, 7900)) < 10_000 / Math.SQRT2 / 100,
    "6 kHz is removed (> 40 dB), not aliased to 2 kHz",
  );
  assert.equal(resample(tone(1000, 22_050, 1), 22_050, 16_000).length, 16_000);
});

test("replies are spoken sentence by sentence; numbers with dots stay whole", () => {
  assert.deepEqual(sentences("Thanks. Your order #W6231698 shipped on 3.4.2025! Anything else?"), [
    "Thanks.",
    "Your order #W6231698 shipped on 3.4.2025!",
    "Anything else?",
  ]);
});

test("playback keeps real time, and a barge-in knows what was heard and what was not", async () => {
  const sent: number[] = [];
  const transport: VoiceTransport = {
    kind: "simulated",
    sampleRate: 8000,
    play: () => sent.push(performance.now()),
    clear: () => {},
    hangup: () => {},
  };
  const player = new Player(transport);
  const frames = (n: number) => Array.from({ length: n }, () => new Int16Array(160));
  player.enqueue("Your order is on its way.", frames(10));
  player.enqueue("Anything else?", frames(50));
  assert.equal(sent.length, 1, "the first frame goes at once");
  await new Promise((r) => setTimeout(r, 400));
  // 400 ms is 20 frames; timers on a busy machine may run a little late, never ahead.
  assert.ok(sent.length >= 17 && sent.length <= 22, `${sent.length} frames in 400 ms`);
  const span = (sent.at(-1) as number) - (sent[0] as number);
  assert.ok(span >= (sent.length - 2) * 20 - 5, "not faster than real time");
  const { heard, unheard } = player.stop();
  // The first sentence played to the end; of the second, a fifth of its audio: less than a word.
  assert.equal(heard, "Your order is on its way.");
  assert.equal(unheard, "Anything else?");
  const after = sent.length;
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(sent.length, after, "nothing plays after the stop");
  assert.equal(player.speaking, false);
  player.close();
});

test("a paused reply holds its sound, then goes on from the next unsent frame", async () => {
  const sent: Int16Array[] = [];
  const transport: VoiceTransport = {
    kind: "simulated",
    sampleRate: 8000,
    play: (frame) => sent.push(frame),
    clear: () => {},
    hangup: () => {},
  };
  const player = new Player(transport);
  // Each frame carries its index, to see that none is skipped or sent twice; five of silence between
  // two sentences.
  const frames = Array.from({ length: 30 }, (_, i) => new Int16Array(160).fill(1000 + i));
  const gap = Array.from({ length: 5 }, () => new Int16Array(160));
  player.enqueue("Your order shipped on Monday.", frames);
  player.enqueue("Anything else?", [...gap, ...frames]);
  await new Promise((r) => setTimeout(r, 100));
  player.pause();
  const atPause = sent.length;
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(sent.length, atPause, "nothing is sent while paused");
  assert.ok(player.speaking, "a paused reply is still the agent's turn");
  player.resume();
  // The pacer's timer does not hold the process open: the test's own timers do.
  while (player.speaking) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(
    sent.map((f) => f[0]),
    [...frames, ...gap, ...frames].map((f) => f[0]),
  );
  // Paused in the pause between sentences: the silence plays on, the next sound waits.
  sent.length = 0;
  player.enqueue("Thanks.", [...frames.slice(0, 1), ...gap, ...frames.slice(1, 6)]);
  player.pause();
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(
    sent.map((f) => f[0]),
    [1000, ...gap.map(() => 0)],
    "the sound frame that was due, then only the silence",
  );
  player.resume();
  while (player.speaking) await new Promise((r) => setTimeout(r, 20));
  assert.equal(sent.length, 11);
  player.close();
});
