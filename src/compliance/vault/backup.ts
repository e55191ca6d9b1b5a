import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { sql } from "kysely";
import { SwitchboardError } from "../../platform/errors.ts";
import type { Storage } from "../../platform/storage/index.ts";

/**
 * Backups never hold the data keys: a backup taken before an erasure is restored beside the live key
 * table, where the erased customer's keys are already gone, so what the backup holds of them stays
 * unreadable. The key table is backed up on its own (short retention), the master key never with either.
 */
export const KEY_TABLE = "compliance_data_keys";

/** Writes a consistent copy of the database without the data keys. */
export async function backupDatabase(
  storage: Storage,
  file: string,
): Promise<{ file: string; format: string }> {
  if (existsSync(file)) throw new SwitchboardError("conflict", `${file} already exists`);
  if (storage.dialect === "sqlite") {
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    await sql`vacuum into ${partial}`.execute(storage.db);
    const copy = new Database(partial);
    try {
      // secure_delete overwrites the freed pages; vacuum then drops them.
      copy.pragma("secure_delete = ON");
      copy.prepare(`delete from ${KEY_TABLE}`).run();
      copy.exec("vacuum");
    } finally {
      copy.close();
    }
    renameSync(partial, file);
    return { file, format: "sqlite" };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new SwitchboardError("config_invalid", "DATABASE_URL is needed for pg_dump");
  const table = storage.schema ? `${storage.schema}.${KEY_TABLE}` : KEY_TABLE;
  const dumped = spawnSync(
    "pg_dump",
    [
      "--format=custom",
      `--exclude-table-data=${table}`,
      ...(storage.schema ? [`--schema=${storage.schema}`] : []),
      `--file=${file}`,
      url,
    ],
    { encoding: "utf8" },
  );
  if (dumped.error || dumped.status !== 0)
    throw new SwitchboardError(
      "storage_unavailable",
      `pg_dump failed: ${dumped.error?.message ?? dumped.stderr.trim()} (install the PostgreSQL client)`,
    );
  return { file, format: "pg_dump custom (restore with pg_restore; keep the live key table)" };
}

/**
 * Puts a SQLite backup in place of the live database (the server must be stopped) and keeps the live
 * data keys: keys shredded since the backup stay shredded.
 */
export function restoreSqlite(liveFile: string, backupFile: string): { keys: number } {
  if (!existsSync(backupFile)) throw new SwitchboardError("not_found", `${backupFile} not found`);
  const live = new Database(liveFile);
  let keys: Array<Record<string, unknown>>;
  try {
    keys = live.prepare(`select * from ${KEY_TABLE}`).all() as Array<Record<string, unknown>>;
    live.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    live.close();
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(`${liveFile}${suffix}`, { force: true });
  copyFileSync(backupFile, `${liveFile}.restoring`);
  const restored = new Database(`${liveFile}.restoring`);
  try {
    const insert = restored.prepare(
      `insert into ${KEY_TABLE} (subject, wrapped_key, created_at, shredded_at)
       values (@subject, @wrapped_key, @created_at, @shredded_at)`,
    );
    restored.transaction(() => {
      for (const key of keys) insert.run(key);
    })();
  } finally {
    restored.close();
  }
  renameSync(`${liveFile}.restoring`, liveFile);
  return { keys: keys.length };
}
