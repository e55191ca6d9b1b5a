export { ReferenceOms, type ReferenceOmsOptions } from "./connector.ts";
export { type IdGenerator, randomIds, sequentialIds } from "./ids.ts";
export { referenceOmsPersonalData, replayRecordRetention } from "./personal-data.ts";
export { referenceOmsMigrations } from "./schema/migrations.ts";
export type { OmsTables } from "./schema/tables.ts";
export {
  buildSeed,
  countCustomers,
  DATASETS_DIR,
  type Dataset,
  describeData,
  readTauData,
  type SeedReport,
  seedIfEmpty,
  seedReferenceOms,
  type TauData,
} from "./seed/index.ts";
export type { OmsDb } from "./store.ts";
