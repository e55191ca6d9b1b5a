import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { loadAgent } from "../../agent/index.ts";
import { fixedClock } from "../../platform/index.ts";
import { inMemoryAgent, TEST_ANCHOR } from "../conversation-tests/in-memory.ts";
import { loadConversationTests, runConversationTests } from "../conversation-tests/index.ts";
import type { ReplayReport } from "./replay.ts";

export interface GateReport {
  passed: boolean;
  tests: { total: number; failed: { name: string; file: string; failures: string[] }[] };
  /** Recorded conversations replayed against today's version and the candidate, when there are any. */
  replay?: ReplayReport;
}

/**
 * The release gate: the candidate's own conversation tests, each against a fresh seeded store, must
 * all pass; and recorded conversations, replayed against today's version and the candidate on the same
 * state, must come out the same (tool calls, policy decisions, changes, handoffs).
 */
export async function runReleaseGate(
  dir: string,
  options: { replay?: ((candidateDir: string) => Promise<ReplayReport>) | undefined } = {},
): Promise<GateReport> {
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
      // Paths inside the version ("tests/return/final-sale-en.yaml"), not the staging directory.
      .map((r) => ({ name: r.name, file: relative(dir, r.file), failures: r.failures }));
    const replay = options.replay ? await options.replay(dir) : undefined;
    return {
      passed: failed.length === 0 && (replay?.regressions.length ?? 0) === 0,
      tests: { total: results.length, failed },
      ...(replay ? { replay } : {}),
    };
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
  if (report.replay) {
    const r = report.replay;
    lines.push(
      `replayed conversations: ${r.replayed - r.regressions.length}/${r.replayed} unchanged` +
        (r.drifted
          ? ` (${r.drifted} no longer match their recording on today's version either: the store moved on)`
          : ""),
    );
    for (const g of r.regressions) {
      lines.push(`  CHANGED conversation ${g.conversationId}`);
      for (const d of g.differences) lines.push(`       ${d}`);
    }
  }
  return lines.join("\n");
}
