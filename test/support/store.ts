import {
  type Dataset,
  type OmsDb,
  ReferenceOms,
  seedReferenceOms,
  sequentialIds,
} from "../../src/commerce/reference/index.ts";
import { fixedClock, type Storage } from "../../src/platform/index.ts";

/** The instant every seeded test store is placed around. */
export const ANCHOR = "2026-11-26T12:00:00.000Z";

export async function seededStore(storage: Storage, dataset: Dataset = "tau") {
  const clock = fixedClock(ANCHOR);
  await seedReferenceOms(storage.db as unknown as OmsDb, { dataset, anchor: clock.now() });
  const oms = new ReferenceOms({
    db: storage.db as unknown as OmsDb,
    dialect: storage.dialect,
    clock,
    ids: sequentialIds(),
  });
  return { oms, clock, db: storage.db as unknown as OmsDb };
}

/** Another available variant of the same product, for swap tests. */
export async function otherVariant(
  oms: ReferenceOms,
  productId: string,
  notId: string,
  wanted: "available" | "unavailable" = "available",
) {
  const product = await oms.getProduct(productId);
  const variant = product?.variants.find((v) => v.id !== notId && v.available === (wanted === "available"));
  if (!variant) throw new Error(`no ${wanted} variant of ${productId} besides ${notId}`);
  return variant;
}
