import assert from "node:assert/strict";
import { test } from "node:test";
import { AgentListener } from "./listener.ts";
import { mix, NoiseSource, noiseRmsFor, speechRms } from "./noise.ts";

const rms = (s: Int16Array) => Math.sqrt(s.reduce((a, x) => a + x * x, 0) / s.length);

/** A "word" of tone and a pause of silence, twice: speech with gaps, as SNR must ignore the gaps. */
function words(): Int16Array {
  const out = new Int16Array(16000);
  for (let i = 0; i < out.length; i++)
    if (Math.floor(i / 4000) % 2 === 0) out[i] = Math.round(3000 * Math.sin((2 * Math.PI * 200 * i) / 8000));
  return out;
}

test("noise is set against the speech, not its pauses, and lands at the asked SNR", () => {
  const speech = words();
  assert.ok(Math.abs(speechRms(speech) - 3000 / Math.SQRT2) < 20);
  for (const colour of ["white", "pink"] as const)
    for (const snr of [20, 10]) {
      const level = noiseRmsFor(speech, snr);
      const noise = new NoiseSource(colour, 7).samples(80_000, level);
      const measured = 20 * Math.log10(speechRms(speech) / rms(noise));
      assert.ok(Math.abs(measured - snr) < 0.5, `${colour} at ${snr} dB measured ${measured.toFixed(2)} dB`);
    }
});

test("the same seed gives the same noise, another seed other noise", () => {
  const a = new NoiseSource("pink", 42).samples(1000, 500);
  const b = new NoiseSource("pink", 42).samples(1000, 500);
  const c = new NoiseSource("pink", 43).samples(1000, 500);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.equal(mix(Int16Array.of(32000), Int16Array.of(2000))[0], 32767);
});

test("pink noise has more energy low than high (about -3 dB an octave)", () => {
  const noise = new NoiseSource("pink", 3).samples(80_000, 1000);
  // A first difference is a high-pass: white keeps about √2 of its RMS through it, pink much less.
  const diff = (s: Int16Array) => Int16Array.from(s.subarray(1), (x, i) => x - (s[i] as number));
  const white = new NoiseSource("white", 3).samples(80_000, 1000);
  assert.ok(rms(diff(white)) / rms(white) > 1.3);
  assert.ok(rms(diff(noise)) / rms(noise) < 0.9);
});

test("the listener splits the agent's speech at silences longer than the hangover", () => {
  const listener = new AgentListener({ speechRms: 300, audibleRms: 40, hangoverMs: 300 });
  const loud = new Int16Array(160).fill(2000);
  const quiet = new Int16Array(160);
  const frames = [
    ...Array(10).fill(loud),
    ...Array(5).fill(quiet),
    ...Array(10).fill(loud),
    ...Array(30).fill(quiet),
  ];
  frames.forEach((f, i) => {
    listener.feed(f, i * 20);
  });
  // A 100 ms gap is inside one stretch of speech; the 600 ms at the end closes it.
  assert.deepEqual(listener.segments, [{ start: 0, lastLoud: 480, closed: true }]);
  assert.equal(listener.talkingAt(500), true);
  assert.equal(listener.talkingAt(900), false);
  assert.equal(listener.stopAfter(100, 600, 1100), 480);
  assert.equal(listener.silenceAfter(0, 600, 1000), null);
  assert.equal(listener.silenceAfter(0, 600, 1100), 480);
});

test("a stretch of the agent's speech is timed from its first audible frame, opened only by a loud one", () => {
  const listener = new AgentListener({ speechRms: 300, audibleRms: 40, hangoverMs: 300 });
  const soft = new Int16Array(160).fill(80); // the "Th" of "Thanks"
  const idle = new Int16Array(160).fill(8); // A-law's idle code decoded
  const loud = new Int16Array(160).fill(2000);
  const frames = [idle, soft, idle, idle, soft, soft, soft, loud, loud, ...Array(20).fill(idle), soft, soft];
  frames.forEach((f, i) => {
    listener.feed(f, i * 20);
  });
  // The soft run just before the loud frames starts the stretch; an isolated soft frame, or soft
  // frames with no loud one after them, start nothing.
  assert.deepEqual(listener.segments, [{ start: 80, lastLoud: 160, closed: true }]);
  // The platform sends nothing between replies: soft frames before a pause in the stream (the end of
  // the last reply) do not start the next one.
  listener.feed(loud, 2000);
  assert.equal(listener.segments.at(-1)?.start, 2000, "the soft run before the gap is not this reply's");
});
