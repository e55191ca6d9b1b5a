/**
 * Calls whose stream we ended to hand them to a person, by CallSid, until the carrier asks the
 * webhook what comes after the stream (within a second or two; an entry older than `ttlMs` is a call
 * that hung up meanwhile). Kept in this process: behind a load balancer the carrier's request must
 * reach the node that served the stream, or the call is hung up instead of transferred.
 */
export class PendingTransfers {
  private readonly calls = new Map<string, { conversationId: string; at: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(callSid: string, conversationId: string): void {
    this.prune();
    this.calls.set(callSid, { conversationId, at: this.now() });
  }

  /** The conversation a call is being transferred with, once. */
  take(callSid: string): string | null {
    this.prune();
    const entry = this.calls.get(callSid);
    this.calls.delete(callSid);
    return entry?.conversationId ?? null;
  }

  private prune(): void {
    const oldest = this.now() - this.ttlMs;
    for (const [sid, entry] of this.calls) if (entry.at < oldest) this.calls.delete(sid);
  }
}
