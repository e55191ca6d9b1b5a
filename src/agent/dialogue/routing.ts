import type { Intent } from "../understanding/types.ts";
import type { SkillName } from "./state.ts";

/** Which skill serves which intent; intents not listed are handled by the engine itself. */
export const INTENT_SKILL: Partial<Record<Intent, SkillName>> = {
  order_status: "order_status",
  delivery_time: "order_status",
  return: "return",
  exchange: "exchange",
  refund_status: "refund_status",
  cancel: "cancel",
  change_address: "change_address",
  change_payment: "change_payment",
  change_items: "change_items",
  invoice_payment: "invoice",
  product_question: "product_question",
  policy_question: "policy_question",
  complaint: "complaint",
  human_agent: "handoff",
  goodbye: "goodbye",
};

/** Below this an intent is a guess: a task is not started on it. */
export const MIN_INTENT_CONFIDENCE = 0.5;
/** A new task interrupts an open question only when the classifier is this sure. */
export const DIGRESSION_CONFIDENCE = 0.75;
/** ...and a question answered in free words (a reason) only when it is all but certain. */
export const FREE_TEXT_DIGRESSION_CONFIDENCE = 0.97;

/** An intent lower than the bar still counts when it clearly leads the runner-up (long, detailed messages spread the probability). */
const CLEAR_LEAD_MIN = 0.3;
const CLEAR_LEAD_RATIO = 1.8;

export function intentIsClear(u: {
  confidence: number;
  alternatives: Array<{ confidence: number }>;
}): boolean {
  if (u.confidence >= MIN_INTENT_CONFIDENCE) return true;
  const second = u.alternatives[0]?.confidence ?? 0;
  return u.confidence >= CLEAR_LEAD_MIN && u.confidence >= CLEAR_LEAD_RATIO * second;
}

/** Words beyond which a message carrying the awaited detail is a new request, not just the answer. */
export const ANSWER_MAX_WORDS = 4;

const CLOSINGS = new Set<Intent>(["thanks", "goodbye"]);

/**
 * "Okay thanks, bye" splits the classifier between thanks and goodbye, often with neither sure enough
 * to act on: the two are one closing, so when they lead together they count as the leader with their
 * combined confidence (a goodbye ends the call; thanks is answered "anything else?").
 */
export function mergeClosings<
  U extends {
    intent: Intent;
    confidence: number;
    alternatives: Array<{ intent: Intent; confidence: number }>;
  },
>(u: U): U {
  const second = u.alternatives[0];
  if (!second || !CLOSINGS.has(u.intent) || !CLOSINGS.has(second.intent) || u.intent === second.intent)
    return u;
  if (u.confidence >= MIN_INTENT_CONFIDENCE) return u;
  return { ...u, confidence: u.confidence + second.confidence, alternatives: u.alternatives.slice(1) };
}
