import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { digest } from "../../../platform/index.ts";
import { buildSeed, NEW_CUSTOMERS } from "./build.ts";
import { readTauData } from "./tau-files.ts";

const tau = readTauData();
const anchor = new Date("2026-11-26T12:00:00Z");
const enriched = buildSeed(tau, { dataset: "enriched", anchor });
const DAY = 86_400_000;

describe("seed data", () => {
  test("is the same on every run", () => {
    const again = buildSeed(readTauData(), { dataset: "enriched", anchor });
    assert.equal(digest(again), digest(enriched));
  });

  test("the plain tau data set holds exactly tau's records", () => {
    const plain = buildSeed(tau, { dataset: "tau", anchor });
    assert.equal(plain.oms_customers.length, 500);
    assert.equal(plain.oms_orders.length, 1000);
    assert.equal(plain.oms_products.length, 50);
    assert.equal(plain.oms_variants.length, 591);
    assert.equal(plain.oms_invoices.length, 0);
    assert.equal(plain.oms_customer_phones.length, 0);
  });

  test("keeps every tau customer's identity and every tau order's items and status", () => {
    for (const [id, user] of Object.entries(tau.users)) {
      const row = enriched.oms_customers.find((c) => c.id === id);
      assert.deepEqual(
        [row?.first_name, row?.last_name, row?.postal_code, row?.line1],
        [user.name.first_name, user.name.last_name, user.address.zip, user.address.address1],
      );
    }
    const itemsByOrder = new Map<string, string[]>();
    for (const item of enriched.oms_order_items)
      itemsByOrder.set(item.order_id, [...(itemsByOrder.get(item.order_id) ?? []), item.variant_id]);
    for (const [id, order] of Object.entries(tau.orders)) {
      const row = enriched.oms_orders.find((o) => o.id === id);
      assert.equal(row?.status, order.status, id);
      assert.deepEqual(
        itemsByOrder.get(id),
        order.items.map((i) => i.item_id),
        id,
      );
    }
    assert.equal(
      enriched.oms_returns.filter((r) => tau.orders[r.order_id]).length,
      0,
      "no returns added to tau orders",
    );
  });

  test("spreads new customers over seven markets with their currency and language", () => {
    const byRegion = new Map<string, number>();
    for (const c of enriched.oms_customers) byRegion.set(c.region, (byRegion.get(c.region) ?? 0) + 1);
    for (const [region, count] of Object.entries(NEW_CUSTOMERS)) {
      assert.equal(byRegion.get(region), (region === "US" ? 500 : 0) + count, region);
    }
    const currency = {
      US: "USD",
      GB: "GBP",
      DE: "EUR",
      FR: "EUR",
      ES: "EUR",
      IT: "EUR",
      NL: "EUR",
    } as Record<string, string>;
    const language = {
      US: "en-US",
      GB: "en-GB",
      DE: "de-DE",
      FR: "fr-FR",
      ES: "es-ES",
      IT: "it-IT",
      NL: "nl-NL",
    } as Record<string, string>;
    for (const o of enriched.oms_orders) assert.equal(o.currency, currency[o.region], o.id);
    for (const c of enriched.oms_customers) assert.equal(c.language, language[c.region], c.id);
    assert.equal(
      new Set(enriched.oms_customer_phones.map((p) => p.phone)).size,
      enriched.oms_customer_phones.length,
      "phones are unique",
    );
  });

  test("places every date within the last 90 days and none in the future", () => {
    for (const o of enriched.oms_orders) {
      const placed = Date.parse(o.placed_at);
      assert.ok(
        placed <= anchor.getTime() && placed >= anchor.getTime() - 90 * DAY,
        `${o.id} placed ${o.placed_at}`,
      );
      for (const at of [o.processed_at, o.delivered_at, o.cancelled_at])
        if (at) assert.ok(Date.parse(at) <= anchor.getTime() && Date.parse(at) >= placed, o.id);
    }
    for (const e of enriched.oms_tracking_events)
      assert.ok(Date.parse(e.at) <= anchor.getTime(), `${e.shipment_id} event in the future`);
  });

  test("has the situations a contact centre meets: delays, exceptions, overdue invoices, returns at every stage", () => {
    const shipmentStatus = new Set(enriched.oms_shipments.map((s) => s.status));
    for (const status of ["in_transit", "delayed", "exception", "out_for_delivery", "delivered"])
      assert.ok(shipmentStatus.has(status), status);
    const overdue = enriched.oms_invoices.filter(
      (i) => i.status === "open" && i.outstanding_minor > 0 && i.due_date < "2026-11-26",
    );
    assert.ok(overdue.length >= 10, `overdue invoices: ${overdue.length}`);
    assert.ok(enriched.oms_invoices.some((i) => i.status === "paid"));
    const returnStatus = new Set(enriched.oms_returns.map((r) => r.status));
    for (const status of ["requested", "in_transit", "refunded"]) assert.ok(returnStatus.has(status), status);
    assert.ok(
      enriched.oms_transactions.some((t) => t.kind === "refund" && t.status === "pending" && t.expected_at),
      "a refund still on its way",
    );
    assert.ok(enriched.oms_order_promotions.some((p) => p.code === "HOLIDAY25"));
  });
});
