import type { ChangePreview, CommerceChange, Customer, Order, Product } from "../../commerce/index.ts";
import { daysBetween } from "../../platform/clock.ts";
import {
  EU_REGIONS,
  type ItemFacts,
  type OrderFacts,
  type PolicyAction,
  type PolicyFacts,
  type RequestFacts,
} from "../../policy/index.ts";
import type { ToolContext } from "./context.ts";

/** The commerce change kinds are the policy's action names. */
export function actionOf(change: CommerceChange): PolicyAction {
  return change.kind;
}

function deliveredAt(order: Order): string | undefined {
  return (
    order.deliveredAt ??
    order.shipments
      .map((s) => s.deliveredAt)
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1)
  );
}

export function orderFacts(order: Order, now: Date): OrderFacts {
  const delivered = order.status === "delivered" ? deliveredAt(order) : undefined;
  const original = order.transactions.find((t) => t.kind === "payment");
  return {
    id: order.id,
    status: order.status,
    itemsModified: Boolean(order.itemsModifiedAt),
    hasReturn: order.returns.some((r) => r.status !== "cancelled" && r.status !== "rejected"),
    hasExchange: order.exchanges.some((e) => e.status !== "cancelled"),
    region: order.region,
    inEU: EU_REGIONS.has(order.region),
    currency: order.currency,
    totalMinor: order.items.reduce((sum, i) => sum + i.unitPriceMinor, 0),
    promotionCodes: order.promotionCodes,
    daysSincePlaced: daysBetween(order.placedAt, now),
    daysSinceDelivery: delivered ? daysBetween(delivered, now) : null,
    originalPaymentMethodId: original?.paymentMethodId ?? null,
  };
}

function requestFacts(
  change: CommerceChange,
  preview: ChangePreview,
  order: Order | undefined,
  now: Date,
): RequestFacts {
  const facts: RequestFacts = { kind: change.kind, amountMinor: preview.amountMinor };
  const method = preview.paymentMethod;
  if (method) {
    facts.paymentMethodId = method.id;
    facts.paymentMethodKind = method.kind;
    const original = order?.transactions.find((t) => t.kind === "payment")?.paymentMethodId;
    facts.toOriginalPaymentMethod = original !== undefined && original === method.id;
  }
  if (change.kind === "cancel_order") facts.reason = change.reason;
  if (change.kind === "create_return" || change.kind === "create_exchange")
    facts.reason = change.reason ?? "";
  if (preview.lines.length > 0) facts.itemCount = preview.lines.length;
  if (change.kind === "promise_to_pay" && preview.invoice) {
    facts.daysUntilPromise = daysBetween(now.toISOString().slice(0, 10), change.promisedDate);
    facts.promisedPercent =
      preview.invoice.outstandingMinor > 0
        ? Math.floor((change.amountMinor * 100) / preview.invoice.outstandingMinor)
        : 0;
  }
  return facts;
}

async function itemFacts(
  ctx: ToolContext,
  change: CommerceChange,
  preview: ChangePreview,
): Promise<ItemFacts[]> {
  if (
    preview.lines.length === 0 ||
    !["create_return", "create_exchange", "modify_items"].includes(change.kind)
  )
    return [];
  const opened = new Set(change.kind === "create_return" ? (change.opened ?? []) : []);
  const products = new Map<string, Product | null>();
  const out: ItemFacts[] = [];
  for (const line of preview.lines) {
    if (!products.has(line.productId))
      products.set(line.productId, await ctx.connector.getProduct(line.productId));
    const product = products.get(line.productId);
    out.push({
      lineId: line.lineId,
      productId: line.productId,
      name: line.name,
      category: product?.category ?? "unknown",
      finalSale: product?.finalSale ?? false,
      hygiene: product?.hygiene ?? false,
      opened: change.kind === "create_return" && change.opened !== undefined ? opened.has(line.lineId) : null,
      priceMinor: line.unitPriceMinor,
    });
  }
  return out;
}

/** Whose data the change touches: the order's customer, the profile's owner, or the invoice's debtor. */
export function subjectOwner(preview: ChangePreview): string {
  return preview.order?.customerId ?? preview.invoice?.customerId ?? preview.customerId;
}

export async function policyFacts(
  ctx: ToolContext,
  change: CommerceChange,
  preview: ChangePreview,
  confirmed: boolean,
): Promise<PolicyFacts> {
  const now = ctx.clock.now();
  const verified = ctx.session.verifiedCustomerId;
  const customer: Customer | undefined = preview.customer;
  const facts: PolicyFacts = {
    conversation: {
      identityVerified: verified !== null,
      verifiedCustomerId: verified,
      ownsSubject: verified !== null && verified === subjectOwner(preview),
      confirmed,
      channel: ctx.session.channel,
    },
    request: requestFacts(change, preview, preview.order, now),
    items: await itemFacts(ctx, change, preview),
  };
  if (customer)
    facts.customer = {
      id: customer.id,
      region: customer.region,
      inEU: EU_REGIONS.has(customer.region),
      tier: customer.tier,
    };
  if (preview.order) facts.order = orderFacts(preview.order, now);
  return facts;
}
