/** Background noise for a call, generated in code from a seed: the same seed, the same noise. */
export type NoiseColour = "white" | "pink";

/** mulberry32: small, fast and good enough for audio noise and jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Unit-RMS noise, sample by sample: white is Gaussian (Box-Muller); pink is white through Paul
 * Kellett's economy filter (-3 dB an octave within about 0.5 dB above 50 Hz), scaled back to unit RMS.
 */
export class NoiseSource {
  private readonly random: () => number;
  private spare: number | null = null;
  private b0 = 0;
  private b1 = 0;
  private b2 = 0;

  constructor(
    readonly colour: NoiseColour,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  private gaussian(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = Math.max(this.random(), 1e-12);
    const v = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  next(): number {
    const white = this.gaussian();
    if (this.colour === "white") return white;
    this.b0 = 0.99765 * this.b0 + white * 0.099046;
    this.b1 = 0.963 * this.b1 + white * 0.2965164;
    this.b2 = 0.57 * this.b2 + white * 1.0526913;
    // The filter's gain on unit white noise is 2.975 in RMS (measured over 2 million samples, 4 seeds).
    return (this.b0 + this.b1 + this.b2 + white * 0.1848) / PINK_RMS;
  }

  /** `count` samples of noise at the given RMS, in 16-bit range. */
  samples(count: number, rms: number): Int16Array {
    const out = new Int16Array(count);
    for (let i = 0; i < count; i++) out[i] = clip(this.next() * rms);
    return out;
  }
}

const PINK_RMS = 2.975;

const clip = (x: number) => Math.max(-32768, Math.min(32767, Math.round(x)));

/**
 * RMS of the speech itself: over the 20 ms frames within 40 dB of the loudest, so the pauses between
 * words do not lower it (and the noise is set against the voice, as SNR is quoted for speech).
 */
export function speechRms(samples: Int16Array, frame = 160): number {
  const energies: number[] = [];
  for (let at = 0; at + frame <= samples.length; at += frame) {
    let sum = 0;
    for (let i = at; i < at + frame; i++) sum += (samples[i] as number) ** 2;
    energies.push(sum / frame);
  }
  if (energies.length === 0) return 0;
  const floor = Math.max(...energies) / 10_000;
  const active = energies.filter((e) => e >= floor);
  return Math.sqrt(active.reduce((a, e) => a + e, 0) / active.length);
}

/** The noise RMS that puts `speech` at `snrDb` above it. */
export function noiseRmsFor(speech: Int16Array, snrDb: number): number {
  return speechRms(speech) / 10 ** (snrDb / 20);
}

/** Speech plus noise sample by sample (clipped to 16 bits). */
export function mix(speech: Int16Array, noise: Int16Array): Int16Array {
  const out = new Int16Array(speech.length);
  for (let i = 0; i < speech.length; i++) out[i] = clip((speech[i] as number) + (noise[i] ?? 0));
  return out;
}
