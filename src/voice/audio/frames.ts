/** Telephone audio moves in 20 ms frames: 160 samples at 8 kHz, 320 at 16 kHz. */
export const FRAME_MS = 20;

export function frameSamples(sampleRate: number): number {
  return (sampleRate * FRAME_MS) / 1000;
}

/** Cuts a stream of samples of any chunk size into whole 20 ms frames, keeping the remainder. */
export class Framer {
  private pending = new Int16Array(0);
  readonly size: number;

  constructor(sampleRate: number) {
    this.size = frameSamples(sampleRate);
  }

  push(samples: Int16Array): Int16Array[] {
    const all = new Int16Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    const frames: Int16Array[] = [];
    let at = 0;
    for (; at + this.size <= all.length; at += this.size) frames.push(all.slice(at, at + this.size));
    this.pending = all.slice(at);
    return frames;
  }

  /** The remainder, padded with silence to a whole frame (the end of a prompt). */
  flush(): Int16Array | null {
    if (this.pending.length === 0) return null;
    const frame = new Int16Array(this.size);
    frame.set(this.pending);
    this.pending = new Int16Array(0);
    return frame;
  }
}
