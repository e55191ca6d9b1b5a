import { addBusinessDays } from "../../../platform/clock.ts";
import { toMinor } from "../../money.ts";
import { foldName, postalKey } from "../../normalize.ts";
import type { Region } from "../../types.ts";
import { CARD_REFUND_BUSINESS_DAYS } from "../changes/common.ts";
import type { OmsTables, PaymentMethodRow } from "../schema/tables.ts";
import {
  categoryOf,
  FINAL_SALE_PRODUCTS,
  HYGIENE_PRODUCTS,
  PRICE_LIST_RATES,
  regionalPrice,
  skuOf,
} from "./catalog.ts";
import { MARKETS, type Market, RETURN_CARRIER, trackingNumber } from "./geography.ts";
import { type Rng, rngFor } from "./rng.ts";
import type { TauData, TauOrder } from "./tau-files.ts";
import { trackingHistory } from "./tracking.ts";

export type Dataset = "tau" | "enriched";

export interface SeedOptions {
  dataset: Dataset;
  /** "Now" for the data: every date is placed relative to it and nothing happens after it. */
  anchor: Date;
}

export type SeedData = { [T in keyof OmsTables]: OmsTables[T][] };

/** New customers per market in the enriched store, beside tau's 500 US customers. */
export const NEW_CUSTOMERS: Record<Region, number> = {
  US: 20,
  GB: 60,
  DE: 60,
  FR: 45,
  ES: 40,
  IT: 40,
  NL: 35,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function empty(): SeedData {
  return {
    oms_meta: [],
    oms_customers: [],
    oms_customer_emails: [],
    oms_customer_phones: [],
    oms_payment_methods: [],
    oms_products: [],
    oms_variants: [],
    oms_variant_prices: [],
    oms_orders: [],
    oms_order_promotions: [],
    oms_order_items: [],
    oms_transactions: [],
    oms_shipments: [],
    oms_shipment_items: [],
    oms_tracking_events: [],
    oms_returns: [],
    oms_return_items: [],
    oms_exchanges: [],
    oms_exchange_items: [],
    oms_change_log: [],
    oms_invoices: [],
    oms_payment_promises: [],
    oms_idempotency: [],
  };
}

const iso = (at: Date | number) => new Date(at).toISOString();

/**
 * The reference store's data, computed (not written): tau's records unchanged in identity, items and
 * status, with dates, carriers and tracking; in the enriched set also phones, tiers, promotions, and
 * new customers and orders in six more markets with invoices, returns, exchanges and refunds.
 */
export function buildSeed(tau: TauData, options: SeedOptions): SeedData {
  const data = empty();
  const enriched = options.dataset === "enriched";
  const now = options.anchor;
  data.oms_meta.push({ key: "dataset", value: options.dataset }, { key: "anchor", value: iso(now) });

  addProducts(data, tau, enriched);
  const usedPhones = new Set<string>();
  addTauCustomers(data, tau, now, enriched, usedPhones);
  for (const order of Object.values(tau.orders)) addTauOrder(data, tau, order, now, enriched);
  if (enriched) addNewCustomers(data, tau, now, usedPhones);
  return data;
}

function addProducts(data: SeedData, tau: TauData, enriched: boolean): void {
  Object.values(tau.products).forEach((product, position) => {
    data.oms_products.push({
      id: product.product_id,
      name: product.name,
      category: categoryOf(product.name),
      final_sale: FINAL_SALE_PRODUCTS.has(product.name) ? 1 : 0,
      hygiene: HYGIENE_PRODUCTS.has(product.name) ? 1 : 0,
      position,
    });
    Object.values(product.variants).forEach((variant, vpos) => {
      const usd = toMinor(variant.price);
      data.oms_variants.push({
        id: variant.item_id,
        product_id: product.product_id,
        sku: skuOf(product.name, variant.item_id),
        options: JSON.stringify(variant.options),
        price_minor: usd,
        available: variant.available ? 1 : 0,
        position: vpos,
      });
      const currencies = enriched ? Object.keys(PRICE_LIST_RATES) : ["USD"];
      for (const currency of currencies) {
        data.oms_variant_prices.push({
          variant_id: variant.item_id,
          currency,
          amount_minor: regionalPrice(usd, currency),
        });
      }
    });
  });
}

function tierOf(rng: Rng): string {
  return rng.weighted([
    ["standard", 72],
    ["silver", 20],
    ["gold", 8],
  ] as const);
}

function uniquePhone(rng: Rng, market: Market, used: Set<string>): string {
  for (;;) {
    const phone = market.phone(rng);
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

function addTauCustomers(
  data: SeedData,
  tau: TauData,
  now: Date,
  enriched: boolean,
  usedPhones: Set<string>,
): void {
  for (const [id, user] of Object.entries(tau.users)) {
    const rng = rngFor("customer", id);
    data.oms_customers.push({
      id,
      first_name: user.name.first_name,
      last_name: user.name.last_name,
      language: "en-US",
      region: "US",
      tier: enriched ? tierOf(rng) : "standard",
      line1: user.address.address1,
      line2: user.address.address2,
      city: user.address.city,
      state: user.address.state,
      postal_code: user.address.zip,
      country: user.address.country,
      postal_key: postalKey(user.address.zip),
      created_at: iso(now.getTime() - rng.int(120, 1500) * DAY),
      row_version: 1,
    });
    data.oms_customer_emails.push({ email: user.email.toLowerCase(), customer_id: id, position: 0 });
    if (enriched) {
      data.oms_customer_phones.push({
        phone: uniquePhone(rng, MARKETS.US, usedPhones),
        customer_id: id,
        position: 0,
      });
    }
    Object.values(user.payment_methods).forEach((method, position) => {
      data.oms_payment_methods.push({
        id: method.id,
        customer_id: id,
        kind: method.source,
        brand: method.brand ?? null,
        last_four: method.last_four ?? null,
        balance_minor: method.balance === undefined ? null : toMinor(method.balance),
        currency: "USD",
        position,
      });
    });
  }
}

interface Timeline {
  placedAt: Date;
  processedAt?: Date;
  deliveredAt?: Date;
  cancelledAt?: Date;
}

/** Dates that fit the status, all within the last 90 days and none after `now`. */
function timeline(rng: Rng, status: string, now: Date): Timeline {
  const t = now.getTime();
  switch (status) {
    case "pending":
      return { placedAt: new Date(t - rng.int(1, 60) * HOUR) };
    case "processed": {
      const placed = t - rng.int(2, 7) * DAY - rng.int(0, 23) * HOUR;
      return {
        placedAt: new Date(placed),
        processedAt: new Date(Math.min(placed + rng.int(12, 40) * HOUR, t - 3 * HOUR)),
      };
    }
    case "delivered": {
      const delivered = t - rng.int(1, 80) * DAY - rng.int(0, 20) * HOUR;
      const shipped = delivered - rng.int(2, 6) * DAY;
      return {
        placedAt: new Date(shipped - rng.int(12, 40) * HOUR),
        processedAt: new Date(shipped),
        deliveredAt: new Date(delivered),
      };
    }
    default: {
      const placed = t - rng.int(1, 85) * DAY;
      return {
        placedAt: new Date(placed),
        cancelledAt: new Date(Math.min(placed + rng.int(1, 30) * HOUR, t - HOUR)),
      };
    }
  }
}

interface OrderDraft {
  id: string;
  customerId: string;
  customerPosition: number;
  status: string;
  region: Region;
  currency: string;
  channel: string;
  address: {
    line1: string;
    line2: string;
    city: string;
    state: string;
    postal_code: string;
    country: string;
  };
  items: Array<{
    productId: string;
    variantId: string;
    name: string;
    options: Record<string, string>;
    priceMinor: number;
  }>;
  payments: Array<{ kind: "payment" | "refund"; amountMinor: number; methodId: string; methodKind: string }>;
  fulfillments: Array<{ trackingNumber: string; variantIds: string[] }>;
  promotions: string[];
  cancelReason: string | null;
}

function addTauOrder(data: SeedData, tau: TauData, order: TauOrder, now: Date, enriched: boolean): void {
  const rng = rngFor("order", order.order_id);
  const user = tau.users[order.user_id];
  const methods = user?.payment_methods ?? {};
  addOrder(data, rng, now, enriched, {
    id: order.order_id,
    customerId: order.user_id,
    customerPosition: user?.orders.indexOf(order.order_id) ?? 0,
    status: order.status,
    region: "US",
    currency: "USD",
    channel: enriched ? channelOf(rng) : "web",
    address: {
      line1: order.address.address1,
      line2: order.address.address2,
      city: order.address.city,
      state: order.address.state,
      postal_code: order.address.zip,
      country: order.address.country,
    },
    items: order.items.map((i) => ({
      productId: i.product_id,
      variantId: i.item_id,
      name: i.name,
      options: i.options,
      priceMinor: toMinor(i.price),
    })),
    payments: order.payment_history.map((p) => ({
      kind: p.transaction_type,
      amountMinor: toMinor(p.amount),
      methodId: p.payment_method_id,
      methodKind: methods[p.payment_method_id]?.source ?? "credit_card",
    })),
    fulfillments: order.fulfillments.map((f) => ({
      trackingNumber: f.tracking_id[0] ?? "",
      variantIds: f.item_ids,
    })),
    promotions: enriched ? promotionsOf(rng) : [],
    cancelReason: null,
  });
}

function channelOf(rng: Rng): string {
  return rng.weighted([
    ["web", 70],
    ["app", 25],
    ["phone", 5],
  ] as const);
}

/** HOLIDAY25 carries the holiday returns extension in the standard policy. */
function promotionsOf(rng: Rng): string[] {
  if (!rng.chance(0.18)) return [];
  return [
    rng.weighted([
      ["HOLIDAY25", 60],
      ["WELCOME10", 25],
      ["FREESHIP", 15],
    ] as const),
  ];
}

/** Writes one order with its lines, payment history, shipments and tracking; returns its timeline. */
function addOrder(data: SeedData, rng: Rng, now: Date, enriched: boolean, draft: OrderDraft): Timeline {
  const when = timeline(rng, draft.status, now);
  data.oms_orders.push({
    id: draft.id,
    customer_id: draft.customerId,
    customer_position: draft.customerPosition,
    status: draft.status,
    currency: draft.currency,
    region: draft.region,
    channel: draft.channel,
    placed_at: iso(when.placedAt),
    processed_at: when.processedAt ? iso(when.processedAt) : null,
    delivered_at: when.deliveredAt ? iso(when.deliveredAt) : null,
    cancelled_at: when.cancelledAt ? iso(when.cancelledAt) : null,
    cancel_reason: draft.cancelReason,
    items_modified_at: null,
    ...draft.address,
    row_version: 1,
    updated_at: iso(when.cancelledAt ?? when.deliveredAt ?? when.processedAt ?? when.placedAt),
  });
  for (const code of draft.promotions) data.oms_order_promotions.push({ order_id: draft.id, code });

  const lineIds: string[] = [];
  draft.items.forEach((item, index) => {
    const lineId = `${draft.id}-${index + 1}`;
    lineIds.push(lineId);
    data.oms_order_items.push({
      id: lineId,
      order_id: draft.id,
      position: index,
      product_id: item.productId,
      variant_id: item.variantId,
      name: item.name,
      options: JSON.stringify(item.options),
      unit_price_minor: item.priceMinor,
    });
  });

  draft.payments.forEach((p, index) => {
    const seq = index + 1;
    const at = p.kind === "refund" ? (when.cancelledAt ?? when.placedAt) : when.placedAt;
    const expected = addBusinessDays(at, CARD_REFUND_BUSINESS_DAYS);
    const settled =
      p.kind === "payment" || p.methodKind === "gift_card" || expected.getTime() < now.getTime();
    data.oms_transactions.push({
      id: `${draft.id}-t${seq}`,
      order_id: draft.id,
      seq,
      kind: p.kind,
      amount_minor: p.amountMinor,
      currency: draft.currency,
      payment_method_id: p.methodId,
      status: settled ? "succeeded" : "pending",
      reason: p.kind === "payment" ? "order" : "cancel",
      created_at: iso(at),
      expected_at: p.kind === "refund" && p.methodKind !== "gift_card" ? iso(expected) : null,
    });
  });

  const market = MARKETS[draft.region];
  draft.fulfillments.forEach((f, position) => {
    const shipmentId = `${draft.id}-s${position + 1}`;
    const carrier = rng.pick(market.carriers);
    const shippedAt = when.processedAt ?? new Date(when.placedAt.getTime() + 6 * HOUR);
    let status = "label_created";
    let estimated: string | null = null;
    let events: Array<{ at: string; status: string; description: string; location: string }> = [];
    if (draft.status === "cancelled") {
      const cancelledAt = when.cancelledAt ?? now;
      status = "cancelled";
      events = [
        {
          at: iso(cancelledAt.getTime() - HOUR),
          status: "label_created",
          description: "Shipping label created, awaiting pickup",
          location: market.warehouse,
        },
        {
          at: iso(cancelledAt),
          status: "cancelled",
          description: "Shipment cancelled by sender before pickup",
          location: market.warehouse,
        },
      ];
    } else {
      const history = trackingHistory(rng, {
        carrier,
        origin: market.warehouse,
        destination: `${draft.address.city}${draft.address.state ? `, ${draft.address.state}` : ""}`,
        shippedAt,
        ...(when.deliveredAt ? { deliveredAt: when.deliveredAt } : {}),
        now,
        scenario: rng.weighted([
          ["on_time", 60],
          ["delayed", 20],
          ["exception", 10],
          ["out_for_delivery", 10],
        ] as const),
      });
      status = history.status;
      estimated = history.estimatedDelivery;
      events = history.events;
    }
    data.oms_shipments.push({
      id: shipmentId,
      order_id: draft.id,
      position,
      carrier,
      tracking_number: f.trackingNumber || trackingNumber(rng, carrier),
      service: enriched && rng.chance(0.15) ? "Express" : "Standard",
      status,
      shipped_at: draft.status === "cancelled" ? null : iso(shippedAt),
      estimated_delivery: estimated,
      delivered_at: when.deliveredAt ? iso(when.deliveredAt) : null,
    });
    // Fulfilments list variant ids; map each to a distinct line carrying that variant.
    const free = [...lineIds];
    f.variantIds.forEach((variantId, p) => {
      const index = free.findIndex((lineId) => draft.items[lineIds.indexOf(lineId)]?.variantId === variantId);
      const lineId = index >= 0 ? free.splice(index, 1)[0] : undefined;
      if (lineId) data.oms_shipment_items.push({ shipment_id: shipmentId, position: p, line_id: lineId });
    });
    for (const [seq, e] of events.entries())
      data.oms_tracking_events.push({ shipment_id: shipmentId, seq, ...e });
  });
  return when;
}

function asciiId(text: string): string {
  return foldName(text)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** New customers and orders in the seven markets, with invoices, returns, exchanges and refunds. */
function addNewCustomers(data: SeedData, tau: TauData, now: Date, usedPhones: Set<string>): void {
  const usedOrderIds = new Set(Object.keys(tau.orders));
  const usedCustomerIds = new Set(Object.keys(tau.users));
  const usedEmails = new Set(data.oms_customer_emails.map((e) => e.email));
  const products = Object.values(tau.products);
  let invoiceSeq = 1;

  for (const region of Object.keys(NEW_CUSTOMERS) as Region[]) {
    const market = MARKETS[region];
    for (let n = 0; n < NEW_CUSTOMERS[region]; n++) {
      const rng = rngFor("new-customer", region, String(n));
      const first = rng.pick(market.firstNames);
      const last = rng.pick(market.lastNames);
      let id = "";
      do id = `${asciiId(first)}_${asciiId(last)}_${rng.int(1000, 9999)}`;
      while (usedCustomerIds.has(id));
      usedCustomerIds.add(id);
      let email = "";
      do
        email = `${asciiId(first)}.${asciiId(last).replace(/_/g, "")}${rng.int(10, 9999)}@${rng.pick(market.emailDomains)}`;
      while (usedEmails.has(email));
      usedEmails.add(email);
      const place = rng.pick(market.cities);
      const postal = place.postal(rng);
      const address = {
        line1: market.street(rng, rng.pick(market.streets)),
        line2: market.line2(rng),
        city: place.city,
        state: place.state,
        postal_code: postal,
        country: market.country,
      };
      data.oms_customers.push({
        id,
        first_name: first,
        last_name: last,
        language: market.language,
        region,
        tier: tierOf(rng),
        ...address,
        postal_key: postalKey(postal),
        created_at: iso(now.getTime() - rng.int(100, 1500) * DAY),
        row_version: 1,
      });
      data.oms_customer_emails.push({ email, customer_id: id, position: 0 });
      data.oms_customer_phones.push({
        phone: uniquePhone(rng, market, usedPhones),
        customer_id: id,
        position: 0,
      });

      const methods = paymentMethodsFor(rng, market, id);
      for (const [position, m] of methods.entries()) data.oms_payment_methods.push({ ...m, position });

      const orderCount = rng.int(1, 4);
      for (let k = 0; k < orderCount; k++) {
        let orderId = "";
        do orderId = `#W${rng.int(1000000, 9999999)}`;
        while (usedOrderIds.has(orderId));
        usedOrderIds.add(orderId);
        const status = rng.weighted([
          ["pending", 20],
          ["processed", 15],
          ["delivered", 55],
          ["cancelled", 10],
        ] as const);
        const items = Array.from(
          {
            length: rng.weighted([
              [1, 45],
              [2, 30],
              [3, 15],
              [4, 10],
            ] as const),
          },
          () => {
            const product = rng.pick(products);
            const variant = rng.pick(Object.values(product.variants));
            return {
              productId: product.product_id,
              variantId: variant.item_id,
              name: product.name,
              options: variant.options,
              priceMinor: regionalPrice(toMinor(variant.price), market.currency),
            };
          },
        );
        const total = items.reduce((s, i) => s + i.priceMinor, 0);
        const usable = methods.filter(
          (m) =>
            (m.kind !== "gift_card" || (m.balance_minor ?? 0) >= total) &&
            !(m.kind === "invoice" && status === "cancelled"),
        );
        const method =
          usable.length > 0
            ? rng.pick(usable)
            : (methods.find((m) => m.kind === "credit_card" || m.kind === "paypal") ?? methods[0]);
        if (!method) continue;
        const byInvoice = method.kind === "invoice";
        const payments: OrderDraft["payments"] = byInvoice
          ? []
          : [{ kind: "payment", amountMinor: total, methodId: method.id, methodKind: method.kind }];
        if (status === "cancelled" && !byInvoice)
          payments.push({ kind: "refund", amountMinor: total, methodId: method.id, methodKind: method.kind });
        const when = addOrder(data, rng, now, true, {
          id: orderId,
          customerId: id,
          customerPosition: k,
          status,
          region,
          currency: market.currency,
          channel: channelOf(rng),
          address,
          items,
          payments,
          fulfillments:
            status === "pending" ? [] : [{ trackingNumber: "", variantIds: items.map((i) => i.variantId) }],
          promotions: promotionsOf(rng),
          cancelReason:
            status === "cancelled"
              ? rng.pick([
                  "no longer needed",
                  "ordered by mistake",
                  "found a better price",
                  "delivery too slow",
                ])
              : null,
        });
        if (byInvoice)
          invoiceSeq = addInvoice(
            data,
            rng,
            now,
            {
              orderId,
              customerId: id,
              region,
              currency: market.currency,
              total,
              methodId: method.id,
              placedAt: when.placedAt,
            },
            invoiceSeq,
          );
        if (status === "delivered" && when.deliveredAt)
          addAfterSales(data, rng, now, {
            orderId,
            region,
            currency: market.currency,
            items,
            methods,
            method,
            deliveredAt: when.deliveredAt,
            tau,
          });
      }
    }
  }
}

function paymentMethodsFor(
  rng: Rng,
  market: Market,
  customerId: string,
): Array<Omit<PaymentMethodRow, "position">> {
  const methods: Array<Omit<PaymentMethodRow, "position">> = [];
  const brands =
    market.region === "US" ? ["visa", "mastercard", "amex", "discover"] : ["visa", "mastercard", "amex"];
  methods.push({
    id: `credit_card_${rng.digits(7)}`,
    customer_id: customerId,
    kind: "credit_card",
    brand: rng.pick(brands),
    last_four: rng.digits(4),
    balance_minor: null,
    currency: market.currency,
  });
  if (rng.chance(0.45))
    methods.push({
      id: `paypal_${rng.digits(7)}`,
      customer_id: customerId,
      kind: "paypal",
      brand: null,
      last_four: null,
      balance_minor: null,
      currency: market.currency,
    });
  if (rng.chance(0.35))
    methods.push({
      id: `gift_card_${rng.digits(7)}`,
      customer_id: customerId,
      kind: "gift_card",
      brand: null,
      last_four: null,
      balance_minor: rng.int(0, 250) * 100,
      currency: market.currency,
    });
  const invoiceShare = market.region === "DE" || market.region === "NL" ? 0.6 : 0.35;
  if (rng.chance(invoiceShare))
    methods.push({
      id: `invoice_${rng.digits(7)}`,
      customer_id: customerId,
      kind: "invoice",
      brand: null,
      last_four: null,
      balance_minor: null,
      currency: market.currency,
    });
  return methods;
}

/** Pay-by-invoice terms: 14 days in Germany and the Netherlands, 30 elsewhere. */
function addInvoice(
  data: SeedData,
  rng: Rng,
  now: Date,
  o: {
    orderId: string;
    customerId: string;
    region: Region;
    currency: string;
    total: number;
    methodId: string;
    placedAt: Date;
  },
  seq: number,
): number {
  const id = `INV-${String(seq).padStart(6, "0")}`;
  const terms = o.region === "DE" || o.region === "NL" ? 14 : 30;
  const due = new Date(o.placedAt.getTime() + terms * DAY);
  const dueDate = due.toISOString().slice(0, 10);
  let outstanding = o.total;
  let status = "open";
  if (due.getTime() < now.getTime()) {
    const fate = rng.weighted([
      ["paid", 55],
      ["partial", 15],
      ["unpaid", 30],
    ] as const);
    if (fate !== "unpaid") {
      const paid = fate === "paid" ? o.total : Math.round((o.total * rng.int(25, 75)) / 100);
      outstanding = o.total - paid;
      if (outstanding === 0) status = "paid";
      const paidAt = new Date(Math.min(due.getTime() - rng.int(0, terms - 1) * DAY, now.getTime() - HOUR));
      const order = data.oms_transactions.filter((t) => t.order_id === o.orderId);
      data.oms_transactions.push({
        id: `${o.orderId}-t${order.length + 1}`,
        order_id: o.orderId,
        seq: order.length + 1,
        kind: "payment",
        amount_minor: paid,
        currency: o.currency,
        payment_method_id: o.methodId,
        status: "succeeded",
        reason: "order",
        created_at: iso(paidAt),
        expected_at: null,
      });
    }
    if (outstanding > 0 && rng.chance(0.3)) {
      // An earlier promise the customer did not keep.
      const promised = new Date(Math.min(due.getTime() + rng.int(3, 10) * DAY, now.getTime() - DAY));
      data.oms_payment_promises.push({
        id: `ptp_seed_${id}`,
        invoice_id: id,
        amount_minor: outstanding,
        promised_date: promised.toISOString().slice(0, 10),
        status: "broken",
        created_at: iso(promised.getTime() - rng.int(2, 6) * DAY),
      });
    }
  }
  data.oms_invoices.push({
    id,
    order_id: o.orderId,
    customer_id: o.customerId,
    currency: o.currency,
    amount_minor: o.total,
    outstanding_minor: outstanding,
    issued_at: iso(o.placedAt),
    due_date: dueDate,
    status,
    payment_link: `/pay/${id}`,
  });
  return seq + 1;
}

const RETURN_REASONS = [
  "Too small",
  "Too large",
  "Changed my mind",
  "Arrived damaged",
  "Not as described",
  "Wrong item sent",
];

/** Returns at every stage (requested to refunded) and exchanges on some delivered orders. */
function addAfterSales(
  data: SeedData,
  rng: Rng,
  now: Date,
  o: {
    orderId: string;
    region: Region;
    currency: string;
    items: OrderDraft["items"];
    methods: Array<{ id: string; kind: string }>;
    method: { id: string; kind: string };
    deliveredAt: Date;
    tau: TauData;
  },
): void {
  const roll = rng.next();
  if (roll < 0.14) {
    const returnedAt = new Date(
      Math.min(o.deliveredAt.getTime() + rng.int(1, 20) * DAY, now.getTime() - 2 * HOUR),
    );
    const age = (now.getTime() - returnedAt.getTime()) / DAY;
    const status = age < 2 ? "requested" : age < 6 ? "in_transit" : age < 9 ? "received" : "refunded";
    const count = rng.int(1, o.items.length);
    const amount = o.items.slice(0, count).reduce((s, i) => s + i.priceMinor, 0);
    const refundTo =
      o.method.kind === "invoice" ? (o.methods.find((m) => m.kind !== "invoice") ?? o.method) : o.method;
    const id = `ret_seed_${o.orderId.slice(2)}`;
    const rma = `RMA-${rng.digits(8)}`;
    data.oms_returns.push({
      id,
      rma_number: rma,
      order_id: o.orderId,
      status,
      reason: rng.pick(RETURN_REASONS),
      refund_method_id: refundTo.id,
      refund_amount_minor: amount,
      fee_minor: 0,
      currency: o.currency,
      label_type: "prepaid_label",
      label_carrier: RETURN_CARRIER[o.region],
      label_tracking: `${rma.replace("-", "")}R`,
      label_url: `/returns/${rma}/label`,
      created_at: iso(returnedAt),
      updated_at: iso(returnedAt),
    });
    for (let p = 0; p < count; p++)
      data.oms_return_items.push({ return_id: id, position: p, line_id: `${o.orderId}-${p + 1}`, opened: 0 });
    if (status === "refunded" || status === "received") {
      const seq = data.oms_transactions.filter((t) => t.order_id === o.orderId).length + 1;
      const at = new Date(returnedAt.getTime() + rng.int(5, 8) * DAY);
      const expected = addBusinessDays(at, CARD_REFUND_BUSINESS_DAYS);
      data.oms_transactions.push({
        id: `${o.orderId}-t${seq}`,
        order_id: o.orderId,
        seq,
        kind: "refund",
        amount_minor: amount,
        currency: o.currency,
        payment_method_id: refundTo.id,
        status: refundTo.kind === "gift_card" || status === "refunded" ? "succeeded" : "pending",
        reason: "return",
        created_at: iso(Math.min(at.getTime(), now.getTime() - HOUR)),
        expected_at: refundTo.kind === "gift_card" ? null : iso(expected),
      });
    }
  } else if (roll < 0.2) {
    const item = o.items[0];
    const product = item ? o.tau.products[item.productId] : undefined;
    const alternative = product
      ? Object.values(product.variants).find((v) => v.available && v.item_id !== item?.variantId)
      : undefined;
    if (!item || !alternative) return;
    const id = `exc_seed_${o.orderId.slice(2)}`;
    const newPrice = regionalPrice(toMinor(alternative.price), o.currency);
    data.oms_exchanges.push({
      id,
      order_id: o.orderId,
      status: "requested",
      payment_method_id: o.method.kind === "invoice" ? (o.methods[0]?.id ?? o.method.id) : o.method.id,
      price_difference_minor: newPrice - item.priceMinor,
      currency: o.currency,
      reason: rng.pick(["Wrong size", "Prefer another colour", "Different option needed"]),
      created_at: iso(Math.min(o.deliveredAt.getTime() + rng.int(1, 10) * DAY, now.getTime() - HOUR)),
    });
    data.oms_exchange_items.push({
      exchange_id: id,
      position: 0,
      line_id: `${o.orderId}-1`,
      new_variant_id: alternative.item_id,
      new_options: JSON.stringify(alternative.options),
      new_unit_price_minor: newPrice,
    });
  }
}
