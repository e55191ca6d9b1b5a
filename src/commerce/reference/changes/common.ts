import { addBusinessDays } from "../../../platform/clock.ts";
import { lockForUpdate } from "../../../platform/storage/index.ts";
import {
  type ChangePreview,
  type CommerceChange,
  type LineSwap,
  type MoneyMovement,
  ok,
  type PreviewLine,
  type Result,
  refuse,
} from "../../changes.ts";
import type { Address, Customer, Order, OrderItem, PaymentMethod, TransactionReason } from "../../types.ts";
import { loadCustomers, loadOrders, loadVariant } from "../read.ts";
import type { OmsContext } from "../store.ts";

/** One change kind: how to compute what it would do, and how to write it. */
export interface ChangeHandler<K extends CommerceChange["kind"]> {
  /** Pure read: what the change would do, or why it cannot be done. */
  preview(ctx: OmsContext, change: Extract<CommerceChange, { kind: K }>): Promise<Result<ChangePreview>>;
  /** Writes inside the caller's transaction; `preview` was just recomputed there. */
  apply(
    ctx: OmsContext,
    change: Extract<CommerceChange, { kind: K }>,
    preview: ChangePreview,
    actor: string,
  ): Promise<{ createdId?: string; rmaNumber?: string }>;
  /** The row a concurrent change of the same subject must wait for. */
  subject(change: Extract<CommerceChange, { kind: K }>): {
    table: "oms_orders" | "oms_customers" | "oms_invoices";
    id: string;
  };
}

/** Card and PayPal refunds are promised within this many business days (the store's published promise). */
export const CARD_REFUND_BUSINESS_DAYS = 7;

export async function lockSubject(
  ctx: OmsContext,
  table: "oms_orders" | "oms_customers" | "oms_invoices",
  id: string,
) {
  await lockForUpdate(ctx.db.selectFrom(table).select("id").where("id", "=", id), ctx.dialect).execute();
}

export async function findOrder(
  ctx: OmsContext,
  orderId: string,
): Promise<Result<{ order: Order; customer: Customer }>> {
  const order = (await loadOrders(ctx.db, [orderId])).get(orderId);
  if (!order) return refuse("order_not_found", `Order ${orderId} not found`, { orderId });
  const customer = (await loadCustomers(ctx.db, [order.customerId])).get(order.customerId);
  if (!customer) return refuse("customer_not_found", `Customer ${order.customerId} not found`);
  return ok({ order, customer });
}

export function findPaymentMethod(customer: Customer, paymentMethodId: string): Result<PaymentMethod> {
  const method = customer.paymentMethods.find((m) => m.id === paymentMethodId);
  if (!method) {
    return refuse(
      "payment_method_not_found",
      `Payment method ${paymentMethodId} is not one of the customer's`,
      {
        paymentMethodId,
      },
    );
  }
  return ok(method);
}

/** Lines of the order by id; each may appear once. */
export function findLines(order: Order, lineIds: readonly string[]): Result<OrderItem[]> {
  if (lineIds.length === 0) return refuse("invalid_input", "At least one item is needed");
  if (new Set(lineIds).size !== lineIds.length) return refuse("invalid_input", "An item is listed twice");
  const lines: OrderItem[] = [];
  for (const lineId of lineIds) {
    const line = order.items.find((i) => i.lineId === lineId);
    if (!line) return refuse("line_not_found", `Item ${lineId} is not in order ${order.id}`, { lineId });
    lines.push(line);
  }
  return ok(lines);
}

export function previewLine(line: OrderItem): PreviewLine {
  return {
    lineId: line.lineId,
    productId: line.productId,
    name: line.name,
    variantId: line.variantId,
    options: line.options,
    unitPriceMinor: line.unitPriceMinor,
  };
}

/** Swaps to other variants of the same product, each available; price in the order's currency. */
export async function resolveSwaps(
  ctx: OmsContext,
  order: Order,
  swaps: readonly LineSwap[],
): Promise<Result<PreviewLine[]>> {
  const lines = findLines(
    order,
    swaps.map((s) => s.lineId),
  );
  if (!lines.ok) return lines;
  const out: PreviewLine[] = [];
  for (const [index, swap] of swaps.entries()) {
    const line = lines.value[index] as OrderItem;
    const variant = await loadVariant(ctx.db, swap.newVariantId);
    if (!variant) {
      return refuse("variant_not_found", `Item ${swap.newVariantId} does not exist`, {
        variantId: swap.newVariantId,
      });
    }
    if (variant.productId !== line.productId) {
      return refuse("variant_of_other_product", `Item ${swap.newVariantId} is not a ${line.name}`, {
        variantId: swap.newVariantId,
        lineId: line.lineId,
      });
    }
    if (!variant.available) {
      return refuse("variant_unavailable", `Item ${swap.newVariantId} is not available`, {
        variantId: swap.newVariantId,
      });
    }
    const price =
      variant.prices[order.currency] ?? (order.currency === "USD" ? variant.priceMinor : undefined);
    if (price === undefined) {
      return refuse("variant_unavailable", `Item ${swap.newVariantId} has no price in ${order.currency}`, {
        variantId: swap.newVariantId,
      });
    }
    out.push({
      ...previewLine(line),
      newVariantId: variant.id,
      newOptions: variant.options,
      newUnitPriceMinor: price,
    });
  }
  return ok(out);
}

export function priceDifference(lines: readonly PreviewLine[]): number {
  return lines.reduce((sum, l) => sum + (l.newUnitPriceMinor ?? l.unitPriceMinor) - l.unitPriceMinor, 0);
}

/** A gift card pays immediately; it cannot go below zero. */
export function coversCharge(method: PaymentMethod, chargeMinor: number): boolean {
  return method.kind !== "gift_card" || (method.balanceMinor ?? 0) >= chargeMinor;
}

export function movementTiming(
  method: PaymentMethod,
  direction: "charge" | "refund",
): MoneyMovement["timing"] {
  if (direction === "charge" || method.kind === "gift_card") return "immediate";
  return "business_days";
}

/** Net amount paid per payment method (payments minus refunds), in payment-history order. */
export function netPaidByMethod(order: Order): Array<{ paymentMethodId: string; amountMinor: number }> {
  const net = new Map<string, number>();
  for (const t of order.transactions) {
    if (t.status === "failed") continue;
    net.set(
      t.paymentMethodId,
      (net.get(t.paymentMethodId) ?? 0) + (t.kind === "payment" ? t.amountMinor : -t.amountMinor),
    );
  }
  return [...net.entries()]
    .filter(([, amount]) => amount > 0)
    .map(([paymentMethodId, amountMinor]) => ({ paymentMethodId, amountMinor }));
}

export function validAddress(address: Address): Result<Address> {
  const trimmed: Address = {
    line1: address.line1.trim(),
    line2: address.line2.trim(),
    city: address.city.trim(),
    state: address.state.trim(),
    postalCode: address.postalCode.trim(),
    country: address.country.trim(),
  };
  const missing = (["line1", "city", "postalCode", "country"] as const).filter((k) => trimmed[k] === "");
  if (missing.length > 0)
    return refuse("invalid_input", `The address needs ${missing.join(", ")}`, { missing });
  const tooLong = (Object.keys(trimmed) as Array<keyof Address>).filter((k) => trimmed[k].length > 200);
  if (tooLong.length > 0) return refuse("invalid_input", `Address fields too long: ${tooLong.join(", ")}`);
  return ok(trimmed);
}

export function addressColumns(address: Address) {
  return {
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    state: address.state,
    postal_code: address.postalCode,
    country: address.country,
  };
}

/** Appends payment-history entries after the order's last one; gift cards move at once. */
export async function appendTransactions(
  ctx: OmsContext,
  order: Order,
  entries: Array<{
    kind: "payment" | "refund";
    amountMinor: number;
    method: PaymentMethod;
    reason: TransactionReason;
  }>,
): Promise<void> {
  const now = ctx.clock.now();
  let seq = order.transactions.length;
  for (const entry of entries) {
    seq += 1;
    const immediate = entry.kind === "payment" || entry.method.kind === "gift_card";
    await ctx.db
      .insertInto("oms_transactions")
      .values({
        id: `${order.id}-t${seq}`,
        order_id: order.id,
        seq,
        kind: entry.kind,
        amount_minor: entry.amountMinor,
        currency: order.currency,
        payment_method_id: entry.method.id,
        status: immediate ? "succeeded" : "pending",
        reason: entry.reason,
        created_at: now.toISOString(),
        expected_at: immediate ? null : addBusinessDays(now, CARD_REFUND_BUSINESS_DAYS).toISOString(),
      })
      .execute();
    if (entry.method.kind === "gift_card") {
      const delta = entry.kind === "refund" ? entry.amountMinor : -entry.amountMinor;
      await adjustGiftCard(ctx, entry.method.id, delta);
    }
  }
}

export async function adjustGiftCard(
  ctx: OmsContext,
  paymentMethodId: string,
  deltaMinor: number,
): Promise<void> {
  const row = await ctx.db
    .selectFrom("oms_payment_methods")
    .select(["balance_minor", "customer_id"])
    .where("id", "=", paymentMethodId)
    .executeTakeFirstOrThrow();
  const balance = Number(row.balance_minor ?? 0) + deltaMinor;
  if (balance < 0) throw new Error(`Gift card ${paymentMethodId} would go negative`);
  await ctx.db
    .updateTable("oms_payment_methods")
    .set({ balance_minor: balance })
    .where("id", "=", paymentMethodId)
    .execute();
  await touchCustomer(ctx, row.customer_id);
}

export async function touchOrder(ctx: OmsContext, orderId: string): Promise<void> {
  await ctx.db
    .updateTable("oms_orders")
    .set((eb) => ({ row_version: eb("row_version", "+", 1), updated_at: ctx.clock.now().toISOString() }))
    .where("id", "=", orderId)
    .execute();
}

export async function touchCustomer(ctx: OmsContext, customerId: string): Promise<void> {
  await ctx.db
    .updateTable("oms_customers")
    .set((eb) => ({ row_version: eb("row_version", "+", 1) }))
    .where("id", "=", customerId)
    .execute();
}

export async function logChange(
  ctx: OmsContext,
  subject: { type: "order" | "customer" | "invoice"; id: string },
  kind: string,
  before: unknown,
  after: unknown,
  actor: string,
): Promise<void> {
  await ctx.db
    .insertInto("oms_change_log")
    .values({
      id: ctx.ids.next("chg"),
      subject_type: subject.type,
      subject_id: subject.id,
      kind,
      before: JSON.stringify(before ?? null),
      after: JSON.stringify(after ?? null),
      actor,
      created_at: ctx.clock.now().toISOString(),
    })
    .execute();
}

/** Lines already promised to an open return or exchange cannot be promised twice. */
export function linesInOpenRequests(order: Order): Set<string> {
  const taken = new Set<string>();
  for (const r of order.returns)
    if (r.status !== "rejected" && r.status !== "cancelled") for (const id of r.lineIds) taken.add(id);
  for (const e of order.exchanges) if (e.status !== "cancelled") for (const l of e.lines) taken.add(l.lineId);
  return taken;
}
