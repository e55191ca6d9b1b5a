/**
 * What the agent records about a turn. The conversation log stores these (with the events of its own),
 * and transcripts, the desk's context, analytics, audit and replay all read from it.
 */
export type AgentEvent =
  | { type: "customer_message"; text: string }
  | { type: "agent_message"; text: string; key: string }
  | {
      type: "interpretation";
      language: string;
      intent: string;
      confidence: number;
      entities: Array<{ type: string; value: unknown }>;
      sentiment: number;
    }
  | { type: "skill_started"; skill: string; digression: boolean }
  | { type: "skill_completed"; skill: string; outcome: string }
  | { type: "tool_called"; tool: string; args: unknown }
  | { type: "tool_result"; tool: string; ok: boolean; code?: string }
  | { type: "identity_verified"; customerId: string; method: string }
  | { type: "identity_failed"; method: string }
  | {
      type: "policy_decision";
      action: string;
      allowed: boolean;
      reasons: Array<{ code: string; message: string }>;
      obligations: unknown;
      pack: string;
    }
  | { type: "confirmation_requested"; digest: string; action: string }
  | { type: "confirmation_given"; digest: string }
  | { type: "confirmation_declined"; digest: string }
  | { type: "change_applied"; action: string; subject: string; createdId?: string; rmaNumber?: string }
  | { type: "change_refused"; action: string; code: string }
  | { type: "handoff"; reason: string; packet: unknown }
  | { type: "conversation_ended"; reason: string }
  /** Keys the caller pressed on the phone's keypad (0: a person, as on every phone line). */
  | { type: "keys_pressed"; keys: string };
