import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { SwitchboardError } from "../errors.ts";

export type DialectName = "sqlite" | "postgres";

/**
 * An open database. Parts add their own table types with `db.withTables<T>()`;
 * `dialect` lets the few dialect-specific statements (row locks) choose their form.
 */
export interface Storage {
  readonly db: Kysely<object>;
  readonly dialect: DialectName;
  /** Where the data lives, without credentials, for logs and /health. */
  readonly location: string;
  /** PostgreSQL: the schema the tables live in (migration bookkeeping is kept there too). */
  readonly schema?: string;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  /** PostgreSQL when set; SQLite in `dataDir` otherwise. */
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** SQLite file name inside `dataDir`, or ":memory:". */
  sqliteFile?: string;
  /** PostgreSQL schema to use (created if missing): isolates test runs sharing one server. */
  postgresSchema?: string;
  /** PostgreSQL pool size; one Node process serves many conversations over a few connections. */
  postgresPoolSize?: number;
}

// int8 (sums, counts, money in minor units) arrives as a string by default; every value we store
// fits well inside 2^53, so read it as a number.
pg.types.setTypeParser(20, (value: string) => Number(value));

export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openSqlite(options);
}

function openSqlite(options: OpenStorageOptions): Storage {
  const file = options.sqliteFile ?? "switchboard.sqlite";
  let path = file;
  if (file !== ":memory:") {
    const dir = resolve(options.dataDir ?? "./data");
    mkdirSync(dir, { recursive: true });
    path = resolve(dir, file);
  }
  let database: SQLite.Database;
  try {
    database = new SQLite(path);
  } catch (error) {
    throw new SwitchboardError(
      "storage_unavailable",
      `Cannot open SQLite database at ${path}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (path !== ":memory:") database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const db = new Kysely<object>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: "sqlite",
    location: `sqlite:${path}`,
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, options: OpenStorageOptions): Promise<Storage> {
  const schema = options.postgresSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new SwitchboardError("config_invalid", `Invalid PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.postgresPoolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const location = redactUrl(url) + (schema ? ` (schema ${schema})` : "");
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  let resolvedSchema = "public";
  try {
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    resolvedSchema = current.rows[0]?.schema ?? "public";
  } catch (error) {
    await db.destroy().catch(() => {});
    throw new SwitchboardError(
      "storage_unavailable",
      `Cannot reach PostgreSQL at ${location}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return { db, dialect: "postgres", location, schema: resolvedSchema, close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparseable url)";
  }
}
