export { type AuditEntry, AuditLog, type AuditRecord, type AuditSink, GENESIS_HASH } from "./log.ts";
export { auditMigrations } from "./migrations.ts";
