import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import type { DialectName } from "./database.ts";

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one, so that a
 * conformance run or a multi-step workflow can wrap several operations and roll them back together.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute((trx: Transaction<DB>) => fn(trx));
}

/** Row lock for read-modify-write on PostgreSQL; SQLite serialises writers itself. */
export function lockForUpdate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  dialect: DialectName,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === "postgres" ? query.forUpdate() : query;
}
