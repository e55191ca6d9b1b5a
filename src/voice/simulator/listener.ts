/** How the caller tells the agent's voice from silence on the line. */
export interface ListenerSettings {
  /**
   * A received 20 ms frame is agent speech when its RMS is above this. The agent's audio is clean TTS
   * (speech frames sit well above 1,000) and its silence is digital silence or G.711's idle codes
   * (RMS under 10); 300 (about -41 dBFS) lies safely between them.
   */
  speechRms: number;
  /**
   * A stretch of speech is timed from its first audible frame: a reply's soft onset ("Th" in
   * "Thanks", RMS 60-90 for 80 ms) is heard before its first loud frame. Above G.711's idle codes
   * (RMS under 10) and near the level that ends the caller's own clips (0.3% of full scale).
   */
  audibleRms: number;
  /**
   * The agent has stopped once no speech frame arrived for this long. Short, so a barge-in stop is
   * seen quickly, and above the gaps between words in synthesised speech (about 50-150 ms).
   */
  hangoverMs: number;
}

export const DEFAULT_LISTENER: ListenerSettings = { speechRms: 300, audibleRms: 40, hangoverMs: 300 };

/** More than this between two frames is a gap in the stream (they come every 20 ms while it plays). */
const RUN_GAP_MS = 60;

/** A stretch of agent speech: first and last speech frames' arrival times; open until the hangover. */
export interface Segment {
  start: number;
  lastLoud: number;
  closed: boolean;
}

/**
 * The agent's speech as heard by the caller: frames in with their arrival times, segments out
 * (stretches of speech separated by at least the hangover). Waiters are checked on every frame and
 * every poll, so a caller can await "the agent started after t" or "the agent is quiet".
 */
export class AgentListener {
  readonly segments: Segment[] = [];
  /** Arrival of the first frame of the current run of audible frames (null in silence). */
  private audibleSince: number | null = null;
  private lastFrameAt = Number.NEGATIVE_INFINITY;
  private readonly waiters = new Set<() => boolean>();
  frames = 0;

  constructor(readonly settings: ListenerSettings = DEFAULT_LISTENER) {}

  feed(frame: Int16Array, at: number): void {
    this.frames++;
    let sum = 0;
    for (let i = 0; i < frame.length; i++) sum += (frame[i] as number) ** 2;
    const rms = Math.sqrt(sum / (frame.length || 1));
    const loud = rms > this.settings.speechRms;
    // The platform sends nothing between replies: a gap in the frames ends an audible run too.
    if (rms <= this.settings.audibleRms || at - this.lastFrameAt > RUN_GAP_MS) this.audibleSince = null;
    if (rms > this.settings.audibleRms) this.audibleSince ??= at;
    this.lastFrameAt = at;
    this.close(at);
    if (loud) {
      const open = this.current();
      if (open) open.lastLoud = at;
      else this.segments.push({ start: this.audibleSince ?? at, lastLoud: at, closed: false });
    }
    this.check();
  }

  /** Closes the open segment once the hangover has passed with no speech (call on a timer). */
  poll(now: number): void {
    this.close(now);
    this.check();
  }

  private close(now: number): void {
    const open = this.current();
    if (open && now - open.lastLoud > this.settings.hangoverMs) open.closed = true;
  }

  current(): Segment | null {
    const last = this.segments[this.segments.length - 1];
    return last && !last.closed ? last : null;
  }

  /** True when the agent's voice was heard within the hangover before `at`. */
  talkingAt(at: number): boolean {
    return this.segments.some((s) => s.start <= at && s.lastLoud >= at - this.settings.hangoverMs);
  }

  /** The first segment starting at or after `after`. */
  startAfter(after: number): Segment | null {
    return this.segments.find((s) => s.start >= after) ?? null;
  }

  /** Resolves with the condition's value once it is non-null, or null after `timeoutMs`. */
  until<T>(condition: () => T | null, timeoutMs: number): Promise<T | null> {
    return new Promise((resolve) => {
      const first = condition();
      if (first !== null) return resolve(first);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(null);
      }, timeoutMs);
      const waiter = () => {
        const value = condition();
        if (value === null) return false;
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      this.waiters.add(waiter);
    });
  }

  private check(): void {
    for (const waiter of [...this.waiters]) if (waiter()) this.waiters.delete(waiter);
  }

  /**
   * When the agent went quiet after `from`: the last speech frame of the first segment (ending at or
   * after `from`) that is followed by silence lasting at least to `quietUntil` (the hangover at least).
   * Null while the agent is still talking or the silence has not lasted long enough yet.
   */
  stopAfter(from: number, quietUntil: number, now: number): number | null {
    for (let i = 0; i < this.segments.length; i++) {
      const s = this.segments[i] as Segment;
      if (s.lastLoud < from - this.settings.hangoverMs) continue;
      const next = this.segments[i + 1];
      const needed = Math.max(s.lastLoud + this.settings.hangoverMs, quietUntil);
      if (next ? next.start > needed : s.closed && now >= needed) return s.lastLoud;
    }
    return null;
  }

  /**
   * The last speech frame before the agent's first silence of at least `minGapMs` that begins after
   * `from` (null until such a silence has lasted that long).
   */
  silenceAfter(from: number, minGapMs: number, now: number): number | null {
    for (let i = 0; i < this.segments.length; i++) {
      const s = this.segments[i] as Segment;
      if (s.lastLoud < from - this.settings.hangoverMs) continue;
      const next = this.segments[i + 1];
      if (next ? next.start - s.lastLoud >= minGapMs : now - s.lastLoud >= minGapMs) return s.lastLoud;
    }
    return null;
  }
}
