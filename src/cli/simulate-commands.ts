import { SingleBar } from "cli-progress";
import { loadAgent } from "../agent/index.ts";
import {
  runSimulation,
  type SimulationReport,
  type Split,
  type TrialResult,
} from "../governance/simulation/index.ts";
import { TAU_AGENT_DIR } from "./conformance.ts";
import { materialiseVersion } from "./version-commands.ts";

export interface SimulateOptions {
  config?: string;
  version?: number;
  tasks: "tau-retail";
  k: number;
  split: Split;
  seed: string;
  agent?: string;
  limit?: number;
  task?: string[];
  json?: boolean;
  failures: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The report as a person reads it: pass^k first, then what failed and why. */
export function formatSimulation(report: SimulationReport, failures: number): string {
  const lines: string[] = [];
  lines.push(
    `${report.tasks} tau-bench ${report.split} tasks × ${report.k} trials against ${report.agent} (${report.agentVersion}), seed ${report.seed}, ${report.seconds.toFixed(1)} s`,
  );
  lines.push(report.passHat.map((p, i) => `pass^${i + 1} ${p.toFixed(3)}`).join("   "));
  lines.push(`final order state as expected: ${pct(report.stateMatchRate)} of trials`);
  lines.push(`policy violations: ${report.violations}`);
  lines.push(`customer turns per trial: ${report.meanTurns.toFixed(1)} on average`);
  const byGoal = new Map<string, { passed: number; total: number }>();
  for (const t of report.trials) {
    const key = t.goals.length === 0 ? "questions only" : [...new Set(t.goals)].join("+");
    const entry = byGoal.get(key) ?? { passed: 0, total: 0 };
    entry.total++;
    if (t.passed) entry.passed++;
    byGoal.set(key, entry);
  }
  lines.push("by what the customer wants (trials passed):");
  for (const [key, { passed, total }] of [...byGoal].sort((a, b) => b[1].total - a[1].total))
    lines.push(`  ${key.padEnd(40)} ${passed}/${total}`);
  const stops = new Map<string, number>();
  for (const t of report.trials) stops.set(t.stop, (stops.get(t.stop) ?? 0) + 1);
  lines.push(`how conversations ended: ${[...stops].map(([s, n]) => `${s} ${n}`).join(", ")}`);
  for (const t of report.trials.filter((x) => x.violations.length > 0))
    lines.push(`  VIOLATION ${t.taskId} trial ${t.trial}: ${t.violations.join("; ")}`);
  const failed = report.trials.filter((t) => !t.passed).slice(0, failures);
  if (failed.length > 0) lines.push(`first ${failed.length} failed trials:`);
  for (const t of failed) lines.push(`  ${t.taskId} trial ${t.trial} (${t.conversationId}): ${why(t)}`);
  return lines.join("\n");
}

function why(t: TrialResult): string {
  const parts = [`ended ${t.stop} after ${t.turns} turns`];
  if (t.difference) parts.push(t.difference);
  if (t.missingOutputs.length > 0) parts.push(`not stated: ${t.missingOutputs.join(", ")}`);
  return parts.join("; ");
}

export async function simulateCommand(options: SimulateOptions): Promise<void> {
  let bar: SingleBar | undefined;
  const draft = options.agent ?? TAU_AGENT_DIR;
  // A published version of that agent, from the platform's database, instead of the directory.
  const agentDir =
    options.version !== undefined
      ? await materialiseVersion(options, loadAgent(draft).definition.id, options.version)
      : draft;
  const report = await runSimulation({
    agentDir,
    ...(options.version !== undefined ? { versionLabel: `v${options.version}` } : {}),
    split: options.split,
    k: options.k,
    seed: options.seed,
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.task && options.task.length > 0 ? { taskIds: options.task } : {}),
    onTrial: (done, total) => {
      if (!process.stderr.isTTY || options.json) return;
      if (!bar) {
        bar = new SingleBar({
          format: "simulate [{bar}] {value}/{total} trials",
          stream: process.stderr,
          clearOnComplete: true,
        });
        bar.start(total, 0);
      }
      bar.update(done);
      if (done === total) bar.stop();
    },
  });
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatSimulation(report, options.failures));
  // A change the rules forbid is never acceptable, whatever the pass rate.
  if (report.violations > 0) process.exitCode = 1;
}
