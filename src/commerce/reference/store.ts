import type { Kysely } from "kysely";
import type { Clock } from "../../platform/clock.ts";
import type { DialectName } from "../../platform/storage/index.ts";
import type { IdGenerator } from "./ids.ts";
import type { OmsTables } from "./schema/tables.ts";

export type OmsDb = Kysely<OmsTables>;

/** What every reference-OMS operation needs: a handle (maybe a transaction), its dialect, time and ids. */
export interface OmsContext {
  db: OmsDb;
  dialect: DialectName;
  clock: Clock;
  ids: IdGenerator;
}

export function withDb(ctx: OmsContext, db: OmsDb): OmsContext {
  return { ...ctx, db };
}

export const flag = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;
export const asFlag = (value: boolean): number => (value ? 1 : 0);

export function parseJsonObject(text: string): Record<string, string> {
  const value = JSON.parse(text) as unknown;
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : {};
}
