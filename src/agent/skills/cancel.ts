import type { CommerceChange } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { money, order as orderParam, sentences, text } from "../responses/params.ts";
import { explainDenial, itemsParam, methodOf } from "./common.ts";
import { confirmThenApply } from "./confirm.ts";
import { orderEligibility, orderLevelDenial } from "./eligibility.ts";
import { chooseOrder, isStep } from "./order-choice.ts";
import type { Skill } from "./types.ts";

/** "By mistake" in the six languages; everything else a customer says reads as "no longer needed". */
const MISTAKE =
  /mistake|accident|wrong(ly)? ordered|by error|versehen|irrtum|falsch bestellt|erreur|par inadvertance|error|equivoc|sbaglio|errore|per sbaglio|vergissing|per ongeluk|verkeerd besteld/i;

/**
 * The reason recorded with a cancellation. A pack that lists allowed reasons (tau-retail) gets one of
 * them; the customer's own words are kept in the conversation either way.
 */
export function cancelReason(said: string, allowed: unknown): string {
  const reason = MISTAKE.test(said) ? "ordered by mistake" : "no longer needed";
  if (Array.isArray(allowed) && allowed.length > 0 && !allowed.includes(reason)) return String(allowed[0]);
  return reason;
}

/** Cancels a pending order and says where the money goes and when. */
export const cancel: Skill = {
  name: "cancel",
  requiresCustomer: true,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    const chosen = await chooseOrder(turn, frame, {
      candidates: (o) => o.status === "pending",
      noneKey: "cancel.no_orders",
    });
    if (isStep(chosen)) return chosen;
    const order = chosen;
    const early = orderLevelDenial(await orderEligibility(turn, "cancel_order", order), turn);
    if (early) return explainDenial(turn, early, "cancel.denied");

    if (typeof frame.slots.reason !== "string") {
      if (turn.isAnswer(frame, "reason") && turn.understanding) {
        frame.slots.reason = cancelReason(
          turn.understanding.text,
          turn.services.policy.settings().cancelReasons,
        );
        frame.slots.reasonSaid = turn.understanding.text.slice(0, 200);
      } else {
        return turn.ask(frame, "reason", "cancel.ask_reason", { order: orderParam(order.id) });
      }
    }
    const customer = await turn.services.connector.getCustomer(order.customerId);
    const change: CommerceChange = {
      kind: "cancel_order",
      orderId: order.id,
      reason: String(frame.slots.reason),
    };
    return confirmThenApply(turn, frame, {
      change,
      confirmKey: "cancel.confirm",
      confirmParams: (p) => ({
        order: orderParam(order.id),
        items: itemsParam(order),
        refunds: refundsParam(p.preview.movements, customer ?? undefined),
      }),
      declinedKey: "cancel.declined",
      deniedKey: "cancel.denied",
      applied: (_outcome, p) => {
        turn.say("cancel.done", {
          order: orderParam(order.id),
          refunds: refundsParam(p.preview.movements, customer ?? undefined),
        });
        turn.state.resolved.push({ skill: "cancel", key: "summary.cancel", params: { order: order.id } });
        return { kind: "done", outcome: "resolved" };
      },
    });
  },
};

function refundsParam(
  movements: Array<{ amountMinor: number; currency: string; paymentMethodId: string; timing: string }>,
  customer: Parameters<typeof methodOf>[0],
) {
  if (movements.length === 0) return text("refund.nothing_paid");
  return sentences(
    movements.map((m) =>
      text(`refund.to_${m.timing}`, {
        amount: money(m.amountMinor, m.currency),
        method: methodOf(customer, m.paymentMethodId),
      }),
    ),
  );
}
