import type { LoadedAgent } from "../../agent/index.ts";
import { Agent } from "../../agent/runtime.ts";
import { type OmsDb, ReferenceOms, seedReferenceOms } from "../../commerce/reference/index.ts";
import { AuditLog, Vault } from "../../compliance/index.ts";
import { MIGRATIONS } from "../../migrations.ts";
import { type Clock, migrateToLatest, openStorage, type Storage } from "../../platform/index.ts";
import { PolicyEngine } from "../../policy/index.ts";

/** Conversation tests run against the enriched store placed around this instant, so dates never drift. */
export const TEST_ANCHOR = "2026-11-26T12:00:00.000Z";

/**
 * The agent over a given store, auditing into that database with a process-only key: for tests,
 * gates, replays and benches, never for customers.
 */
export function agentOverStore(
  storage: Storage,
  loaded: LoadedAgent,
  connector: ReferenceOms,
  clock: Clock,
): Promise<Agent> {
  return Agent.create({
    agent: loaded,
    connector,
    policy: new PolicyEngine(loaded.policy),
    audit: new AuditLog({
      db: storage.db,
      dialect: storage.dialect,
      clock,
      vault: Vault.ephemeral(storage.db),
    }),
    clock,
  });
}

/** The agent over a seeded reference store in memory: for tests, gates and one-off commands, never for customers. */
export async function inMemoryAgent(loaded: LoadedAgent, dataset: "enriched" | "tau", clock: Clock) {
  const storage = await openStorage({ sqliteFile: ":memory:" });
  try {
    await migrateToLatest(storage, MIGRATIONS);
    const db = storage.db as unknown as OmsDb;
    await seedReferenceOms(db, { dataset, anchor: clock.now() });
    const connector = new ReferenceOms({ db, dialect: storage.dialect, clock });
    const agent = await agentOverStore(storage, loaded, connector, clock);
    return { storage, agent, connector };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
