import { inTransaction } from "../../../platform/storage/index.ts";
import type { OmsDb } from "../store.ts";
import { buildSeed, type Dataset, type SeedData } from "./build.ts";
import { DATASETS_DIR, readTauData } from "./tau-files.ts";
import { clearReferenceData, countCustomers, readMeta, writeSeed } from "./write.ts";

export type { Dataset, SeedData } from "./build.ts";
export { buildSeed, NEW_CUSTOMERS } from "./build.ts";
export {
  DATASETS_DIR,
  readTauData,
  type TauData,
  type TauOrder,
  type TauProduct,
  type TauUser,
} from "./tau-files.ts";
export { countCustomers, readMeta } from "./write.ts";

export interface SeedReport {
  dataset: Dataset;
  anchor: string;
  rows: Record<string, number>;
}

/**
 * Replaces the reference store's data with a data set, in one transaction: a failed seed leaves
 * the previous data in place.
 */
export async function seedReferenceOms(
  db: OmsDb,
  options: {
    dataset: Dataset;
    anchor: Date;
    datasetsDir?: string;
    onProgress?: (table: string, rows: number) => void;
  },
): Promise<SeedReport> {
  const data: SeedData = buildSeed(readTauData(options.datasetsDir ?? DATASETS_DIR), {
    dataset: options.dataset,
    anchor: options.anchor,
  });
  await inTransaction(db, async (trx) => {
    await clearReferenceData(trx);
    await writeSeed(trx, data, options.onProgress);
  });
  const rows = Object.fromEntries(Object.entries(data).map(([table, list]) => [table, list.length]));
  return { dataset: options.dataset, anchor: options.anchor.toISOString(), rows };
}

/** Seeds when the store is empty (the first start); leaves existing data alone. */
export async function seedIfEmpty(
  db: OmsDb,
  options: { dataset: Dataset; anchor: Date },
): Promise<SeedReport | null> {
  if ((await countCustomers(db)) > 0) return null;
  return seedReferenceOms(db, options);
}

export async function describeData(
  db: OmsDb,
): Promise<{ dataset: string | null; anchor: string | null; customers: number }> {
  const meta = await readMeta(db);
  return { dataset: meta.dataset ?? null, anchor: meta.anchor ?? null, customers: await countCustomers(db) };
}
