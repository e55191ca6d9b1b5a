import { ok, refuse } from "../../changes.ts";
import {
  appendTransactions,
  type ChangeHandler,
  coversCharge,
  findOrder,
  findPaymentMethod,
  logChange,
  movementTiming,
  priceDifference,
  resolveSwaps,
  touchOrder,
} from "./common.ts";

/**
 * Swap items of a pending order for other variants of the same products. The price difference is
 * settled on the chosen method, and the settlement is recorded even when it is zero, so the order's
 * payment history shows that the edit was priced.
 */
export const modifyItems: ChangeHandler<"modify_items"> = {
  subject: (change) => ({ table: "oms_orders", id: change.orderId }),

  async preview(ctx, change) {
    const found = await findOrder(ctx, change.orderId);
    if (!found.ok) return found;
    const { order, customer } = found.value;
    if (order.status !== "pending") {
      return refuse("invalid_state", `Order ${order.id} is ${order.status}; its items can no longer change`, {
        status: order.status,
      });
    }
    const lines = await resolveSwaps(ctx, order, change.items);
    if (!lines.ok) return lines;
    const method = findPaymentMethod(customer, change.paymentMethodId);
    if (!method.ok) return method;
    const difference = priceDifference(lines.value);
    if (!coversCharge(method.value, difference)) {
      return refuse("insufficient_balance", "The gift card balance does not cover the price difference", {
        balanceMinor: method.value.balanceMinor ?? 0,
        neededMinor: difference,
      });
    }
    const direction = difference > 0 ? "charge" : "refund";
    return ok({
      change,
      customerId: customer.id,
      order,
      customer,
      currency: order.currency,
      lines: lines.value,
      movements: [
        {
          direction,
          amountMinor: Math.abs(difference),
          currency: order.currency,
          paymentMethodId: method.value.id,
          timing: movementTiming(method.value, direction),
        },
      ],
      amountMinor: difference,
      paymentMethod: method.value,
    });
  },

  async apply(ctx, _change, preview, actor) {
    const { order, paymentMethod } = preview;
    if (!order || !paymentMethod) throw new Error("items preview incomplete");
    await appendTransactions(ctx, order, [
      {
        kind: preview.amountMinor > 0 ? "payment" : "refund",
        amountMinor: Math.abs(preview.amountMinor),
        method: paymentMethod,
        reason: "item_change",
      },
    ]);
    for (const line of preview.lines) {
      await ctx.db
        .updateTable("oms_order_items")
        .set({
          variant_id: line.newVariantId ?? line.variantId,
          options: JSON.stringify(line.newOptions ?? line.options),
          unit_price_minor: line.newUnitPriceMinor ?? line.unitPriceMinor,
        })
        .where("id", "=", line.lineId)
        .execute();
    }
    await ctx.db
      .updateTable("oms_orders")
      .set({ items_modified_at: ctx.clock.now().toISOString() })
      .where("id", "=", order.id)
      .execute();
    await touchOrder(ctx, order.id);
    await logChange(
      ctx,
      { type: "order", id: order.id },
      "items",
      preview.lines.map((l) => ({
        lineId: l.lineId,
        variantId: l.variantId,
        unitPriceMinor: l.unitPriceMinor,
      })),
      preview.lines.map((l) => ({
        lineId: l.lineId,
        variantId: l.newVariantId,
        unitPriceMinor: l.newUnitPriceMinor,
      })),
      actor,
    );
    return {};
  },
};
