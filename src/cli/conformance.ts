import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { SingleBar } from "cli-progress";
import { sql } from "kysely";
import { loadAgent } from "../agent/index.ts";
import { MIGRATIONS } from "../app.ts";
import { DATASETS_DIR, type OmsDb, seedReferenceOms } from "../commerce/reference/index.ts";
import {
  type ConformanceReport,
  type Suite,
  summarize,
  TauConformance,
} from "../governance/conformance/runner.ts";
import { fixedClock, migrateToLatest, openStorage } from "../platform/index.ts";
import { PolicyEngine } from "../policy/index.ts";

export const TAU_AGENT_DIR = fileURLToPath(new URL("../../agents/tau-retail", import.meta.url));

export interface ConformanceRunOptions {
  suites: Suite[];
  databaseUrl?: string | undefined;
  agentDir?: string;
  progress?: boolean;
}

/** Whether a report meets the bar: every tau-bench task, every tau2 task but documented deviations, every negative refused. */
export function conformancePasses(report: ConformanceReport): boolean {
  return (
    report.initialStateIdentical &&
    report.results.every((r) => r.match || (r.suite === "tau2" && r.deviation !== undefined)) &&
    report.results.every((r) => r.negativesRefused === r.negativesChecked)
  );
}

/**
 * Loads the plain tau data into a fresh database (in-memory SQLite, or a throwaway PostgreSQL
 * schema when a URL is given), replays the suites and drops the database again.
 */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceReport> {
  const schema = `conformance_${randomBytes(4).toString("hex")}`;
  const storage = await openStorage(
    options.databaseUrl
      ? { databaseUrl: options.databaseUrl, postgresSchema: schema, postgresPoolSize: 2 }
      : { sqliteFile: ":memory:" },
  );
  try {
    await migrateToLatest(storage, MIGRATIONS);
    const clock = fixedClock("2026-01-15T12:00:00Z");
    await seedReferenceOms(storage.db as unknown as OmsDb, { dataset: "tau", anchor: clock.now() });
    const policy = new PolicyEngine(loadAgent(options.agentDir ?? TAU_AGENT_DIR).policy);
    let bar: SingleBar | undefined;
    const runner = new TauConformance({
      storage,
      policy,
      clock,
      datasetsDir: DATASETS_DIR,
      suites: options.suites,
      onTask: (done, total) => {
        if (!options.progress) return;
        if (!bar) {
          bar = new SingleBar({
            format: "conformance [{bar}] {value}/{total} tasks",
            stream: process.stderr,
            clearOnComplete: true,
          });
          bar.start(total, 0);
        }
        bar.update(done);
        if (done === total) bar.stop();
      },
    });
    return await runner.run();
  } finally {
    if (options.databaseUrl)
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(storage.db).catch(() => {});
    await storage.close();
  }
}

export { summarize };
