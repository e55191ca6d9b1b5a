import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadAgent } from "../../agent/index.ts";
import { fixedClock } from "../../platform/index.ts";
import { inMemoryAgent, TEST_ANCHOR } from "../conversation-tests/in-memory.ts";
import { loadConversationTests, runConversationTests } from "../conversation-tests/index.ts";

export interface GateReport {
  passed: boolean;
  tests: { total: number; failed: { name: string; file: string; failures: string[] }[] };
}

/**
 * The release gate: the candidate's own conversation tests, each against a fresh seeded store, must
 * all pass. (Replaying recorded conversations against the candidate is the next check to add here.)
 */
export async function runReleaseGate(dir: string): Promise<GateReport> {
  const loaded = loadAgent(dir);
  const testsDir = join(dir, "tests");
  const tests = existsSync(testsDir) ? loadConversationTests(testsDir) : [];
  const clock = fixedClock(TEST_ANCHOR);
  const { storage, agent, connector } = await inMemoryAgent(loaded, loaded.definition.dataset, clock);
  try {
    const results = await runConversationTests(tests, {
      storage,
      agent,
      connector,
      clock,
      agentVersion: "candidate",
    });
    const failed = results
      .filter((r) => !r.passed)
      .map((r) => ({ name: r.name, file: r.file, failures: r.failures }));
    return { passed: failed.length === 0, tests: { total: results.length, failed } };
  } finally {
    await storage.close();
  }
}

export function formatGateReport(report: GateReport): string {
  const lines = [
    `conversation tests: ${report.tests.total - report.tests.failed.length}/${report.tests.total} passed`,
  ];
  for (const f of report.tests.failed) {
    lines.push(`  FAIL ${f.name} (${f.file})`);
    for (const why of f.failures) lines.push(`       ${why}`);
  }
  return lines.join("\n");
}
