export { backupDatabase, KEY_TABLE, restoreSqlite } from "./backup.ts";
export { vaultMigrations } from "./migrations.ts";
export { isSealed, sealedSubject, Vault, type VaultOptions } from "./vault.ts";
