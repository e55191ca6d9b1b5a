// The microphone's side of a call, on the audio thread: the context's rate (44.1 or 48 kHz, whatever
// the device runs at) down to 16 kHz, 16-bit, in 20 ms frames posted to the page, which sends them as
// they come. Loaded by URL (`?worker&url`), so the page's CSP (script-src 'self') allows it.

// The AudioWorkletGlobalScope, which TypeScript's DOM library does not describe.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

const TARGET_RATE = 16_000;
/** 20 ms at 16 kHz: the frame the server's framer expects, and the network's natural packet. */
const FRAME_SAMPLES = 320;
/** Below 16 kHz's Nyquist frequency (8 kHz) with room for the filter's transition band. */
const CUTOFF_HZ = 7_000;

/** A Blackman-windowed sinc low-pass, normalised to unity gain at DC. */
function lowPass(rate: number, taps: number): Float32Array {
  const h = new Float32Array(taps);
  const fc = CUTOFF_HZ / rate;
  const mid = (taps - 1) / 2;
  let sum = 0;
  for (let n = 0; n < taps; n++) {
    const x = n - mid;
    const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
    const window =
      0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (taps - 1));
    h[n] = sinc * window;
    sum += h[n] as number;
  }
  for (let n = 0; n < taps; n++) h[n] = (h[n] as number) / sum;
  return h;
}

class CaptureProcessor extends AudioWorkletProcessor {
  /** Input samples per output sample: 3 at 48 kHz, 2.75625 at 44.1 kHz. */
  private readonly step = sampleRate / TARGET_RATE;
  private readonly h = lowPass(sampleRate, 2 * Math.round((sampleRate / TARGET_RATE) * 12) + 1);
  /** The filter's delay line, twice over so the taps read one contiguous run. */
  private readonly delay = new Float32Array(this.h.length * 2);
  private at = 0;
  /** Where the next output sample falls, in input samples after the one just filtered. */
  private t = 1;
  private previous = 0;
  private frame = new Int16Array(FRAME_SAMPLES);
  private filled = 0;

  process(inputs: Float32Array[][]): boolean {
    // Mono: the first channel (getUserMedia asks for one).
    const input = inputs[0]?.[0];
    if (!input) return true;
    const { h, delay } = this;
    const taps = h.length;
    for (let i = 0; i < input.length; i++) {
      const x = input[i] as number;
      delay[this.at] = x;
      delay[this.at + taps] = x;
      this.at = (this.at + 1) % taps;
      let y = 0;
      for (let k = 0; k < taps; k++) y += (h[k] as number) * (delay[this.at + k] as number);
      this.t -= 1;
      // Linear interpolation between the last two filtered samples at each output instant.
      while (this.t <= 0) {
        this.emit(y + (y - this.previous) * this.t);
        this.t += this.step;
      }
      this.previous = y;
    }
    return true;
  }

  private emit(sample: number): void {
    const clipped = Math.max(-1, Math.min(1, sample));
    this.frame[this.filled++] = Math.round(clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff);
    if (this.filled === FRAME_SAMPLES) {
      this.port.postMessage(this.frame.buffer, [this.frame.buffer]);
      this.frame = new Int16Array(FRAME_SAMPLES);
      this.filled = 0;
    }
  }
}

registerProcessor("switchboard-capture", CaptureProcessor);

// A module, so the declarations above stay in this file.
export {};
