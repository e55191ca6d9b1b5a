import type { Kysely } from "kysely";
import type { MigrationSet } from "../../platform/storage/index.ts";

export const accessMigrations: MigrationSet = {
  "2026-11-26-0700-access": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("auth_users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .execute();
      await db.schema
        .createTable("auth_sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("auth_users.id").onDelete("cascade"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("auth_sessions_expiry").on("auth_sessions").column("expires_at").execute();
      await db.schema
        .createTable("auth_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("scopes", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text")
        .addColumn("revoked_at", "text")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["auth_tokens", "auth_sessions", "auth_users"])
        await db.schema.dropTable(table).ifExists().execute();
    },
  },
};
