import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { PersonalDataHolder } from "../../compliance/index.ts";
import { type DialectName, inTransaction } from "../../platform/storage/index.ts";
import type { ReferenceOms } from "./connector.ts";
import type { OmsDb } from "./store.ts";

const ERASED_JSON = JSON.stringify({ erased: true });

/**
 * The reference order system's personal data: the customer's profile (names, addresses, emails,
 * phones, payment methods) and the delivery addresses of their orders. Erasure anonymises it in
 * place and moves the orders to a fresh opaque customer id (tau ids carry the customer's name), so
 * that orders, invoices and refunds still add up for the books but no longer point at a person.
 */
export function referenceOmsPersonalData(
  oms: ReferenceOms,
  omsDb: OmsDb,
  dialect: DialectName,
): PersonalDataHolder[] {
  return [
    {
      section: "profile",
      async export(customerId) {
        return (await oms.getCustomer(customerId)) as Record<string, unknown> | null;
      },
      async erase(customerId) {
        return inTransaction(omsDb, async (db) => {
          const customer = await db
            .selectFrom("oms_customers")
            .selectAll()
            .where("id", "=", customerId)
            .executeTakeFirst();
          if (!customer) return 0;
          const ids = (
            await db.selectFrom("oms_orders").select("id").where("customer_id", "=", customerId).execute()
          ).map((r) => r.id);
          const anonymous = `erased_${randomBytes(8).toString("hex")}`;
          await db
            .insertInto("oms_customers")
            .values({
              ...customer,
              id: anonymous,
              first_name: "",
              last_name: "",
              line1: "",
              line2: "",
              city: "",
              state: "",
              postal_code: "",
              postal_key: anonymous,
            })
            .execute();
          await db.deleteFrom("oms_customer_emails").where("customer_id", "=", customerId).execute();
          await db.deleteFrom("oms_customer_phones").where("customer_id", "=", customerId).execute();
          await db
            .updateTable("oms_payment_methods")
            .set({ customer_id: anonymous, last_four: null })
            .where("customer_id", "=", customerId)
            .execute();
          await db
            .updateTable("oms_orders")
            .set({ customer_id: anonymous, line1: "", line2: "", city: "", state: "", postal_code: "" })
            .where("customer_id", "=", customerId)
            .execute();
          await db
            .updateTable("oms_invoices")
            .set({ customer_id: anonymous })
            .where("customer_id", "=", customerId)
            .execute();
          // Change history holds old and new addresses.
          await db
            .updateTable("oms_change_log")
            .set({ before: ERASED_JSON, after: ERASED_JSON, subject_id: anonymous })
            .where("subject_type", "=", "customer")
            .where("subject_id", "=", customerId)
            .execute();
          for (let i = 0; i < ids.length; i += 500) {
            await db
              .updateTable("oms_change_log")
              .set({ before: ERASED_JSON, after: ERASED_JSON })
              .where("subject_type", "=", "order")
              .where("subject_id", "in", ids.slice(i, i + 500))
              .execute();
          }
          // Replay records hold whole outcomes (the order and the customer): they go.
          const mentions =
            dialect === "postgres"
              ? sql<boolean>`strpos(outcome, ${customerId}) > 0`
              : sql<boolean>`instr(outcome, ${customerId}) > 0`;
          await db.deleteFrom("oms_idempotency").where(mentions).execute();
          await db.deleteFrom("oms_customers").where("id", "=", customerId).execute();
          return 1 + ids.length;
        });
      },
    },
    {
      section: "orders",
      export: (customerId) => oms.listOrders(customerId),
      erase: async () => 0, // anonymised with the profile, in one transaction
    },
    {
      section: "invoices",
      export: (customerId) => oms.listInvoices(customerId),
      erase: async () => 0,
    },
  ];
}

/** Retention of the order system's replay records (they repeat whole orders and customers). */
export function replayRecordRetention(omsDb: OmsDb, days: number) {
  return {
    dataType: "replay_records",
    days,
    async purgeOlderThan(cutoff: Date): Promise<number> {
      const result = await omsDb
        .deleteFrom("oms_idempotency")
        .where("created_at", "<", cutoff.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
