import assert from "node:assert/strict";
import { describe, test } from "node:test";
import wavefile from "wavefile";
import {
  Downsampler,
  decodeG711,
  encodeG711,
  Framer,
  JitterBuffer,
  readWav,
  seqBefore,
  Upsampler,
  writeWav,
} from "./index.ts";

const { WaveFile } = wavefile;

const tone = (hz: number, rate: number, n: number, amplitude = 10_000) =>
  Int16Array.from({ length: n }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate)));
const rms = (s: Int16Array, from = 0) => {
  let sum = 0;
  for (let i = from; i < s.length; i++) sum += (s[i] as number) ** 2;
  return Math.sqrt(sum / (s.length - from));
};

describe("audio core", () => {
  test("G.711 µ-law and A-law round-trip speech-level audio within the codec's quantisation", () => {
    const pcm = tone(440, 8000, 160);
    for (const codec of ["PCMU", "PCMA"] as const) {
      const bytes = encodeG711(codec, pcm);
      assert.equal(bytes.length, 160);
      const back = decodeG711(codec, bytes);
      const error = rms(Int16Array.from(back, (v, i) => v - (pcm[i] as number)));
      // 8-bit companding keeps the signal-to-noise ratio above 30 dB at this level.
      assert.ok(20 * Math.log10(rms(pcm) / error) > 30, `${codec}: ${error}`);
    }
    // µ-law silence is 0xFF, A-law silence 0xD5: the bytes a real gateway sends.
    assert.equal(encodeG711("PCMU", new Int16Array(1))[0], 0xff);
    assert.equal(encodeG711("PCMA", new Int16Array(1))[0], 0xd5);
  });

  test("8 → 16 kHz keeps a voice-band tone's level; 16 → 8 kHz removes what would alias", () => {
    const up = new Upsampler();
    const frames = Array.from({ length: 10 }, (_, f) =>
      tone(1000, 8000, 160 * 10).slice(f * 160, f * 160 + 160),
    );
    const out = frames.flatMap((f) => [...up.process(f)]);
    const upRms = rms(Int16Array.from(out), 200);
    assert.ok(Math.abs(upRms / rms(tone(1000, 8000, 1600)) - 1) < 0.05, String(upRms));
    const down = new Downsampler();
    const passes = down.process(tone(1000, 16000, 3200));
    assert.ok(Math.abs(rms(passes, 100) / rms(tone(1000, 8000, 1600)) - 1) < 0.05);
    // 6 kHz cannot exist at 8 kHz: it must be filtered, not folded to 2 kHz.
    const blocked = new Downsampler().process(tone(6000, 16000, 3200));
    assert.ok(20 * Math.log10(rms(blocked, 100) / 7071) < -40, String(rms(blocked, 100)));
    assert.throws(() => new Downsampler().process(new Int16Array(3)), /even number/);
  });

  test("framing cuts any chunking into whole 20 ms frames", () => {
    const framer = new Framer(8000);
    const chunks = [100, 37, 300, 3].map((n, k) => Int16Array.from({ length: n }, (_, i) => k * 1000 + i));
    const frames = chunks.flatMap((c) => framer.push(c));
    assert.deepEqual(
      frames.map((f) => f.length),
      [160, 160],
    );
    assert.equal(framer.flush()?.length, 160);
    assert.equal(framer.flush(), null);
  });

  test("the jitter buffer reorders, drops duplicates and late packets, and conceals a loss softly", () => {
    const frame = (v: number) => new Int16Array(160).fill(v);
    const jb = new JitterBuffer(160, 3);
    for (const seq of [65534, 0, 65535]) jb.push(seq, frame(seq === 0 ? 3 : seq - 65530));
    assert.ok(seqBefore(65535, 0), "sequence numbers wrap");
    jb.push(0, frame(99));
    assert.equal(jb.stats.duplicates, 1);
    assert.equal(jb.stats.reordered, 1);
    const played = [jb.pop(), jb.pop(), jb.pop()].map((f) => f?.[0]);
    assert.deepEqual(played, [4, 5, 3]);
    // Packet 1 is lost, 2 arrives: 1 is concealed at half the last level.
    jb.push(2, frame(8));
    assert.equal(jb.pop()?.[0], 1);
    assert.equal(jb.pop()?.[0], 8);
    jb.push(1, frame(7));
    assert.equal(jb.stats.late, 1);
    // Nothing more arrives: once at half level, then silence.
    assert.equal(jb.pop()?.[0], 4);
    assert.equal(jb.pop()?.[0], 0);
    assert.equal(jb.stats.concealed, 3);
  });

  test("WAV files are read as 16-bit mono whatever they hold, and written back", () => {
    const pcm = { sampleRate: 8000, samples: tone(300, 8000, 800) };
    const back = readWav(writeWav(pcm));
    assert.equal(back.sampleRate, 8000);
    assert.deepEqual([...back.samples], [...pcm.samples]);
  });

  test("G.711 WAV files are read too (they read as 0 channels once: the format was taken before decoding)", () => {
    const pcm = { sampleRate: 8000, samples: tone(300, 8000, 800) };
    for (const law of ["alaw", "mulaw"] as const) {
      const file = new WaveFile(writeWav(pcm));
      if (law === "alaw") file.toALaw();
      else file.toMuLaw();
      const back = readWav(file.toBuffer());
      assert.equal(back.sampleRate, 8000);
      assert.equal(back.samples.length, 800);
      assert.ok(rms(back.samples) > 6000, law);
    }
  });
});
