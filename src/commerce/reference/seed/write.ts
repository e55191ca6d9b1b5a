import { sql } from "kysely";
import type { OmsTables } from "../schema/tables.ts";
import type { OmsDb } from "../store.ts";
import type { SeedData } from "./build.ts";

/** Children first, so foreign keys hold while clearing. */
const CLEAR_ORDER: Array<keyof OmsTables> = [
  "oms_idempotency",
  "oms_payment_promises",
  "oms_invoices",
  "oms_change_log",
  "oms_exchange_items",
  "oms_exchanges",
  "oms_return_items",
  "oms_returns",
  "oms_tracking_events",
  "oms_shipment_items",
  "oms_shipments",
  "oms_transactions",
  "oms_order_items",
  "oms_order_promotions",
  "oms_orders",
  "oms_variant_prices",
  "oms_variants",
  "oms_products",
  "oms_payment_methods",
  "oms_customer_phones",
  "oms_customer_emails",
  "oms_customers",
  "oms_meta",
];

/** Bound parameters per statement, under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

export async function clearReferenceData(db: OmsDb): Promise<void> {
  for (const table of CLEAR_ORDER) await db.deleteFrom(table).execute();
}

export async function writeSeed(
  db: OmsDb,
  data: SeedData,
  onProgress?: (table: string, rows: number) => void,
): Promise<void> {
  for (const table of [...CLEAR_ORDER].reverse()) {
    const rows = data[table] as unknown as Array<Record<string, unknown>>;
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0] as object).length;
    const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
    for (let i = 0; i < rows.length; i += chunk) {
      await db
        .insertInto(table)
        .values(rows.slice(i, i + chunk) as never)
        .execute();
    }
    onProgress?.(table, rows.length);
  }
}

export async function countCustomers(db: OmsDb): Promise<number> {
  const row = await db
    .selectFrom("oms_customers")
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function readMeta(db: OmsDb): Promise<Record<string, string>> {
  const rows = await db.selectFrom("oms_meta").selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}
