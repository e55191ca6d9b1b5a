import type { VerificationMethod } from "../../agent/index.ts";

/** The readable (unsealed) columns of a conversation row that analytics groups and links by. */
export interface ConversationFacts {
  id: string;
  channel: string;
  /** The conversation's language after its last turn. */
  language: string;
  agentVersion: string;
  /** The verified customer; null when nobody was verified, or after erasure or retention. */
  customerId: string | null;
  /** When the conversation was opened (ISO 8601, UTC): it decides the period and the day. */
  createdAt: string;
}

/** One logged event as analytics reads it: its time and its fields, whatever its type. */
export interface LoggedEvent {
  at: string;
  event: { type: string };
}

/**
 * What the voice session appends for each caller turn (src/voice/session): `latencyMs` is the time
 * from the end of the caller's speech to the first audio of the agent's reply. Without calls,
 * latency percentiles are null.
 */
export interface VoiceTurnTiming {
  type: typeof VOICE_TURN_TIMING;
  latencyMs: number;
}
export const VOICE_TURN_TIMING = "voice_turn_timing";

/** Skills that serve the conversation rather than a customer's request: not intents. */
const NOT_INTENTS = new Set(["identify", "handoff", "goodbye"]);
/** A task's outcomes that count as resolved: a change made, a link sent, or the question answered. */
const RESOLVED_OUTCOMES = new Set(["resolved", "answered"]);
/** Verification that started from an order number the customer gave. */
export const ORDER_NUMBER_METHODS: ReadonlySet<string> = new Set<VerificationMethod>([
  "order_and_email",
  "order_and_postal_code",
  "order_and_phone",
]);
/** What a field reads as once the customer's erasure shredded the payload (only the type is left). */
const UNKNOWN = "unknown";

export type Outcome = "contained" | "escalated" | "unresolved";

/** One conversation reduced to the facts the metrics count. */
export interface ConversationSummary extends ConversationFacts {
  /** UTC day of `createdAt`, YYYY-MM-DD. */
  day: string;
  /** A contact: the customer wrote at least once. Opened-and-left conversations are not contacts. */
  contact: boolean;
  /** The transcript is gone (retention): no event left, so nothing can be said about it. */
  purged: boolean;
  /** Null when not a contact. */
  outcome: Outcome | null;
  customerMessages: number;
  /** Reason of the agent's handoff to a person; null when it kept the conversation. */
  escalation: string | null;
  /** Tasks started and resolved, by intent (the skill the request started). */
  tasks: Record<string, { started: number; resolved: number }>;
  resolvedTasks: number;
  /** Seconds from opening to the handoff (escalated) or to the last event; null when not a contact. */
  handlingSeconds: number | null;
  /** How the customer was verified (the first verification); null when not verified. */
  verification: string | null;
  /** The invoice skill ran (a collections contact). */
  invoiceContact: boolean;
  /** A promise to pay was recorded against an invoice. */
  promiseToPay: boolean;
  /** The agent said one of its cross-sell offers. */
  crossSellOffer: boolean;
  /** One latency per voice turn measured. */
  voiceLatenciesMs: number[];
}

function text(event: { type: string }, field: string): string {
  const value = (event as Record<string, unknown>)[field];
  return typeof value === "string" ? value : UNKNOWN;
}

/**
 * Reduces a conversation and its event log (oldest first) to what the metrics count. Pure: the same
 * log always gives the same summary. `crossSellKeys` are the message keys of the agent's cross-sell
 * offers (agent.yaml `crossSell[].message`).
 */
export function summarize(
  conversation: ConversationFacts,
  events: readonly LoggedEvent[],
  crossSellKeys: ReadonlySet<string>,
): ConversationSummary {
  const tasks: ConversationSummary["tasks"] = {};
  let customerMessages = 0;
  let escalation: string | null = null;
  let escalatedAt: string | null = null;
  let verification: string | null = null;
  let invoiceContact = false;
  let promiseToPay = false;
  let crossSellOffer = false;
  const voiceLatenciesMs: number[] = [];
  for (const { at, event } of events) {
    switch (event.type) {
      case "customer_message":
        customerMessages++;
        break;
      case "skill_started": {
        const skill = text(event, "skill");
        if (skill === "invoice") invoiceContact = true;
        if (NOT_INTENTS.has(skill)) break;
        tasks[skill] ??= { started: 0, resolved: 0 };
        tasks[skill].started++;
        break;
      }
      case "skill_completed": {
        const skill = text(event, "skill");
        if (NOT_INTENTS.has(skill) || !RESOLVED_OUTCOMES.has(text(event, "outcome"))) break;
        tasks[skill] ??= { started: 0, resolved: 0 };
        tasks[skill].resolved++;
        break;
      }
      case "handoff":
        if (escalation === null) [escalation, escalatedAt] = [text(event, "reason"), at];
        break;
      case "identity_verified":
        verification ??= text(event, "method");
        break;
      case "change_applied":
        if (text(event, "action") === "promise_to_pay") promiseToPay = true;
        break;
      case "agent_message":
        if (crossSellKeys.has(text(event, "key"))) crossSellOffer = true;
        break;
      case VOICE_TURN_TIMING: {
        const latency = (event as Partial<VoiceTurnTiming>).latencyMs;
        if (typeof latency === "number" && Number.isFinite(latency) && latency >= 0)
          voiceLatenciesMs.push(latency);
        break;
      }
    }
  }
  const contact = customerMessages > 0;
  const resolvedTasks = Object.values(tasks).reduce((n, t) => n + t.resolved, 0);
  const last = escalatedAt ?? events.at(-1)?.at;
  return {
    ...conversation,
    day: conversation.createdAt.slice(0, 10),
    contact,
    purged: events.length === 0,
    outcome: !contact
      ? null
      : escalation !== null
        ? "escalated"
        : resolvedTasks > 0
          ? "contained"
          : "unresolved",
    customerMessages,
    escalation,
    tasks,
    resolvedTasks,
    handlingSeconds:
      contact && last ? Math.max(0, (Date.parse(last) - Date.parse(conversation.createdAt)) / 1000) : null,
    verification,
    invoiceContact,
    promiseToPay,
    crossSellOffer,
    voiceLatenciesMs,
  };
}
