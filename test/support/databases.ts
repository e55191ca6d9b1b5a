import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { MIGRATIONS } from "../../src/app.ts";
import { migrateToLatest, openStorage, type Storage } from "../../src/platform/index.ts";

/**
 * The databases every storage test runs against: SQLite always, PostgreSQL when reachable.
 * On CI (CI=true) PostgreSQL must be reachable: a missing server fails the run instead of skipping.
 */
export const POSTGRES_URL =
  process.env.SWITCHBOARD_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  name: "sqlite" | "postgres";
  /** A skip message when this database cannot run here (never on CI). */
  skip: string | false;
  /** A fresh, migrated, empty database; `close` drops it. */
  open(): Promise<Storage>;
}

async function postgresReachable(): Promise<string | false> {
  try {
    const probe = await openStorage({ databaseUrl: POSTGRES_URL, postgresPoolSize: 1 });
    await probe.close();
    return false;
  } catch (error) {
    const message = `PostgreSQL not reachable at ${POSTGRES_URL} (${(error as Error).message.split("\n")[0]})`;
    if (process.env.CI === "true") throw new Error(`${message}; on CI the PostgreSQL suite must run`);
    console.warn(`\n*** SKIPPING PostgreSQL tests: ${message} ***\n`);
    return message;
  }
}

let cached: Promise<TestDatabase[]> | undefined;

export function testDatabases(): Promise<TestDatabase[]> {
  cached ??= (async () => {
    const pgSkip = await postgresReachable();
    return [
      {
        name: "sqlite",
        skip: false,
        async open() {
          const storage = await openStorage({ sqliteFile: ":memory:" });
          await migrateToLatest(storage, MIGRATIONS);
          return storage;
        },
      },
      {
        name: "postgres",
        skip: pgSkip,
        async open() {
          const schema = `t_${randomBytes(6).toString("hex")}`;
          const storage = await openStorage({
            databaseUrl: POSTGRES_URL,
            postgresSchema: schema,
            postgresPoolSize: 4,
          });
          await migrateToLatest(storage, MIGRATIONS);
          return {
            ...storage,
            async close() {
              await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(storage.db).catch(() => {});
              await storage.close();
            },
          };
        },
      },
    ];
  })();
  return cached;
}
