import type { Kysely } from "kysely";
import type { MigrationSet } from "../../platform/storage/index.ts";

export const auditMigrations: MigrationSet = {
  "2026-11-26-0200-audit-log": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("audit_log")
        .addColumn("seq", "bigint", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject_type", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("audit_log_subject")
        .on("audit_log")
        .columns(["subject_type", "subject_id"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("audit_log").ifExists().execute();
    },
  },
  "2026-11-26-0600-audit-data-subject": {
    async up(db: Kysely<unknown>) {
      // The pseudonym of the customer whose personal data the entry holds (sealed with their key).
      await db.schema.alterTable("audit_log").addColumn("data_subject", "text").execute();
      await db.schema.createIndex("audit_log_data_subject").on("audit_log").column("data_subject").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("audit_log_data_subject").ifExists().execute();
      await db.schema.alterTable("audit_log").dropColumn("data_subject").execute();
    },
  },
};
