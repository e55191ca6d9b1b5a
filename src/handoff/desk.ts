import type { EscalationPacket } from "../agent/dialogue/packet.ts";
import type { ConversationService, DeskHooks, KeyedMessage } from "../conversation/index.ts";
import { SwitchboardError } from "../platform/index.ts";
import type { DeskAgent, DeskAgents, Presence } from "./agents.ts";
import type { Handoff, HandoffQueue } from "./queue.ts";
import type { HandoffRouter } from "./router.ts";

/** Wrap-up codes a person closes a conversation with (what happened, for reporting). */
export const WRAP_UP_CODES = [
  "resolved",
  "refund_issued",
  "replacement_sent",
  "escalated_further",
  "callback_scheduled",
  "no_response",
  "duplicate",
  "other",
] as const;
export type WrapUpCode = (typeof WRAP_UP_CODES)[number];

/**
 * The desk's side of a handover: queues what the agent hands over and tells the customer the wait
 * (with a callback when nobody is free), and the operations people use: presence, take, reply,
 * note, hand back, close. Conversation events record each step; the queue survives restarts.
 */
export class HandoffDesk implements DeskHooks {
  constructor(
    readonly queue: HandoffQueue,
    readonly agents: DeskAgents,
    readonly router: HandoffRouter,
    private readonly conversations: ConversationService,
  ) {}

  async handedOff(packet: EscalationPacket): Promise<KeyedMessage[]> {
    const handoff = await this.queue.enqueue(packet);
    this.router.emit({ type: "queued", conversationId: handoff.conversationId, queue: handoff.queue });
    await this.router.route();
    const now = await this.queue.get(packet.conversationId);
    if (now && now.status !== "waiting") return [];
    if (!(await this.router.anyoneOnShift(packet.language))) return [{ key: "handoff.no_one" }];
    const minutes = await this.router.estimatedWaitMinutes(packet.language, packet.channel);
    return [{ key: "handoff.wait", params: { minutes } }];
  }

  async customerMessage(
    conversationId: string,
    text: string,
    yes: boolean | undefined,
  ): Promise<{ replies: KeyedMessage[]; callbackRequested?: boolean }> {
    this.router.emit({ type: "customer_message", conversationId, text });
    const handoff = await this.queue.get(conversationId);
    // Every wait message offers a callback: a yes while still waiting takes it.
    if (handoff?.status === "waiting" && !handoff.callbackRequested && yes === true) {
      await this.queue.requestCallback(conversationId);
      return { replies: [{ key: "handoff.callback_noted" }], callbackRequested: true };
    }
    return { replies: [] };
  }

  async setPresence(
    userId: string,
    input: {
      displayName: string;
      presence: Presence;
      languages?: string[];
      maxChats?: number;
      maxCalls?: number;
    },
  ): Promise<DeskAgent> {
    const agent = await this.agents.set(userId, input);
    this.router.emit({ type: "presence", userId, presence: input.presence });
    if (input.presence === "offline" || input.presence === "away") {
      // Offers waiting on someone who left go back in line at once.
      for (const h of await this.queue.open())
        if (h.status === "offered" && h.offeredTo === userId)
          await this.queue.requeue(
            h.conversationId,
            input.presence === "offline" ? "agent_signed_out" : "agent_away",
          );
    }
    await this.router.route();
    return agent;
  }

  async take(conversationId: string, userId: string): Promise<Handoff> {
    const handoff = await this.queue.accept(conversationId, userId);
    await this.conversations.deskAssigned(conversationId, userId);
    this.router.emit({ type: "assigned", conversationId, userId });
    return handoff;
  }

  private async mine(conversationId: string, userId: string): Promise<Handoff> {
    const handoff = await this.queue.get(conversationId);
    if (handoff?.status !== "assigned" || handoff.assignedTo !== userId)
      throw new SwitchboardError("conflict", `Take conversation ${conversationId} first`);
    return handoff;
  }

  async reply(conversationId: string, userId: string, text: string): Promise<void> {
    await this.mine(conversationId, userId);
    await this.conversations.deskReply(conversationId, userId, text);
  }

  async note(conversationId: string, userId: string, text: string): Promise<void> {
    if (!(await this.queue.get(conversationId)))
      throw new SwitchboardError("not_found", `Conversation ${conversationId} was not handed over`);
    await this.conversations.deskNote(conversationId, userId, text);
  }

  async close(conversationId: string, userId: string, wrapUp: WrapUpCode): Promise<Handoff> {
    await this.mine(conversationId, userId);
    const closed = await this.queue.close(conversationId, userId, wrapUp);
    await this.conversations.deskClose(conversationId, userId, wrapUp);
    this.router.emit({ type: "closed", conversationId, userId, wrapUp });
    await this.router.route();
    return closed;
  }

  async handBack(conversationId: string, userId: string): Promise<void> {
    await this.mine(conversationId, userId);
    await this.queue.handBack(conversationId, userId);
    await this.conversations.handBack(conversationId, userId);
    this.router.emit({ type: "closed", conversationId, userId, wrapUp: "handed_back_to_agent" });
    await this.router.route();
  }
}
