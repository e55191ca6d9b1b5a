import type { Order } from "../../commerce/index.ts";
import type { Decision, PolicyAction } from "../../policy/index.ts";
import type { Turn } from "../dialogue/turn.ts";
import { orderFacts } from "../tools/index.ts";

/**
 * Asks the policy about the order alone, before any details are gathered, so a customer whose order
 * cannot be returned or cancelled hears why at once instead of after five questions. The change itself
 * is decided again, in full, when it is proposed.
 */
export async function orderEligibility(turn: Turn, action: PolicyAction, order: Order): Promise<Decision> {
  const customer = turn.state.customer;
  const decision = await turn.services.policy.decide(action, {
    conversation: {
      identityVerified: customer !== null,
      verifiedCustomerId: customer?.id ?? null,
      ownsSubject: customer?.id === order.customerId,
      confirmed: true,
      channel: turn.channel,
    },
    order: orderFacts(order, turn.now()),
    request: { kind: action },
  });
  return decision;
}

/** Reasons that depend only on the order (state, window), not on details still to be asked. */
export const ORDER_LEVEL_REASONS = new Set([
  "order_not_delivered",
  "order_not_pending",
  "order_already_shipped",
  "items_already_modified",
  "return_or_exchange_done",
  "return_window_expired",
  "not_your_order",
  "identity_not_verified",
]);

export function orderLevelDenial(decision: Decision, turn?: Turn): Decision | null {
  const reasons = decision.reasons.filter((r) => ORDER_LEVEL_REASONS.has(r.code));
  if (reasons.length === 0) return null;
  const denial = { ...decision, allowed: false, reasons };
  turn?.recordDecision(denial);
  return denial;
}
