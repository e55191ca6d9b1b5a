import { ok, refuse } from "../../changes.ts";
import {
  appendTransactions,
  type ChangeHandler,
  coversCharge,
  findOrder,
  findPaymentMethod,
  logChange,
  movementTiming,
  previewLine,
  touchOrder,
} from "./common.ts";

/** Pay a pending order with another of the customer's methods: charge the new one, refund the old. */
export const updatePaymentMethod: ChangeHandler<"update_payment_method"> = {
  subject: (change) => ({ table: "oms_orders", id: change.orderId }),

  async preview(ctx, change) {
    const found = await findOrder(ctx, change.orderId);
    if (!found.ok) return found;
    const { order, customer } = found.value;
    if (order.status !== "pending") {
      return refuse(
        "invalid_state",
        `Order ${order.id} is ${order.status}; its payment can no longer change`,
        {
          status: order.status,
        },
      );
    }
    const method = findPaymentMethod(customer, change.paymentMethodId);
    if (!method.ok) return method;
    const [payment, ...rest] = order.transactions;
    if (!payment || rest.length > 0 || payment.kind !== "payment") {
      return refuse(
        "payment_not_single",
        "The order must have exactly one payment to switch its payment method",
      );
    }
    if (payment.paymentMethodId === method.value.id) {
      return refuse("payment_method_unchanged", "The order is already paid with that payment method");
    }
    if (!coversCharge(method.value, payment.amountMinor)) {
      return refuse("insufficient_balance", "The gift card balance does not cover the order total", {
        balanceMinor: method.value.balanceMinor ?? 0,
        neededMinor: payment.amountMinor,
      });
    }
    const old = customer.paymentMethods.find((m) => m.id === payment.paymentMethodId);
    return ok({
      change,
      customerId: customer.id,
      order,
      customer,
      currency: order.currency,
      lines: order.items.map(previewLine),
      movements: [
        {
          direction: "charge",
          amountMinor: payment.amountMinor,
          currency: order.currency,
          paymentMethodId: method.value.id,
          timing: "immediate",
        },
        {
          direction: "refund",
          amountMinor: payment.amountMinor,
          currency: order.currency,
          paymentMethodId: payment.paymentMethodId,
          timing: old ? movementTiming(old, "refund") : "business_days",
        },
      ],
      amountMinor: payment.amountMinor,
      paymentMethod: method.value,
    });
  },

  async apply(ctx, _change, preview, actor) {
    const { order, customer, paymentMethod } = preview;
    if (!order || !customer || !paymentMethod) throw new Error("payment preview incomplete");
    const oldId = order.transactions[0]?.paymentMethodId ?? "";
    const old = customer.paymentMethods.find((m) => m.id === oldId) ?? {
      id: oldId,
      kind: "credit_card" as const,
      currency: order.currency,
    };
    await appendTransactions(ctx, order, [
      { kind: "payment", amountMinor: preview.amountMinor, method: paymentMethod, reason: "payment_change" },
      { kind: "refund", amountMinor: preview.amountMinor, method: old, reason: "payment_change" },
    ]);
    await touchOrder(ctx, order.id);
    await logChange(
      ctx,
      { type: "order", id: order.id },
      "payment",
      { paymentMethodId: oldId },
      { paymentMethodId: paymentMethod.id },
      actor,
    );
    return {};
  },
};
