import type { VoiceTransport } from "./transport.ts";

/** One sentence queued for the caller: its frames and its text, to know what was heard. */
interface Queued {
  text: string;
  frames: Int16Array[];
  next: number;
  /** Called as its first frame goes out. */
  onStart?: (() => void) | undefined;
}

/**
 * Plays a session's audio in real time, 20 ms a frame. Frames due are sent on a shared tick by the
 * clock (a late tick sends what is owed), so every call keeps pace with one timer, and what the
 * caller has heard is known to the frame when they interrupt.
 */
export class Player {
  private queue: Queued[] = [];
  private startedAt = 0;
  private sent = 0;
  private idleWaiters: Array<() => void> = [];
  /** Sentences the caller heard to the end since the last `take`. */
  private heard: string[] = [];
  private paused = false;

  constructor(
    private readonly transport: VoiceTransport,
    /** Called as each sentence's first frame goes out. */
    private readonly onSentence: () => void = () => {},
  ) {
    PACER.add(this);
  }

  get speaking(): boolean {
    return this.queue.length > 0;
  }

  enqueue(text: string, frames: Int16Array[], onStart?: () => void): void {
    if (frames.length === 0) return;
    if (this.queue.length === 0) {
      this.startedAt = performance.now();
      this.sent = 0;
    }
    this.queue.push({ text, frames, next: 0, onStart });
    // The first frame goes now, not at the next tick: every millisecond counts toward the reply.
    this.tick(performance.now());
  }

  /**
   * Holds the audio where it is (the caller began to speak over it): no sound is sent until `resume`,
   * which goes on from the next unsent frame, or `stop`. Silence (the pause between two sentences)
   * still plays, so a pause that falls between sentences does not lengthen the gap.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.startedAt = performance.now();
    this.sent = 0;
    this.tick(this.startedAt);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Sends the frames whose time has come. */
  tick(now: number): void {
    let due = Math.floor((now - this.startedAt) / 20) + 1 - this.sent;
    while (due > 0 && this.queue.length > 0) {
      const head = this.queue[0] as Queued;
      if (this.paused && !silent(head.frames[head.next] as Int16Array)) break;
      if (head.next === 0) {
        this.onSentence();
        head.onStart?.();
      }
      this.transport.play(head.frames[head.next] as Int16Array);
      head.next++;
      this.sent++;
      due--;
      if (head.next >= head.frames.length) {
        this.heard.push(head.text);
        this.queue.shift();
      }
    }
    // Nothing left to hold: the next reply plays.
    if (this.queue.length === 0) this.paused = false;
    if (this.queue.length === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves when everything queued has been played (or stopped). */
  idle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Barge-in: stops now. Returns what was heard and what was never spoken. */
  stop(): { heard: string; unheard: string } {
    const partial = this.queue[0];
    const heard = [...this.heard];
    const unheard: string[] = [];
    if (partial && partial.next > 0) {
      // The sentence was cut: its words are split by the share of its audio played.
      const words = partial.text.split(" ");
      const cut = Math.round((words.length * partial.next) / partial.frames.length);
      heard.push(words.slice(0, cut).join(" "));
      unheard.push(words.slice(cut).join(" "));
    } else if (partial) unheard.push(partial.text);
    for (const q of this.queue.slice(1)) unheard.push(q.text);
    this.queue = [];
    this.heard = [];
    this.paused = false;
    this.tick(performance.now());
    return { heard: heard.join(" ").trim(), unheard: unheard.join(" ").trim() };
  }

  /** Forgets the sentences heard so far (a new reply starts). */
  takeHeard(): string[] {
    const heard = this.heard;
    this.heard = [];
    return heard;
  }

  close(): void {
    this.queue = [];
    this.paused = false;
    this.tick(performance.now());
    PACER.delete(this);
  }
}

/** Below this a frame is silence (rendered speech is trimmed to start and end near zero). */
function silent(frame: Int16Array): boolean {
  for (const v of frame) if (v > 64 || v < -64) return false;
  return true;
}

interface Ticking {
  tick(now: number): void;
}

/** One timer for every call's playback (and the sessions' silence clocks). */
class Pacer {
  private readonly players = new Set<Ticking>();
  private timer: NodeJS.Timeout | null = null;

  add(player: Ticking): void {
    this.players.add(player);
    if (!this.timer) {
      this.timer = setInterval(() => {
        const now = performance.now();
        for (const p of this.players) p.tick(now);
      }, 10);
      this.timer.unref();
    }
  }

  delete(player: Ticking): void {
    this.players.delete(player);
    if (this.players.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

export const PACER = new Pacer();
