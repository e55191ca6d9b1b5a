/** RTP sequence numbers are 16 bits and wrap: a is before b when b is less than half the range ahead. */
export function seqBefore(a: number, b: number): boolean {
  const d = (b - a + 0x10000) % 0x10000;
  return d !== 0 && d < 0x8000;
}

export interface JitterStats {
  received: number;
  played: number;
  /** Frames never received in time: replaced by concealment. */
  concealed: number;
  late: number;
  duplicates: number;
  reordered: number;
}

/**
 * Smooths network timing for inbound audio: packets go in as they arrive (out of order, twice, late),
 * frames come out every 20 ms in sequence. Playout starts once `depth` frames are held; a missing
 * frame is concealed by the last one at half level, then silence, so a lost packet is a soft gap
 * rather than a click; a packet that arrives after its turn is dropped.
 */
export class JitterBuffer {
  private readonly frames = new Map<number, Int16Array>();
  private next: number | null = null;
  private started = false;
  private last: Int16Array | null = null;
  private concealedRun = 0;
  private highest: number | null = null;
  readonly stats: JitterStats = {
    received: 0,
    played: 0,
    concealed: 0,
    late: 0,
    duplicates: 0,
    reordered: 0,
  };

  constructor(
    private readonly frameSize: number,
    /** Frames held before playout starts (3 = 60 ms). */
    private readonly depth = 3,
    /** Frames held at most; beyond it the oldest are played out at once (a burst after a stall). */
    private readonly capacity = 50,
  ) {}

  push(seq: number, frame: Int16Array): void {
    if (this.started && this.next !== null && seqBefore(seq, this.next)) {
      this.stats.late++;
      return;
    }
    if (this.frames.has(seq)) {
      this.stats.duplicates++;
      return;
    }
    this.stats.received++;
    if (this.highest !== null && seqBefore(seq, this.highest)) this.stats.reordered++;
    else this.highest = seq;
    this.frames.set(seq, frame);
    // Before playout starts, the earliest frame seen is where it starts.
    if (this.next === null || (!this.started && seqBefore(seq, this.next))) this.next = seq;
    if (this.next !== null && !this.started && this.frames.size >= this.depth) this.started = true;
    while (this.frames.size > this.capacity && this.next !== null) {
      this.frames.delete(this.next);
      this.next = (this.next + 1) % 0x10000;
    }
  }

  /** The next 20 ms to play, or null before playout has started. */
  pop(): Int16Array | null {
    if (!this.started || this.next === null) return null;
    const frame = this.frames.get(this.next);
    this.frames.delete(this.next);
    this.next = (this.next + 1) % 0x10000;
    this.stats.played++;
    if (frame) {
      this.last = frame;
      this.concealedRun = 0;
      return frame;
    }
    this.stats.concealed++;
    this.concealedRun++;
    if (this.last && this.concealedRun === 1) return this.last.map((s) => s >> 1);
    return new Int16Array(this.frameSize);
  }

  get buffered(): number {
    return this.frames.size;
  }
}
