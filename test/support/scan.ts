import { sql } from "kysely";
import type { Storage } from "../../src/platform/index.ts";

/** Every text value in every table of the database, for scanning. */
export async function everyStoredText(storage: Storage, only?: string[]): Promise<string[]> {
  const tables =
    storage.dialect === "sqlite"
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(storage.db))
          .rows
      : (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema()`.execute(storage.db)
        ).rows;
  const out: string[] = [];
  for (const { name } of tables) {
    if (only && !only.includes(name)) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(storage.db))
      .rows;
    for (const row of rows)
      for (const value of Object.values(row)) if (value !== null) out.push(String(value));
  }
  return out;
}
