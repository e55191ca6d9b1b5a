import assert from "node:assert/strict";
import { test } from "node:test";
import { resample, spokenPieces, Text2wavTts, trimSilence } from "./tts.ts";

const firstAudible = (pcm: Int16Array) => pcm.findIndex((v) => Math.abs(v) >= 64);

test("a rendered sentence starts with its first sound and keeps a sentence's pause after it", async () => {
  const tts = new Text2wavTts(1);
  try {
    const speech = await tts.synthesize("Thanks, that matches.", "en");
    const pcm = resample(speech.pcm, speech.sampleRate, 8000);
    const before = firstAudible(pcm);
    assert.ok(before > 8 * 8, `espeak-ng's own lead-in is ${before / 8} ms`);
    const trimmed = trimSilence(pcm, 8000);
    assert.ok(firstAudible(trimmed) <= 8 * 5, `lead-in after trimming ${firstAudible(trimmed) / 8} ms`);
    // Nothing audible was cut: the same samples from the first sound on.
    assert.deepEqual(
      trimmed.subarray(firstAudible(trimmed), firstAudible(trimmed) + 800),
      pcm.subarray(before, before + 800),
    );
    const audibleTail = [...trimmed].reverse().findIndex((v) => Math.abs(v) >= 64);
    assert.ok(audibleTail <= 8 * 200 && audibleTail >= 8 * 190, `pause after: ${audibleTail / 8} ms`);
  } finally {
    await tts.close();
  }
});

test("silence stays silence, and audio with no lead-in is untouched at its start", () => {
  const silent = new Int16Array(800);
  assert.equal(trimSilence(silent, 8000), silent);
  const tone = Int16Array.from({ length: 800 }, (_, i) => Math.round(8000 * Math.sin(i / 3 + 1)));
  assert.equal(trimSilence(tone, 8000)[0], tone[0]);
  assert.equal(trimSilence(tone, 8000).length, 800);
});

test("a reply's short lead clause is rendered apart, so it comes from the cache", () => {
  assert.deepEqual(spokenPieces("Thanks, Ava, I've found your account. Anything else?"), [
    "Thanks,",
    "Ava, I've found your account.",
    "Anything else?",
  ]);
  assert.deepEqual(spokenPieces("Sorry, that one is gone."), ["Sorry,", "that one is gone."]);
  // No lead clause: a comma too late, or too little after it.
  assert.deepEqual(spokenPieces("Your order from March, the one with boots, shipped."), [
    "Your order from March, the one with boots, shipped.",
  ]);
  assert.deepEqual(spokenPieces("Yes, of course."), ["Yes, of course."]);
  // A name said last comes apart from the words before it, which are the same for every caller.
  assert.deepEqual(spokenPieces("Thanks for getting in touch, Ava. Have a great day!"), [
    "Thanks for getting in touch,",
    "Ava.",
    "Have a great day!",
  ]);
  assert.deepEqual(spokenPieces(""), []);
});
