import { ok, refuse } from "../../changes.ts";
import {
  type ChangeHandler,
  coversCharge,
  findOrder,
  findPaymentMethod,
  linesInOpenRequests,
  logChange,
  movementTiming,
  priceDifference,
  resolveSwaps,
  touchOrder,
} from "./common.ts";

/**
 * Exchange delivered items for other variants of the same products. The customer sends the items
 * back; the difference is settled when the replacement ships, so nothing is charged yet.
 */
export const createExchange: ChangeHandler<"create_exchange"> = {
  subject: (change) => ({ table: "oms_orders", id: change.orderId }),

  async preview(ctx, change) {
    const found = await findOrder(ctx, change.orderId);
    if (!found.ok) return found;
    const { order, customer } = found.value;
    if (order.status !== "delivered") {
      return refuse(
        "invalid_state",
        `Order ${order.id} is ${order.status}; only delivered items can be exchanged`,
        {
          status: order.status,
        },
      );
    }
    const taken = linesInOpenRequests(order);
    const busy = change.items.find((s) => taken.has(s.lineId));
    if (busy)
      return refuse("invalid_state", `Item ${busy.lineId} already has a return or exchange open`, {
        lineId: busy.lineId,
      });
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
      movements:
        difference === 0
          ? []
          : [
              {
                direction,
                amountMinor: Math.abs(difference),
                currency: order.currency,
                paymentMethodId: method.value.id,
                timing: direction === "refund" ? "on_receipt" : movementTiming(method.value, direction),
              },
            ],
      amountMinor: difference,
      paymentMethod: method.value,
    });
  },

  async apply(ctx, change, preview, actor) {
    const { order, paymentMethod } = preview;
    if (!order || !paymentMethod) throw new Error("exchange preview incomplete");
    const id = ctx.ids.next("exc");
    await ctx.db
      .insertInto("oms_exchanges")
      .values({
        id,
        order_id: order.id,
        status: "requested",
        payment_method_id: paymentMethod.id,
        price_difference_minor: preview.amountMinor,
        currency: order.currency,
        reason: change.reason ?? null,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    for (const [position, line] of preview.lines.entries()) {
      await ctx.db
        .insertInto("oms_exchange_items")
        .values({
          exchange_id: id,
          position,
          line_id: line.lineId,
          new_variant_id: line.newVariantId ?? line.variantId,
          new_options: JSON.stringify(line.newOptions ?? line.options),
          new_unit_price_minor: line.newUnitPriceMinor ?? line.unitPriceMinor,
        })
        .execute();
    }
    await touchOrder(ctx, order.id);
    await logChange(
      ctx,
      { type: "order", id: order.id },
      "exchange",
      null,
      { exchangeId: id, lines: preview.lines.length },
      actor,
    );
    return { createdId: id };
  },
};
