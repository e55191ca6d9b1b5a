import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { code, date, money, order as orderParam, text } from "../responses/params.ts";
import { methodOf } from "./common.ts";
import { chooseOrder, isStep } from "./order-choice.ts";
import type { Skill } from "./types.ts";

/** Where the money is: each refund of an order with its destination, status and expected date. */
export const refundStatus: Skill = {
  name: "refund_status",
  requiresCustomer: true,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    const chosen = await chooseOrder(turn, frame, {
      candidates: (o) => o.transactions.some((t) => t.kind === "refund") || o.returns.length > 0,
      noneKey: "refund.no_orders",
    });
    if (isStep(chosen)) return chosen;
    const order = chosen;
    const customer = await turn.services.connector.getCustomer(order.customerId);
    const refunds = order.transactions.filter((t) => t.kind === "refund" && t.amountMinor > 0);
    const pendingReturns = order.returns.filter((r) =>
      ["requested", "in_transit", "received"].includes(r.status),
    );
    if (refunds.length === 0 && pendingReturns.length === 0) {
      turn.say("refund.none", { order: orderParam(order.id) });
      return { kind: "done", outcome: "answered" };
    }
    for (const refund of refunds) {
      const params = {
        order: orderParam(order.id),
        amount: money(refund.amountMinor, refund.currency),
        method: methodOf(customer ?? undefined, refund.paymentMethodId),
        date: date(refund.createdAt),
        expected: date(refund.expectedAt ?? refund.createdAt),
      };
      turn.say(
        refund.status === "succeeded"
          ? "refund.paid"
          : refund.status === "pending"
            ? "refund.on_its_way"
            : "refund.failed",
        params,
      );
    }
    for (const ret of pendingReturns) {
      turn.say("refund.waiting_for_return", {
        rma: code(ret.rmaNumber),
        status: text(`return_status.${ret.status}`),
        amount: money(ret.refundAmountMinor, ret.currency),
        method: methodOf(customer ?? undefined, ret.refundMethodId),
      });
    }
    turn.state.resolved.push({ skill: "refund_status", key: "summary.refund", params: { order: order.id } });
    return { kind: "done", outcome: "answered" };
  },
};
