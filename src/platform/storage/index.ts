export {
  type DialectName,
  type OpenStorageOptions,
  openStorage,
  redactUrl,
  type Storage,
} from "./database.ts";
export { type MigrationReport, type MigrationSet, migrateToLatest } from "./migrations.ts";
export { inTransaction, lockForUpdate } from "./transaction.ts";
