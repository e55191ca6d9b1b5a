/**
 * 8 kHz ↔ 16 kHz for a stream: the phone speaks 8 kHz, speech models listen at 16 kHz. A windowed-sinc
 * low-pass (cut-off at 4 kHz, 63 taps, Blackman window) removes the images when doubling and the
 * aliases when halving; state carries across frames, so 20 ms frames join without clicks.
 */
const TAPS = 63;

function lowPass(cutoff: number): Float64Array {
  const h = new Float64Array(TAPS);
  const mid = (TAPS - 1) / 2;
  let sum = 0;
  for (let n = 0; n < TAPS; n++) {
    const x = n - mid;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const window =
      0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (TAPS - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (TAPS - 1));
    h[n] = sinc * window;
    sum += h[n] as number;
  }
  for (let n = 0; n < TAPS; n++) h[n] = (h[n] as number) / sum;
  return h;
}

/** Cut-off 4 kHz at a 16 kHz rate: a quarter of the sample rate, minus a little transition band. */
const FILTER = lowPass(3_700 / 16_000);

const clamp = (v: number) => Math.max(-32768, Math.min(32767, Math.round(v)));

abstract class FirStream {
  /** The last TAPS-1 input samples at 16 kHz (zeros at first). */
  protected history = new Float64Array(TAPS - 1);

  protected filterAt(signal: Float64Array, at: number): number {
    let acc = 0;
    for (let k = 0; k < TAPS; k++) acc += (FILTER[k] as number) * (signal[at - k + TAPS - 1] as number);
    return acc;
  }

  protected withHistory(input: Float64Array): Float64Array {
    const signal = new Float64Array(this.history.length + input.length);
    signal.set(this.history);
    signal.set(input, this.history.length);
    this.history = signal.slice(signal.length - (TAPS - 1));
    return signal;
  }
}

/** 8 kHz → 16 kHz: a zero between samples, then the low-pass (gain 2 to keep the level). */
export class Upsampler extends FirStream {
  process(input: Int16Array): Int16Array {
    const stuffed = new Float64Array(input.length * 2);
    for (let i = 0; i < input.length; i++) stuffed[2 * i] = (input[i] as number) * 2;
    const signal = this.withHistory(stuffed);
    const out = new Int16Array(stuffed.length);
    for (let i = 0; i < out.length; i++) out[i] = clamp(this.filterAt(signal, i));
    return out;
  }
}

/** 16 kHz → 8 kHz: the low-pass, then every other sample. Input frames must have an even length. */
export class Downsampler extends FirStream {
  process(input: Int16Array): Int16Array {
    if (input.length % 2 !== 0) throw new RangeError("16 kHz frames must hold an even number of samples");
    const signal = this.withHistory(Float64Array.from(input));
    const out = new Int16Array(input.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = clamp(this.filterAt(signal, 2 * i));
    return out;
  }
}
