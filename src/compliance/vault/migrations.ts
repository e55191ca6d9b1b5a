import type { Kysely } from "kysely";
import type { MigrationSet } from "../../platform/storage/index.ts";

export const vaultMigrations: MigrationSet = {
  "2026-11-26-0250-data-keys": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("compliance_data_keys")
        .addColumn("subject", "text", (c) => c.primaryKey())
        .addColumn("wrapped_key", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("shredded_at", "text")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("compliance_data_keys").ifExists().execute();
    },
  },
};
