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
  | { type: "callback_requested" }
  /** A phone or browser call joined the conversation. */
  | { type: "voice_call"; transport: string; caller?: string; codec?: string }
  /**
   * One caller turn on a call, in milliseconds: `latencyMs` from the end of the caller's speech to the
   * agent's first audio, and its parts (waiting for the end of the turn, recognition, the agent, the
   * first sentence's synthesis). `filler` when a holding line played while the agent worked.
   */
  | {
      type: "voice_turn_timing";
      latencyMs: number;
      /** End of speech → the reply's own first words (later than `latencyMs` after a holding line). */
      answerMs?: number;
      endpointMs: number;
      asrMs: number;
      agentMs: number;
      ttsFirstByteMs: number;
      search: string;
      filler: boolean;
    }
  /**
   * The caller interrupted the agent: only `heard` reached them; `unheard` was never spoken. For speech
   * (not a key), how long after the first window of it reached the platform the agent's sound was
   * held (`pausedAfterMs`) and the interruption was decided (`decidedAfterMs`).
   */
  | {
      type: "voice_interrupted";
      heard: string;
      unheard: string;
      pausedAfterMs?: number;
      decidedAfterMs?: number;
    }
  /** The call ended: the caller hung up, the line dropped, or it was transferred. */
  | { type: "voice_call_ended"; reason: string };

export type ConversationEventType = ConversationEvent["type"];

export interface StoredEvent {
  seq: number;
  at: string;
  event: ConversationEvent;
}
