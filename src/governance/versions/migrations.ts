import type { Kysely } from "kysely";
import type { MigrationSet } from "../../platform/storage/index.ts";

export const versionMigrations: MigrationSet = {
  "2026-11-26-0800-agent-versions": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("agent_versions")
        .addColumn("agent_id", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("digest", "text", (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("gate", "text", (c) => c.notNull())
        .addColumn("bundle", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("agent_versions_pk", ["agent_id", "version"])
        .execute();
      await db.schema
        .createTable("agent_deployments")
        .addColumn("agent_id", "text", (c) => c.notNull())
        .addColumn("environment", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("canary_version", "integer")
        .addColumn("canary_percent", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("agent_deployments_pk", ["agent_id", "environment", "seq"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("agent_deployments").ifExists().execute();
      await db.schema.dropTable("agent_versions").ifExists().execute();
    },
  },
};
