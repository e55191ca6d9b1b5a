import type { Kysely } from "kysely";
import type { MigrationSet } from "../platform/index.ts";

export const conversationMigrations: MigrationSet = {
  "2026-11-26-0300-conversations": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("conversations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("agent_id", "text", (c) => c.notNull())
        .addColumn("agent_version", "text", (c) => c.notNull())
        .addColumn("customer_id", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("ended_at", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("event_count", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex("conversations_created")
        .on("conversations")
        .columns(["created_at", "id"])
        .execute();
      await db.schema
        .createIndex("conversations_channel")
        .on("conversations")
        .columns(["channel", "created_at"])
        .execute();
      await db.schema
        .createIndex("conversations_customer")
        .on("conversations")
        .column("customer_id")
        .execute();

      await db.schema
        .createTable("conversation_events")
        .addColumn("conversation_id", "text", (c) =>
          c.notNull().references("conversations.id").onDelete("cascade"),
        )
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("conversation_events_pk", ["conversation_id", "seq"])
        .execute();
      await db.schema
        .createIndex("conversation_events_type")
        .on("conversation_events")
        .columns(["type", "at"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("conversation_events").ifExists().execute();
      await db.schema.dropTable("conversations").ifExists().execute();
    },
  },
};
