import { digest } from "../../platform/canonical-json.ts";
import { type Clock, systemClock } from "../../platform/clock.ts";
import { type DialectName, inTransaction } from "../../platform/storage/index.ts";
import {
  type ApplyOptions,
  type ChangeOutcome,
  type ChangePreview,
  type CommerceChange,
  ok,
  type Result,
  refuse,
} from "../changes.ts";
import type {
  CommerceConnector,
  ConnectorCapabilities,
  ProductSummary,
  VariantWithProduct,
} from "../connector.ts";
import { foldName, normalizeEmail, phoneCandidates, postalKey } from "../normalize.ts";
import type { Customer, Invoice, Order, Product, RefundStatus, Shipment } from "../types.ts";
import { cancelOrder } from "./changes/cancel-order.ts";
import { type ChangeHandler, lockSubject } from "./changes/common.ts";
import { createExchange } from "./changes/create-exchange.ts";
import { createReturn } from "./changes/create-return.ts";
import { modifyItems } from "./changes/modify-items.ts";
import { promiseToPay } from "./changes/promise-to-pay.ts";
import { updateDefaultAddress } from "./changes/update-default-address.ts";
import { updatePaymentMethod } from "./changes/update-payment-method.ts";
import { updateShippingAddress } from "./changes/update-shipping-address.ts";
import { type IdGenerator, randomIds } from "./ids.ts";
import {
  listProductSummaries,
  loadCustomers,
  loadInvoices,
  loadOrders,
  loadProduct,
  loadVariant,
} from "./read.ts";
import type { OmsContext, OmsDb } from "./store.ts";

const HANDLERS: { [K in CommerceChange["kind"]]: ChangeHandler<K> } = {
  cancel_order: cancelOrder,
  update_shipping_address: updateShippingAddress,
  update_payment_method: updatePaymentMethod,
  modify_items: modifyItems,
  create_return: createReturn,
  create_exchange: createExchange,
  update_default_address: updateDefaultAddress,
  promise_to_pay: promiseToPay,
};

export interface ReferenceOmsOptions {
  db: OmsDb;
  dialect: DialectName;
  clock?: Clock;
  ids?: IdGenerator;
}

/** The built-in order system: SQL tables of its own, behind the same interface as any external one. */
export class ReferenceOms implements CommerceConnector {
  readonly name = "reference";
  readonly capabilities: ConnectorCapabilities = {
    cancelOrder: true,
    updateShippingAddress: true,
    updatePaymentMethod: true,
    modifyItems: true,
    returns: true,
    partialReturns: true,
    exchanges: true,
    tracking: true,
    invoices: true,
    promiseToPay: true,
    giftCards: true,
    updateDefaultAddress: true,
  };
  private readonly ctx: OmsContext;

  constructor(options: ReferenceOmsOptions) {
    this.ctx = {
      db: options.db,
      dialect: options.dialect,
      clock: options.clock ?? systemClock,
      ids: options.ids ?? randomIds,
    };
  }

  /** The same order system over another handle, e.g. a transaction a conformance run rolls back. */
  withDb(db: OmsDb): ReferenceOms {
    return new ReferenceOms({ db, dialect: this.ctx.dialect, clock: this.ctx.clock, ids: this.ctx.ids });
  }

  async findCustomerByEmail(email: string): Promise<string | null> {
    const row = await this.ctx.db
      .selectFrom("oms_customer_emails")
      .select("customer_id")
      .where("email", "=", normalizeEmail(email))
      .executeTakeFirst();
    return row?.customer_id ?? null;
  }

  async findCustomerByNameAndPostalCode(
    firstName: string,
    lastName: string,
    postalCode: string,
  ): Promise<string | null> {
    const rows = await this.ctx.db
      .selectFrom("oms_customers")
      .select(["id", "first_name", "last_name"])
      .where("postal_key", "=", postalKey(postalCode))
      .orderBy("id")
      .execute();
    const first = foldName(firstName);
    const last = foldName(lastName);
    return rows.find((r) => foldName(r.first_name) === first && foldName(r.last_name) === last)?.id ?? null;
  }

  async findCustomerByPhone(phone: string): Promise<string | null> {
    const candidates = phoneCandidates(phone);
    if (candidates.length === 0) return null;
    const rows = await this.ctx.db
      .selectFrom("oms_customer_phones")
      .select(["customer_id", "phone"])
      .where("phone", "in", candidates)
      .execute();
    // Prefer the reading in the first market tried, so an ambiguous national number resolves predictably.
    for (const candidate of candidates) {
      const hit = rows.find((r) => r.phone === candidate);
      if (hit) return hit.customer_id;
    }
    return null;
  }

  async findCustomerByOrder(orderId: string): Promise<string | null> {
    const row = await this.ctx.db
      .selectFrom("oms_orders")
      .select("customer_id")
      .where("id", "=", orderId)
      .executeTakeFirst();
    return row?.customer_id ?? null;
  }

  async getCustomer(customerId: string): Promise<Customer | null> {
    return (await loadCustomers(this.ctx.db, [customerId])).get(customerId) ?? null;
  }

  async listOrders(customerId: string, options: { limit?: number } = {}): Promise<Order[]> {
    let query = this.ctx.db
      .selectFrom("oms_orders")
      .select("id")
      .where("customer_id", "=", customerId)
      .orderBy("placed_at", "desc")
      .orderBy("customer_position", "desc");
    if (options.limit !== undefined) query = query.limit(options.limit);
    const ids = (await query.execute()).map((r) => r.id);
    const orders = await loadOrders(this.ctx.db, ids);
    return ids.map((id) => orders.get(id)).filter((o): o is Order => o !== undefined);
  }

  async getOrder(orderId: string): Promise<Order | null> {
    return (await loadOrders(this.ctx.db, [orderId])).get(orderId) ?? null;
  }

  /** Many orders at once, in the order asked (missing ones left out). */
  async getOrders(orderIds: readonly string[]): Promise<Order[]> {
    const orders = await loadOrders(this.ctx.db, orderIds);
    return orderIds.map((id) => orders.get(id)).filter((o): o is Order => o !== undefined);
  }

  async getTracking(orderId: string): Promise<Shipment[] | null> {
    return (await this.getOrder(orderId))?.shipments ?? null;
  }

  async listRefunds(orderId: string): Promise<RefundStatus[] | null> {
    const order = await this.getOrder(orderId);
    if (!order) return null;
    return order.transactions
      .filter((t) => t.kind === "refund")
      .map((t) => ({
        orderId: order.id,
        transactionId: t.id,
        amountMinor: t.amountMinor,
        currency: t.currency,
        paymentMethodId: t.paymentMethodId,
        status: t.status,
        reason: t.reason,
        createdAt: t.createdAt,
        ...(t.expectedAt ? { expectedAt: t.expectedAt } : {}),
      }));
  }

  listProducts(): Promise<ProductSummary[]> {
    return listProductSummaries(this.ctx.db);
  }

  getProduct(productId: string): Promise<Product | null> {
    return loadProduct(this.ctx.db, productId);
  }

  getVariant(variantId: string): Promise<VariantWithProduct | null> {
    return loadVariant(this.ctx.db, variantId);
  }

  listInvoices(customerId: string): Promise<Invoice[]> {
    return loadInvoices(this.ctx.db, { customerId }, this.today());
  }

  async getInvoice(invoiceId: string): Promise<Invoice | null> {
    return (await loadInvoices(this.ctx.db, { invoiceId }, this.today()))[0] ?? null;
  }

  preview(change: CommerceChange): Promise<Result<ChangePreview>> {
    const handler = HANDLERS[change.kind] as ChangeHandler<typeof change.kind>;
    return handler.preview(this.ctx, change as never);
  }

  async apply(change: CommerceChange, options: ApplyOptions): Promise<Result<ChangeOutcome>> {
    const key = options.idempotencyKey.trim();
    if (key === "" || key.length > 200)
      return refuse("invalid_input", "An idempotency key of 1-200 characters is needed");
    const changeHash = digest(change);
    for (let attempt = 0; ; attempt++) {
      try {
        return await inTransaction(this.ctx.db, (trx) =>
          this.applyIn({ ...this.ctx, db: trx }, change, key, changeHash, options.actor),
        );
      } catch (error) {
        // Two requests raced on one new key: the loser reads the winner's stored outcome.
        if (attempt === 0 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  private async applyIn(
    ctx: OmsContext,
    change: CommerceChange,
    key: string,
    changeHash: string,
    actor: string,
  ): Promise<Result<ChangeOutcome>> {
    const seen = await ctx.db
      .selectFrom("oms_idempotency")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirst();
    if (seen) {
      if (seen.change_hash !== changeHash) {
        return refuse("idempotency_conflict", "This idempotency key was already used for a different change");
      }
      return ok({ ...(JSON.parse(seen.outcome) as ChangeOutcome), replayed: true });
    }
    const handler = HANDLERS[change.kind] as ChangeHandler<typeof change.kind>;
    const subject = handler.subject(change as never);
    await lockSubject(ctx, subject.table, subject.id);
    const preview = await handler.preview(ctx, change as never);
    if (!preview.ok) return preview;
    const created = await handler.apply(ctx, change as never, preview.value, actor);
    const outcome: ChangeOutcome = { change, replayed: false, ...created };
    const orderId = preview.value.order?.id;
    if (orderId) {
      const order = (await loadOrders(ctx.db, [orderId])).get(orderId);
      if (order) outcome.order = order;
    }
    const customer = (await loadCustomers(ctx.db, [preview.value.customerId])).get(preview.value.customerId);
    if (customer) outcome.customer = customer;
    if (change.kind === "promise_to_pay") {
      const [invoice] = await loadInvoices(
        ctx.db,
        { invoiceId: change.invoiceId },
        ctx.clock.now().toISOString().slice(0, 10),
      );
      if (invoice) outcome.invoice = invoice;
    }
    await ctx.db
      .insertInto("oms_idempotency")
      .values({
        key,
        change_hash: changeHash,
        outcome: JSON.stringify(outcome),
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    return ok(outcome);
  }

  private today(): string {
    return this.ctx.clock.now().toISOString().slice(0, 10);
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === "23505" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e?.code === "SQLITE_CONSTRAINT_UNIQUE"
  );
}
