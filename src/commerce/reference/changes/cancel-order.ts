import { ok, refuse } from "../../changes.ts";
import type { PaymentMethod } from "../../types.ts";
import {
  appendTransactions,
  type ChangeHandler,
  findOrder,
  logChange,
  movementTiming,
  netPaidByMethod,
  previewLine,
  touchOrder,
} from "./common.ts";

/** Cancel before shipment: every payment method gets back what it net paid. */
export const cancelOrder: ChangeHandler<"cancel_order"> = {
  subject: (change) => ({ table: "oms_orders", id: change.orderId }),

  async preview(ctx, change) {
    const found = await findOrder(ctx, change.orderId);
    if (!found.ok) return found;
    const { order, customer } = found.value;
    if (order.status !== "pending") {
      return refuse("invalid_state", `Order ${order.id} is ${order.status} and can no longer be cancelled`, {
        status: order.status,
      });
    }
    const reason = change.reason.trim();
    if (reason === "" || reason.length > 200)
      return refuse("invalid_input", "A cancellation reason of 1-200 characters is needed");
    const movements = [];
    for (const paid of netPaidByMethod(order)) {
      const method = customer.paymentMethods.find((m) => m.id === paid.paymentMethodId);
      const timing = method ? movementTiming(method, "refund") : "business_days";
      movements.push({
        direction: "refund" as const,
        amountMinor: paid.amountMinor,
        currency: order.currency,
        paymentMethodId: paid.paymentMethodId,
        timing,
      });
    }
    return ok({
      change,
      customerId: customer.id,
      order,
      customer,
      currency: order.currency,
      lines: order.items.map(previewLine),
      movements,
      amountMinor: movements.reduce((sum, m) => sum + m.amountMinor, 0),
    });
  },

  async apply(ctx, change, preview, actor) {
    const order = preview.order;
    const customer = preview.customer;
    if (!order || !customer) throw new Error("cancel preview without order");
    const refunds = preview.movements.map((m) => ({
      kind: "refund" as const,
      amountMinor: m.amountMinor,
      method:
        customer.paymentMethods.find((p) => p.id === m.paymentMethodId) ??
        detachedMethod(m.paymentMethodId, order.currency),
      reason: "cancel" as const,
    }));
    await appendTransactions(ctx, order, refunds);
    const now = ctx.clock.now().toISOString();
    await ctx.db
      .updateTable("oms_orders")
      .set({ status: "cancelled", cancelled_at: now, cancel_reason: change.reason.trim() })
      .where("id", "=", order.id)
      .execute();
    await touchOrder(ctx, order.id);
    await logChange(
      ctx,
      { type: "order", id: order.id },
      "cancel",
      { status: order.status },
      { status: "cancelled", reason: change.reason.trim() },
      actor,
    );
    return {};
  },
};

/**
 * A payment method removed from the profile since the order was paid still receives its refund,
 * through the payment provider (never as an instant balance, since there is no card left to credit).
 */
function detachedMethod(id: string, currency: string): PaymentMethod {
  return { id, kind: id.startsWith("paypal") ? "paypal" : "credit_card", currency };
}
