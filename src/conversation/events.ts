import type { AgentEvent } from "../agent/events.ts";

/**
 * A conversation is an append-only log of these events: what the agent recorded, and the
 * conversation's own (started, and later transfers and desk replies).
 */
export type ConversationEvent =
  | AgentEvent
  | {
      type: "conversation_started";
      channel: string;
      locale: string;
      language: string;
      agentId: string;
      agentVersion: string;
    };

export type ConversationEventType = ConversationEvent["type"];

export interface StoredEvent {
  seq: number;
  at: string;
  event: ConversationEvent;
}
