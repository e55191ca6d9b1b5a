import { type Kysely, sql } from "kysely";
import type { MigrationSet } from "../../../platform/storage/index.ts";

const TABLES = [
  "oms_meta",
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
];

async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;

  await s
    .createTable("oms_customers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("tier", "text", (c) => c.notNull().defaultTo("standard"))
    .addColumn("line1", "text", (c) => c.notNull())
    .addColumn("line2", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    // Postal code upper-cased without spaces: "sw1a 1aa" finds "SW1A 1AA".
    .addColumn("postal_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("row_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await s.createIndex("oms_customers_postal_key").on("oms_customers").column("postal_key").execute();

  await s
    .createTable("oms_customer_emails")
    .addColumn("email", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull().references("oms_customers.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await s
    .createIndex("oms_customer_emails_customer")
    .on("oms_customer_emails")
    .column("customer_id")
    .execute();

  await s
    .createTable("oms_customer_phones")
    .addColumn("phone", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull().references("oms_customers.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await s
    .createIndex("oms_customer_phones_customer")
    .on("oms_customer_phones")
    .column("customer_id")
    .execute();

  await s
    .createTable("oms_payment_methods")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull().references("oms_customers.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("brand", "text")
    .addColumn("last_four", "text")
    .addColumn("balance_minor", "bigint")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    // Card data stops at the last four digits: the schema refuses anything longer.
    .addCheckConstraint("oms_payment_methods_last_four", sql`last_four is null or length(last_four) = 4`)
    .execute();
  await s
    .createIndex("oms_payment_methods_customer")
    .on("oms_payment_methods")
    .column("customer_id")
    .execute();

  await s
    .createTable("oms_products")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("final_sale", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hygiene", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();

  await s
    .createTable("oms_variants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("product_id", "text", (c) => c.notNull().references("oms_products.id").onDelete("cascade"))
    .addColumn("sku", "text", (c) => c.notNull().unique())
    .addColumn("options", "text", (c) => c.notNull())
    .addColumn("price_minor", "bigint", (c) => c.notNull())
    .addColumn("available", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await s.createIndex("oms_variants_product").on("oms_variants").column("product_id").execute();

  await s
    .createTable("oms_variant_prices")
    .addColumn("variant_id", "text", (c) => c.notNull().references("oms_variants.id").onDelete("cascade"))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("oms_variant_prices_pk", ["variant_id", "currency"])
    .execute();

  await s
    .createTable("oms_orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("customer_id", "text", (c) => c.notNull().references("oms_customers.id"))
    .addColumn("customer_position", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("web"))
    .addColumn("placed_at", "text", (c) => c.notNull())
    .addColumn("processed_at", "text")
    .addColumn("delivered_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("items_modified_at", "text")
    .addColumn("line1", "text", (c) => c.notNull())
    .addColumn("line2", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("row_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("oms_orders_customer")
    .on("oms_orders")
    .columns(["customer_id", "customer_position"])
    .execute();
  await s.createIndex("oms_orders_placed_at").on("oms_orders").column("placed_at").execute();

  await s
    .createTable("oms_order_promotions")
    .addColumn("order_id", "text", (c) => c.notNull().references("oms_orders.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("oms_order_promotions_pk", ["order_id", "code"])
    .execute();

  await s
    .createTable("oms_order_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("oms_orders.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("product_id", "text", (c) => c.notNull())
    .addColumn("variant_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("options", "text", (c) => c.notNull())
    .addColumn("unit_price_minor", "bigint", (c) => c.notNull())
    .execute();
  await s
    .createIndex("oms_order_items_order")
    .on("oms_order_items")
    .columns(["order_id", "position"])
    .execute();

  await s
    .createTable("oms_transactions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("oms_orders.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("payment_method_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expected_at", "text")
    .addUniqueConstraint("oms_transactions_order_seq", ["order_id", "seq"])
    .execute();

  await s
    .createTable("oms_shipments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("oms_orders.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("carrier", "text", (c) => c.notNull())
    .addColumn("tracking_number", "text", (c) => c.notNull())
    .addColumn("service", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("shipped_at", "text")
    .addColumn("estimated_delivery", "text")
    .addColumn("delivered_at", "text")
    .execute();
  await s.createIndex("oms_shipments_order").on("oms_shipments").column("order_id").execute();
  await s.createIndex("oms_shipments_tracking").on("oms_shipments").column("tracking_number").execute();

  await s
    .createTable("oms_shipment_items")
    .addColumn("shipment_id", "text", (c) => c.notNull().references("oms_shipments.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("line_id", "text", (c) => c.notNull().references("oms_order_items.id"))
    .addPrimaryKeyConstraint("oms_shipment_items_pk", ["shipment_id", "position"])
    .execute();

  await s
    .createTable("oms_tracking_events")
    .addColumn("shipment_id", "text", (c) => c.notNull().references("oms_shipments.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("oms_tracking_events_pk", ["shipment_id", "seq"])
    .execute();

  await s
    .createTable("oms_returns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rma_number", "text", (c) => c.notNull().unique())
    .addColumn("order_id", "text", (c) => c.notNull().references("oms_orders.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("refund_method_id", "text", (c) => c.notNull())
    .addColumn("refund_amount_minor", "bigint", (c) => c.notNull())
    .addColumn("fee_minor", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("label_type", "text")
    .addColumn("label_carrier", "text")
    .addColumn("label_tracking", "text")
    .addColumn("label_url", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("oms_returns_order").on("oms_returns").column("order_id").execute();

  await s
    .createTable("oms_return_items")
    .addColumn("return_id", "text", (c) => c.notNull().references("oms_returns.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("line_id", "text", (c) => c.notNull().references("oms_order_items.id"))
    .addColumn("opened", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("oms_return_items_pk", ["return_id", "position"])
    .execute();

  await s
    .createTable("oms_exchanges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("oms_orders.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("payment_method_id", "text", (c) => c.notNull())
    .addColumn("price_difference_minor", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("oms_exchanges_order").on("oms_exchanges").column("order_id").execute();

  await s
    .createTable("oms_exchange_items")
    .addColumn("exchange_id", "text", (c) => c.notNull().references("oms_exchanges.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("line_id", "text", (c) => c.notNull().references("oms_order_items.id"))
    .addColumn("new_variant_id", "text", (c) => c.notNull())
    .addColumn("new_options", "text", (c) => c.notNull())
    .addColumn("new_unit_price_minor", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("oms_exchange_items_pk", ["exchange_id", "position"])
    .execute();

  await s
    .createTable("oms_change_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("before", "text", (c) => c.notNull())
    .addColumn("after", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("oms_change_log_subject")
    .on("oms_change_log")
    .columns(["subject_type", "subject_id"])
    .execute();

  await s
    .createTable("oms_invoices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("oms_orders.id"))
    .addColumn("customer_id", "text", (c) => c.notNull().references("oms_customers.id"))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("outstanding_minor", "bigint", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("payment_link", "text", (c) => c.notNull())
    .execute();
  await s.createIndex("oms_invoices_customer").on("oms_invoices").column("customer_id").execute();
  await s.createIndex("oms_invoices_due").on("oms_invoices").columns(["status", "due_date"]).execute();

  await s
    .createTable("oms_payment_promises")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("invoice_id", "text", (c) => c.notNull().references("oms_invoices.id").onDelete("cascade"))
    .addColumn("amount_minor", "bigint", (c) => c.notNull())
    .addColumn("promised_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await s
    .createIndex("oms_payment_promises_invoice")
    .on("oms_payment_promises")
    .column("invoice_id")
    .execute();

  await s
    .createTable("oms_idempotency")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("change_hash", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await s
    .createTable("oms_meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
}

export const referenceOmsMigrations: MigrationSet = {
  "2026-11-26-0100-oms-core": { up, down },
};
