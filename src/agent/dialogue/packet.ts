import type { Order } from "../../commerce/index.ts";
import type { AgentEvent } from "../events.ts";
import { sentimentTrend } from "../understanding/sentiment/index.ts";
import type { DialogueState } from "./state.ts";
import type { Turn } from "./turn.ts";

/**
 * Everything a person taking over needs so the customer never repeats themselves: who they are and
 * how that was checked, their recent orders, what the agent tried and decided, and why it escalated.
 */
export interface EscalationPacket {
  conversationId: string;
  reason: string;
  language: string;
  channel: string;
  customer: { id: string; name: string; verifiedBy: string; tier?: string; region?: string } | null;
  orders: Array<{
    id: string;
    status: string;
    placedAt: string;
    items: string[];
    tracking: string[];
    /** What the order's items cost, in minor units of `currency`. */
    valueMinor?: number;
    currency?: string;
  }>;
  tried: Array<{ skill: string; outcome?: string }>;
  decisions: Array<{ action: string; allowed: boolean; reasons: string[] }>;
  sentiment: { last: number; average: number; trend: number };
  suggestedNextStep: string;
}

const NEXT_STEP: Record<string, string> = {
  customer_request: "Greet the customer by name and ask how you can help; the context below is verified.",
  negative_sentiment: "The customer is upset: acknowledge the problem first, then resolve the open request.",
  not_understood:
    "The agent could not understand the request twice: read the transcript and ask one clarifying question.",
  identity_not_verified:
    "Identity could not be verified automatically: verify with another detail before discussing orders.",
  approval_required:
    "A refund above the approval threshold is waiting for your decision: review the proposed change.",
  complaint:
    "The customer has a complaint: listen, apologise, and decide on a goodwill gesture if appropriate.",
  out_of_scope: "The request is outside what the agent can do: handle it directly.",
  internal_error: "The agent hit a technical error: continue the request by hand.",
};

export async function buildPacket(
  turn: Turn,
  reason: string,
  history: AgentEvent[],
): Promise<EscalationPacket> {
  const state: DialogueState = turn.state;
  const connector = turn.services.connector;
  const customer = state.customer ? await connector.getCustomer(state.customer.id) : null;
  const orders: Order[] = customer ? await connector.listOrders(customer.id, { limit: 5 }) : [];
  const events = [...history, ...turn.events];
  const trend = sentimentTrend(state.sentiment);
  return {
    conversationId: turn.conversationId,
    reason,
    language: state.language,
    channel: turn.channel,
    customer: customer
      ? {
          id: customer.id,
          name: `${customer.firstName} ${customer.lastName}`,
          verifiedBy: state.customer?.method ?? "",
          tier: customer.tier,
          region: customer.region,
        }
      : null,
    orders: orders.map((o) => ({
      id: o.id,
      status: o.status,
      placedAt: o.placedAt,
      items: o.items.map((i) => i.name),
      tracking: o.shipments.map((s) => `${s.carrier} ${s.trackingNumber}`),
      valueMinor: o.items.reduce((sum, i) => sum + i.unitPriceMinor, 0),
      currency: o.currency,
    })),
    tried: events
      .filter(
        (e): e is Extract<AgentEvent, { type: "skill_started" | "skill_completed" }> =>
          e.type === "skill_started" || e.type === "skill_completed",
      )
      .map((e) =>
        e.type === "skill_completed" ? { skill: e.skill, outcome: e.outcome } : { skill: e.skill },
      ),
    decisions: events
      .filter((e): e is Extract<AgentEvent, { type: "policy_decision" }> => e.type === "policy_decision")
      .map((e) => ({ action: e.action, allowed: e.allowed, reasons: e.reasons.map((r) => r.message) })),
    sentiment: { last: trend.last, average: trend.average, trend: trend.slope },
    suggestedNextStep: NEXT_STEP[reason] ?? NEXT_STEP.customer_request ?? "",
  };
}
