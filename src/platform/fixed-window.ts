import { SwitchboardError } from "./errors.ts";

/**
 * Counts per key in fixed one-minute windows and refuses past the limit: for limits that are not one
 * HTTP route's (messages of a conversation on any channel, conversations started over a WebSocket).
 * In memory, per process; bounded, so a flood of keys cannot grow it without end.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number | undefined,
    private readonly refusal: (limit: number) => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one for the key; throws rate_limited past the limit (no limit when unset). */
  admit(key: string): void {
    const limit = this.perMinute;
    if (!limit) return;
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 100_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    window.count++;
    if (window.count > limit) throw new SwitchboardError("rate_limited", this.refusal(limit));
  }
}
