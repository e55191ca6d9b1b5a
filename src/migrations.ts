import { referenceOmsMigrations } from "./commerce/reference/index.ts";
import { accessMigrations, auditMigrations, vaultMigrations } from "./compliance/index.ts";
import { conversationMigrations } from "./conversation/index.ts";
import { versionMigrations } from "./governance/versions/migrations.ts";
import { handoffMigrations } from "./handoff/migrations.ts";

/** Every part's migrations, applied in one global order at start. */
export const MIGRATIONS = [
  referenceOmsMigrations,
  auditMigrations,
  vaultMigrations,
  conversationMigrations,
  accessMigrations,
  versionMigrations,
  handoffMigrations,
];
