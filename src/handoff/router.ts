import { EventEmitter } from "node:events";
import type { DeskAgent, DeskAgents } from "./agents.ts";
import type { Handoff, HandoffQueue } from "./queue.ts";

/** What the desk hears about, live: offers to a person, and queue changes for the floor. */
export type DeskEvent =
  | { type: "offered"; conversationId: string; userId: string }
  | { type: "offer_expired"; conversationId: string; userId: string }
  | { type: "queued"; conversationId: string; queue: string }
  | { type: "assigned"; conversationId: string; userId: string }
  | { type: "closed"; conversationId: string; userId: string; wrapUp: string }
  | { type: "customer_message"; conversationId: string; text: string }
  | { type: "presence"; userId: string; presence: string };

/**
 * Matches waiting conversations to people: highest priority first, to someone available who speaks
 * the customer's language and has room (several chats, one call). An offer not taken in time goes
 * back in line with a typed reason, and the person who missed it is set away.
 */
export class HandoffRouter {
  readonly events = new EventEmitter<{ desk: [DeskEvent] }>();

  constructor(
    private readonly queue: HandoffQueue,
    private readonly agents: DeskAgents,
    private readonly options: { offerTimeoutMs: number },
  ) {
    this.events.setMaxListeners(0);
  }

  private timer: NodeJS.Timeout | null = null;

  /** Routes every few seconds (offers time out, people come back): the server starts this. */
  schedule(everyMs = 5_000, onError: (error: unknown) => void = () => {}): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.route().catch(onError);
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  emit(event: DeskEvent): void {
    this.events.emit("desk", event);
  }

  /** Room left per person for a conversation on this channel. */
  private room(agent: DeskAgent, open: Handoff[], channel: string): number {
    const mine = open.filter(
      (h) =>
        (h.status === "assigned" && h.assignedTo === agent.userId) ||
        (h.status === "offered" && h.offeredTo === agent.userId),
    );
    const calls = mine.filter((h) => h.channel === "voice").length;
    const chats = mine.length - calls;
    if (channel === "voice") return calls === 0 && chats === 0 ? agent.maxCalls - calls : 0;
    return calls > 0 ? 0 : agent.maxChats - chats;
  }

  /** One routing pass: expire stale offers, then offer what waits to whoever can take it. */
  async route(): Promise<void> {
    for (const missed of await this.queue.expireOffers(this.options.offerTimeoutMs)) {
      const agent = await this.agents.get(missed.userId);
      if (agent && agent.presence === "available")
        await this.agents.set(agent.userId, { displayName: agent.displayName, presence: "away" });
      this.emit({ type: "offer_expired", ...missed });
      this.emit({ type: "presence", userId: missed.userId, presence: "away" });
    }
    const open = await this.queue.open();
    const available = (await this.agents.list()).filter((a) => a.presence === "available");
    for (const handoff of open.filter((h) => h.status === "waiting")) {
      const candidates = available
        .filter((a) => a.languages.includes(handoff.language))
        .map((a) => ({ agent: a, room: this.room(a, open, handoff.channel) }))
        .filter((c) => c.room > 0)
        // The least loaded first, so work spreads across the floor.
        .sort((x, y) => y.room - x.room);
      const chosen = candidates[0]?.agent;
      if (!chosen) continue;
      if (await this.queue.offer(handoff.conversationId, chosen.userId)) {
        const offered: Handoff = { ...handoff, status: "offered", offeredTo: chosen.userId };
        open.splice(open.indexOf(handoff), 1, offered);
        this.emit({ type: "offered", conversationId: handoff.conversationId, userId: chosen.userId });
      }
    }
  }

  /**
   * Minutes a new conversation in this queue can expect to wait: none when someone can take it now;
   * otherwise its place in line times a typical handling time, shared among the people on shift.
   */
  async estimatedWaitMinutes(language: string, channel: string, handlingMinutes = 6): Promise<number> {
    const open = await this.queue.open();
    const onShift = (await this.agents.list()).filter(
      (a) => a.languages.includes(language) && (a.presence === "available" || a.presence === "busy"),
    );
    if (onShift.some((a) => a.presence === "available" && this.room(a, open, channel) > 0)) return 0;
    const ahead = open.filter((h) => h.status === "waiting" && h.language === language).length;
    const servers = Math.max(
      1,
      onShift.reduce((n, a) => n + (channel === "voice" ? a.maxCalls : a.maxChats), 0),
    );
    return Math.max(1, Math.ceil(((ahead + 1) * handlingMinutes) / servers));
  }

  /** Whether anyone at all could take this conversation soon (on shift, speaking the language). */
  async anyoneOnShift(language: string): Promise<boolean> {
    return (await this.agents.list()).some(
      (a) => a.languages.includes(language) && (a.presence === "available" || a.presence === "busy"),
    );
  }
}
