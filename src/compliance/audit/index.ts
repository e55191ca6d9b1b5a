export { auditDeployment, type DeploymentSnapshot } from "./configuration.ts";
export {
  type AuditEntry,
  AuditLog,
  type AuditRecord,
  type AuditSink,
  auditPersonalData,
  customerSubject,
  ERASED_DATA,
  GENESIS_HASH,
} from "./log.ts";
export { auditMigrations } from "./migrations.ts";
