import type { ProductSummary, VariantWithProduct } from "../connector.ts";
import type {
  Address,
  Customer,
  CustomerTier,
  Exchange,
  ExchangeStatus,
  Invoice,
  InvoiceStatus,
  LabelType,
  Order,
  OrderChangeKind,
  OrderStatus,
  PaymentMethod,
  PaymentMethodKind,
  PaymentPromise,
  Product,
  ProductCategory,
  Region,
  Return,
  ReturnStatus,
  Shipment,
  ShipmentStatus,
  Transaction,
  TransactionKind,
  TransactionReason,
  TransactionStatus,
  Variant,
} from "../types.ts";
import type { InvoiceRow, VariantRow } from "./schema/tables.ts";
import { flag, type OmsDb, parseJsonObject } from "./store.ts";

/** Reads rows into domain records, in batches: a page of orders costs the same few queries as one. */

function addressOf(row: {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
}): Address {
  return {
    line1: row.line1,
    line2: row.line2,
    city: row.city,
    state: row.state,
    postalCode: row.postal_code,
    country: row.country,
  };
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export async function loadCustomers(db: OmsDb, ids: readonly string[]): Promise<Map<string, Customer>> {
  const result = new Map<string, Customer>();
  if (ids.length === 0) return result;
  const unique = [...new Set(ids)];
  const [rows, emails, phones, methods, orders] = await Promise.all([
    db.selectFrom("oms_customers").selectAll().where("id", "in", unique).execute(),
    db
      .selectFrom("oms_customer_emails")
      .selectAll()
      .where("customer_id", "in", unique)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("oms_customer_phones")
      .selectAll()
      .where("customer_id", "in", unique)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("oms_payment_methods")
      .selectAll()
      .where("customer_id", "in", unique)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("oms_orders")
      .select(["id", "customer_id"])
      .where("customer_id", "in", unique)
      .orderBy("customer_position")
      .execute(),
  ]);
  const emailsBy = groupBy(emails, (r) => r.customer_id);
  const phonesBy = groupBy(phones, (r) => r.customer_id);
  const methodsBy = groupBy(methods, (r) => r.customer_id);
  const ordersBy = groupBy(orders, (r) => r.customer_id);
  for (const row of rows) {
    result.set(row.id, {
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      emails: (emailsBy.get(row.id) ?? []).map((e) => e.email),
      phones: (phonesBy.get(row.id) ?? []).map((p) => p.phone),
      address: addressOf(row),
      language: row.language,
      region: row.region as Region,
      tier: row.tier as CustomerTier,
      paymentMethods: (methodsBy.get(row.id) ?? []).map(
        (m): PaymentMethod => ({
          id: m.id,
          kind: m.kind as PaymentMethodKind,
          currency: m.currency,
          ...(m.brand !== null ? { brand: m.brand } : {}),
          ...(m.last_four !== null ? { lastFour: m.last_four } : {}),
          ...(m.balance_minor !== null ? { balanceMinor: Number(m.balance_minor) } : {}),
        }),
      ),
      orderIds: (ordersBy.get(row.id) ?? []).map((o) => o.id),
    });
  }
  return result;
}

export async function loadOrders(db: OmsDb, ids: readonly string[]): Promise<Map<string, Order>> {
  const result = new Map<string, Order>();
  if (ids.length === 0) return result;
  const unique = [...new Set(ids)];
  const [rows, promotions, items, transactions, shipments, returns, exchanges, changes] = await Promise.all([
    db.selectFrom("oms_orders").selectAll().where("id", "in", unique).execute(),
    db
      .selectFrom("oms_order_promotions")
      .selectAll()
      .where("order_id", "in", unique)
      .orderBy("code")
      .execute(),
    db
      .selectFrom("oms_order_items")
      .selectAll()
      .where("order_id", "in", unique)
      .orderBy("position")
      .execute(),
    db.selectFrom("oms_transactions").selectAll().where("order_id", "in", unique).orderBy("seq").execute(),
    db.selectFrom("oms_shipments").selectAll().where("order_id", "in", unique).orderBy("position").execute(),
    db.selectFrom("oms_returns").selectAll().where("order_id", "in", unique).orderBy("created_at").execute(),
    db
      .selectFrom("oms_exchanges")
      .selectAll()
      .where("order_id", "in", unique)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("oms_change_log")
      .selectAll()
      .where("subject_type", "=", "order")
      .where("subject_id", "in", unique)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  ]);
  const shipmentIds = shipments.map((s) => s.id);
  const returnIds = returns.map((r) => r.id);
  const exchangeIds = exchanges.map((e) => e.id);
  const [shipmentItems, events, returnItems, exchangeItems] = await Promise.all([
    shipmentIds.length
      ? db
          .selectFrom("oms_shipment_items")
          .selectAll()
          .where("shipment_id", "in", shipmentIds)
          .orderBy("position")
          .execute()
      : [],
    shipmentIds.length
      ? db
          .selectFrom("oms_tracking_events")
          .selectAll()
          .where("shipment_id", "in", shipmentIds)
          .orderBy("seq")
          .execute()
      : [],
    returnIds.length
      ? db
          .selectFrom("oms_return_items")
          .selectAll()
          .where("return_id", "in", returnIds)
          .orderBy("position")
          .execute()
      : [],
    exchangeIds.length
      ? db
          .selectFrom("oms_exchange_items")
          .selectAll()
          .where("exchange_id", "in", exchangeIds)
          .orderBy("position")
          .execute()
      : [],
  ]);

  const promotionsBy = groupBy(promotions, (r) => r.order_id);
  const itemsBy = groupBy(items, (r) => r.order_id);
  const transactionsBy = groupBy(transactions, (r) => r.order_id);
  const shipmentsBy = groupBy(shipments, (r) => r.order_id);
  const shipmentItemsBy = groupBy(shipmentItems, (r) => r.shipment_id);
  const eventsBy = groupBy(events, (r) => r.shipment_id);
  const returnsBy = groupBy(returns, (r) => r.order_id);
  const returnItemsBy = groupBy(returnItems, (r) => r.return_id);
  const exchangesBy = groupBy(exchanges, (r) => r.order_id);
  const exchangeItemsBy = groupBy(exchangeItems, (r) => r.exchange_id);
  const changesBy = groupBy(changes, (r) => r.subject_id);

  for (const row of rows) {
    const order: Order = {
      id: row.id,
      customerId: row.customer_id,
      status: row.status as OrderStatus,
      currency: row.currency,
      region: row.region as Region,
      channel: row.channel,
      placedAt: row.placed_at,
      promotionCodes: (promotionsBy.get(row.id) ?? []).map((p) => p.code),
      address: addressOf(row),
      items: (itemsBy.get(row.id) ?? []).map((i) => ({
        lineId: i.id,
        productId: i.product_id,
        variantId: i.variant_id,
        name: i.name,
        options: parseJsonObject(i.options),
        unitPriceMinor: Number(i.unit_price_minor),
      })),
      transactions: (transactionsBy.get(row.id) ?? []).map(
        (t): Transaction => ({
          id: t.id,
          kind: t.kind as TransactionKind,
          amountMinor: Number(t.amount_minor),
          currency: t.currency,
          paymentMethodId: t.payment_method_id,
          status: t.status as TransactionStatus,
          reason: t.reason as TransactionReason,
          createdAt: t.created_at,
          ...(t.expected_at ? { expectedAt: t.expected_at } : {}),
        }),
      ),
      shipments: (shipmentsBy.get(row.id) ?? []).map(
        (s): Shipment => ({
          id: s.id,
          carrier: s.carrier,
          trackingNumber: s.tracking_number,
          service: s.service,
          status: s.status as ShipmentStatus,
          lineIds: (shipmentItemsBy.get(s.id) ?? []).map((i) => i.line_id),
          ...(s.shipped_at ? { shippedAt: s.shipped_at } : {}),
          ...(s.estimated_delivery ? { estimatedDelivery: s.estimated_delivery } : {}),
          ...(s.delivered_at ? { deliveredAt: s.delivered_at } : {}),
          events: (eventsBy.get(s.id) ?? []).map((e) => ({
            at: e.at,
            status: e.status as ShipmentStatus,
            description: e.description,
            location: e.location,
          })),
        }),
      ),
      returns: (returnsBy.get(row.id) ?? []).map(
        (r): Return => ({
          id: r.id,
          rmaNumber: r.rma_number,
          status: r.status as ReturnStatus,
          lineIds: (returnItemsBy.get(r.id) ?? []).map((i) => i.line_id),
          reason: r.reason,
          refundMethodId: r.refund_method_id,
          refundAmountMinor: Number(r.refund_amount_minor),
          feeMinor: Number(r.fee_minor),
          currency: r.currency,
          createdAt: r.created_at,
          ...(r.label_type
            ? {
                label: {
                  type: r.label_type as LabelType,
                  carrier: r.label_carrier ?? "",
                  trackingNumber: r.label_tracking ?? "",
                  url: r.label_url ?? "",
                },
              }
            : {}),
        }),
      ),
      exchanges: (exchangesBy.get(row.id) ?? []).map(
        (e): Exchange => ({
          id: e.id,
          status: e.status as ExchangeStatus,
          lines: (exchangeItemsBy.get(e.id) ?? []).map((i) => ({
            lineId: i.line_id,
            newVariantId: i.new_variant_id,
            newOptions: parseJsonObject(i.new_options),
            newUnitPriceMinor: Number(i.new_unit_price_minor),
          })),
          paymentMethodId: e.payment_method_id,
          priceDifferenceMinor: Number(e.price_difference_minor),
          currency: e.currency,
          createdAt: e.created_at,
        }),
      ),
      changes: (changesBy.get(row.id) ?? []).map((c) => ({
        id: c.id,
        kind: c.kind as OrderChangeKind,
        before: JSON.parse(c.before) as unknown,
        after: JSON.parse(c.after) as unknown,
        actor: c.actor,
        createdAt: c.created_at,
      })),
    };
    const processedAt = optional(row.processed_at);
    if (processedAt) order.processedAt = processedAt;
    const deliveredAt = optional(row.delivered_at);
    if (deliveredAt) order.deliveredAt = deliveredAt;
    const cancelledAt = optional(row.cancelled_at);
    if (cancelledAt) order.cancelledAt = cancelledAt;
    const cancelReason = optional(row.cancel_reason);
    if (cancelReason) order.cancelReason = cancelReason;
    const itemsModifiedAt = optional(row.items_modified_at);
    if (itemsModifiedAt) order.itemsModifiedAt = itemsModifiedAt;
    result.set(row.id, order);
  }
  return result;
}

function variantOf(row: VariantRow, prices: Record<string, number>): Variant {
  return {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    options: parseJsonObject(row.options),
    priceMinor: Number(row.price_minor),
    prices,
    available: flag(row.available),
  };
}

async function pricesFor(db: OmsDb, variantIds: string[]): Promise<Map<string, Record<string, number>>> {
  const map = new Map<string, Record<string, number>>();
  if (variantIds.length === 0) return map;
  const rows = await db
    .selectFrom("oms_variant_prices")
    .selectAll()
    .where("variant_id", "in", variantIds)
    .execute();
  for (const row of rows) {
    const prices = map.get(row.variant_id) ?? {};
    prices[row.currency] = Number(row.amount_minor);
    map.set(row.variant_id, prices);
  }
  return map;
}

export async function loadProduct(db: OmsDb, productId: string): Promise<Product | null> {
  const row = await db.selectFrom("oms_products").selectAll().where("id", "=", productId).executeTakeFirst();
  if (!row) return null;
  const variants = await db
    .selectFrom("oms_variants")
    .selectAll()
    .where("product_id", "=", productId)
    .orderBy("position")
    .execute();
  const prices = await pricesFor(
    db,
    variants.map((v) => v.id),
  );
  return {
    id: row.id,
    name: row.name,
    category: row.category as ProductCategory,
    finalSale: flag(row.final_sale),
    hygiene: flag(row.hygiene),
    variants: variants.map((v) => variantOf(v, prices.get(v.id) ?? {})),
  };
}

export async function loadVariant(db: OmsDb, variantId: string): Promise<VariantWithProduct | null> {
  const row = await db
    .selectFrom("oms_variants")
    .innerJoin("oms_products", "oms_products.id", "oms_variants.product_id")
    .selectAll("oms_variants")
    .select("oms_products.name as product_name")
    .where("oms_variants.id", "=", variantId)
    .executeTakeFirst();
  if (!row) return null;
  const prices = await pricesFor(db, [row.id]);
  return { ...variantOf(row, prices.get(row.id) ?? {}), productName: row.product_name };
}

export async function listProductSummaries(db: OmsDb): Promise<ProductSummary[]> {
  const rows = await db
    .selectFrom("oms_products")
    .select(["id", "name", "category"])
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, category: r.category as ProductCategory }));
}

/** Open invoices past their due date read as overdue; the stored status only knows open, paid, written off. */
function invoiceStatus(row: InvoiceRow, today: string): InvoiceStatus {
  if (row.status === "open" && Number(row.outstanding_minor) > 0 && row.due_date < today) return "overdue";
  return row.status as InvoiceStatus;
}

export async function loadInvoices(
  db: OmsDb,
  where: { customerId?: string; invoiceId?: string },
  today: string,
): Promise<Invoice[]> {
  let query = db.selectFrom("oms_invoices").selectAll();
  if (where.customerId) query = query.where("customer_id", "=", where.customerId);
  if (where.invoiceId) query = query.where("id", "=", where.invoiceId);
  const rows = await query.orderBy("due_date").execute();
  if (rows.length === 0) return [];
  const promises = await db
    .selectFrom("oms_payment_promises")
    .selectAll()
    .where(
      "invoice_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("created_at")
    .execute();
  const promisesBy = groupBy(promises, (p) => p.invoice_id);
  return rows.map((row) => ({
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    currency: row.currency,
    amountMinor: Number(row.amount_minor),
    outstandingMinor: Number(row.outstanding_minor),
    issuedAt: row.issued_at,
    dueDate: row.due_date,
    status: invoiceStatus(row, today),
    paymentLink: row.payment_link,
    promises: (promisesBy.get(row.id) ?? []).map(
      (p): PaymentPromise => ({
        id: p.id,
        invoiceId: p.invoice_id,
        amountMinor: Number(p.amount_minor),
        promisedDate: p.promised_date,
        status: p.status as PaymentPromise["status"],
        createdAt: p.created_at,
      }),
    ),
  }));
}
