import type { Kysely } from "kysely";
import type { MigrationSet } from "../platform/storage/index.ts";

export const handoffMigrations: MigrationSet = {
  "2026-12-01-1300-handoffs": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("handoffs")
        .addColumn("conversation_id", "text", (c) => c.primaryKey())
        .addColumn("queue", "text", (c) => c.notNull())
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("boost", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("enqueued_at", "text", (c) => c.notNull())
        .addColumn("offered_to", "text")
        .addColumn("offered_at", "text")
        .addColumn("assigned_to", "text")
        .addColumn("assigned_at", "text")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_failure", "text")
        .addColumn("callback_requested", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("wrap_up", "text")
        .addColumn("closed_at", "text")
        .addColumn("closed_by", "text")
        .execute();
      await db.schema.createIndex("handoffs_status").on("handoffs").columns(["status", "queue"]).execute();
      await db.schema
        .createTable("desk_agents")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("presence", "text", (c) => c.notNull())
        .addColumn("languages", "text", (c) => c.notNull())
        .addColumn("max_chats", "integer", (c) => c.notNull())
        .addColumn("max_calls", "integer", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("desk_agents").ifExists().execute();
      await db.schema.dropTable("handoffs").ifExists().execute();
    },
  },
};
