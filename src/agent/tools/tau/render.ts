import { type Customer, fromMinor, type Order, type Product, type Variant } from "../../../commerce/index.ts";

/**
 * Domain records in tau-bench's JSON shapes, so a model trained on tau sees what it expects and
 * a tau task's expected records compare one to one. Works for any connector.
 */

export type TauJson = Record<string, unknown>;

export function tauAddress(a: Order["address"]): TauJson {
  return {
    address1: a.line1,
    address2: a.line2,
    city: a.city,
    country: a.country,
    state: a.state,
    zip: a.postalCode,
  };
}

/** tau's single status string, derived from the lifecycle and the open return, exchange or item edit. */
export function tauStatus(order: Order): string {
  if (order.status === "cancelled") return "cancelled";
  if (order.exchanges.some((e) => e.status !== "cancelled")) return "exchange requested";
  if (order.returns.some((r) => r.status !== "cancelled" && r.status !== "rejected"))
    return "return requested";
  if (order.status === "pending" && order.itemsModifiedAt) return "pending (item modified)";
  return order.status;
}

export function tauOrder(order: Order): TauJson {
  const variantOfLine = new Map(order.items.map((i) => [i.lineId, i.variantId]));
  const out: TauJson = {
    order_id: order.id,
    user_id: order.customerId,
    address: tauAddress(order.address),
    items: order.items.map((i) => ({
      name: i.name,
      product_id: i.productId,
      item_id: i.variantId,
      price: fromMinor(i.unitPriceMinor, order.currency),
      options: i.options,
    })),
    fulfillments: order.shipments.map((s) => ({
      tracking_id: [s.trackingNumber],
      item_ids: s.lineIds.map((id) => variantOfLine.get(id) ?? id),
    })),
    status: tauStatus(order),
    payment_history: order.transactions.map((t) => ({
      transaction_type: t.kind,
      amount: fromMinor(t.amountMinor, t.currency),
      payment_method_id: t.paymentMethodId,
    })),
  };
  if (order.cancelReason) out.cancel_reason = order.cancelReason;
  const exchange = order.exchanges.find((e) => e.status !== "cancelled");
  if (exchange) {
    out.exchange_items = exchange.lines.map((l) => variantOfLine.get(l.lineId) ?? l.lineId).sort();
    out.exchange_new_items = exchange.lines.map((l) => l.newVariantId).sort();
    out.exchange_payment_method_id = exchange.paymentMethodId;
    out.exchange_price_difference = fromMinor(exchange.priceDifferenceMinor, exchange.currency);
  }
  const ret = order.returns.find((r) => r.status !== "cancelled" && r.status !== "rejected");
  if (ret) {
    out.return_items = ret.lineIds.map((id) => variantOfLine.get(id) ?? id).sort();
    out.return_payment_method_id = ret.refundMethodId;
  }
  return out;
}

export function tauUser(customer: Customer): TauJson {
  const methods: TauJson = {};
  for (const m of customer.paymentMethods) {
    const entry: TauJson = { source: m.kind };
    if (m.brand !== undefined) entry.brand = m.brand;
    if (m.lastFour !== undefined) entry.last_four = m.lastFour;
    if (m.balanceMinor !== undefined) entry.balance = fromMinor(m.balanceMinor, m.currency);
    entry.id = m.id;
    methods[m.id] = entry;
  }
  return {
    name: { first_name: customer.firstName, last_name: customer.lastName },
    address: tauAddress(customer.address),
    email: customer.emails[0] ?? "",
    payment_methods: methods,
    orders: customer.orderIds,
  };
}

export function tauVariant(v: Variant): TauJson {
  return { item_id: v.id, options: v.options, available: v.available, price: fromMinor(v.priceMinor, "USD") };
}

export function tauProduct(product: Product): TauJson {
  return {
    name: product.name,
    product_id: product.id,
    variants: Object.fromEntries(product.variants.map((v) => [v.id, tauVariant(v)])),
  };
}
