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
    }
  /** A person at the desk wrote to the customer. */
  | { type: "human_message"; author: string; text: string }
  /** A person's note for colleagues; the customer never sees it. */
  | { type: "desk_note"; author: string; text: string }
  | { type: "desk_assigned"; author: string }
  | { type: "desk_closed"; author: string; wrapUp: string }
  /** The person gave the conversation back to the agent. */
  | { type: "handed_back"; author: string }
  | { type: "callback_requested" };

export type ConversationEventType = ConversationEvent["type"];

export interface StoredEvent {
  seq: number;
  at: string;
  event: ConversationEvent;
}
