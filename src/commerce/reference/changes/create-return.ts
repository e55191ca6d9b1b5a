import { ok, refuse } from "../../changes.ts";
import { RETURN_CARRIER } from "../seed/geography.ts";
import {
  type ChangeHandler,
  findLines,
  findOrder,
  findPaymentMethod,
  linesInOpenRequests,
  logChange,
  previewLine,
  touchOrder,
} from "./common.ts";

/**
 * Request a return of delivered items: an RMA and a label now, the refund once the parcel is
 * received (the amount less any fee the policy set).
 */
export const createReturn: ChangeHandler<"create_return"> = {
  subject: (change) => ({ table: "oms_orders", id: change.orderId }),

  async preview(ctx, change) {
    const found = await findOrder(ctx, change.orderId);
    if (!found.ok) return found;
    const { order, customer } = found.value;
    if (order.status !== "delivered") {
      return refuse(
        "invalid_state",
        `Order ${order.id} is ${order.status}; only delivered items can be returned`,
        {
          status: order.status,
        },
      );
    }
    const method = findPaymentMethod(customer, change.refundMethodId);
    if (!method.ok) return method;
    const lines = findLines(order, change.lineIds);
    if (!lines.ok) return lines;
    const taken = linesInOpenRequests(order);
    const busy = change.lineIds.find((id) => taken.has(id));
    if (busy)
      return refuse("invalid_state", `Item ${busy} already has a return or exchange open`, { lineId: busy });
    const gross = lines.value.reduce((sum, l) => sum + l.unitPriceMinor, 0);
    const fee = change.feeMinor ?? 0;
    if (!Number.isSafeInteger(fee) || fee < 0 || fee > gross)
      return refuse("invalid_input", "The fee must be between zero and the items' value");
    const unknownOpened = (change.opened ?? []).find((id) => !change.lineIds.includes(id));
    if (unknownOpened)
      return refuse("invalid_input", `Item ${unknownOpened} is marked opened but is not being returned`);
    return ok({
      change,
      customerId: customer.id,
      order,
      customer,
      currency: order.currency,
      lines: lines.value.map(previewLine),
      movements: [
        {
          direction: "refund",
          amountMinor: gross - fee,
          currency: order.currency,
          paymentMethodId: method.value.id,
          timing: "on_receipt",
        },
      ],
      amountMinor: gross - fee,
      paymentMethod: method.value,
    });
  },

  async apply(ctx, change, preview, actor) {
    const { order, paymentMethod } = preview;
    if (!order || !paymentMethod) throw new Error("return preview incomplete");
    const id = ctx.ids.next("ret");
    const rma = ctx.ids.reference("RMA");
    const now = ctx.clock.now().toISOString();
    const labelType = change.labelType ?? "prepaid_label";
    const carrier = labelType === "customer_arranged" ? null : (RETURN_CARRIER[order.region] ?? "UPS");
    await ctx.db
      .insertInto("oms_returns")
      .values({
        id,
        rma_number: rma,
        order_id: order.id,
        status: "requested",
        reason: change.reason?.trim() || "not specified",
        refund_method_id: paymentMethod.id,
        refund_amount_minor: preview.amountMinor,
        fee_minor: change.feeMinor ?? 0,
        currency: order.currency,
        label_type: labelType,
        label_carrier: carrier,
        label_tracking: carrier ? `${rma.replace("-", "")}R` : null,
        label_url: carrier ? `/returns/${encodeURIComponent(rma)}/label` : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const opened = new Set(change.opened ?? []);
    for (const [position, lineId] of change.lineIds.entries()) {
      await ctx.db
        .insertInto("oms_return_items")
        .values({ return_id: id, position, line_id: lineId, opened: opened.has(lineId) ? 1 : 0 })
        .execute();
    }
    await touchOrder(ctx, order.id);
    await logChange(
      ctx,
      { type: "order", id: order.id },
      "return",
      null,
      { returnId: id, rmaNumber: rma, lineIds: change.lineIds },
      actor,
    );
    return { createdId: id, rmaNumber: rma };
  },
};
