import { type Migration, Migrator } from "kysely";
import { SwitchboardError } from "../errors.ts";
import type { Storage } from "./database.ts";

/**
 * Each part owns its tables and ships its migrations as a named set. Names start with a date
 * so that sets from different parts apply in one global order.
 */
export type MigrationSet = Record<string, Migration>;

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies every pending migration. On PostgreSQL the bookkeeping tables are pinned to the storage's
 * schema: Kysely otherwise looks for them across all schemas and finds another tenant's.
 */
export async function migrateToLatest(storage: Storage, sets: MigrationSet[]): Promise<MigrationReport> {
  const all: MigrationSet = {};
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set)) {
      if (all[name]) throw new SwitchboardError("internal", `Two migrations are named ${name}`);
      all[name] = migration;
    }
  }
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: async () => all },
    migrationTableName: "switchboard_migrations",
    migrationLockTableName: "switchboard_migrations_lock",
    ...(storage.schema ? { migrationTableSchema: storage.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new SwitchboardError(
      "storage_unavailable",
      `Database migration ${failed ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
