import { SingleBar } from "cli-progress";
import { type Command, Option } from "commander";
import { loadAgent } from "../agent/index.ts";
import {
  runSimulation,
  type SimulationReport,
  type Split,
  type TrialResult,
} from "../governance/simulation/index.ts";
import { SwitchboardError } from "../platform/index.ts";
import {
  CallerSpeech,
  type CallFigures,
  type CallResult,
  ConversationLogReader,
  figureLines,
  figures,
  ms,
  type PlatformChild,
  runCalls,
  SCRIPT_NAMES,
  startPlatformChild,
} from "../voice/simulator/index.ts";
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

// ---- `switchboard simulate call`: scripted phone calls over SIP ----

/** What commander hands over for `simulate call`: strings as typed. */
export interface CallFlags {
  transport: string;
  script: string;
  snr?: string;
  noise: string;
  target?: string;
  url?: string;
  calls: string;
  atOnce?: string;
  seed?: string;
  cpus?: string;
  json?: boolean;
}

export function registerSimulateCall(simulate: Command): void {
  simulate
    .command("call")
    .description(
      "scripted phone calls over SIP: voice-to-voice latency, barge-in, backchannels and the outcome per call",
    )
    .addOption(new Option("--transport <name>", "how the call is carried").choices(["sip"]).default("sip"))
    .addOption(
      new Option("--script <name>", "what the caller says").choices(SCRIPT_NAMES).default("order-status"),
    )
    .option("--snr <dB>", "background noise this far below the caller's speech (none when left out)")
    .addOption(
      new Option("--noise <colour>", "kind of background noise").choices(["pink", "white"]).default("pink"),
    )
    .option(
      "--target <host:port>",
      "a platform's SIP endpoint (default: start a platform as a child process)",
    )
    .option("--url <url>", "with --target: the platform's HTTP address, to read the conversation log")
    .option("--calls <n>", "calls to place, each with another order of the seeded store", "1")
    .option("--at-once <n>", "at most this many calls at a time (default: all of them)")
    .option("--cpus <list>", "pin the started platform to these CPUs with taskset (e.g. 0)")
    .option("--json", "print the calls and figures as JSON")
    .action(async (opts: CallFlags) => {
      // `simulate` has a --seed and a --json of its own, and commander gives them the value wherever
      // they are written.
      const parent = simulate.opts() as { seed?: string; json?: boolean };
      const seed = simulate.getOptionValueSource("seed") === "cli" ? parent.seed : undefined;
      await simulateCallCommand({
        ...opts,
        ...(seed ? { seed } : {}),
        ...(opts.json || parent.json ? { json: true } : {}),
      });
    });
}

const hostPort = (value: string): { host: string; port: number } | null => {
  const m = /^([\w.-]+):(\d{1,5})$/.exec(value);
  return m && Number(m[2]) <= 65535 ? { host: m[1] as string, port: Number(m[2]) } : null;
};

export async function simulateCallCommand(flags: CallFlags): Promise<CallFigures> {
  const problems: string[] = [];
  const snr = flags.snr === undefined ? undefined : Number(flags.snr);
  if (snr !== undefined && !(Number.isFinite(snr) && snr >= -10 && snr <= 80))
    problems.push("--snr must be a number of dB from -10 to 80");
  const calls = Number(flags.calls);
  if (!Number.isInteger(calls) || calls < 1 || calls > 500)
    problems.push("--calls must be a whole number from 1 to 500");
  const atOnce = flags.atOnce === undefined ? undefined : Number(flags.atOnce);
  if (atOnce !== undefined && !(Number.isInteger(atOnce) && atOnce >= 1))
    problems.push("--at-once must be a whole number from 1");
  const seed = Number(flags.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0) problems.push("--seed must be a whole number");
  const target = flags.target ? hostPort(flags.target) : null;
  if (flags.target && !target) problems.push("--target must be host:port, e.g. 127.0.0.1:5060");
  if (flags.url && !URL.canParse(flags.url)) problems.push("--url must be an http:// URL");
  if (problems.length > 0) throw new SwitchboardError("bad_request", `simulate call: ${problems.join("; ")}`);

  const say = (line: string) => {
    if (!flags.json) process.stderr.write(`${line}\n`);
  };
  let platform: PlatformChild | null = null;
  let sip = target;
  let log: ConversationLogReader | undefined;
  if (!sip) {
    say("simulate call: starting the platform (a child process, SQLite, the default agent)");
    platform = await startPlatformChild(flags.cpus ? { cpus: flags.cpus } : {});
    sip = platform.sip;
    log = new ConversationLogReader(platform.url, platform.token);
    say(`simulate call: SIP at ${sip.host}:${sip.port}; waiting for the speech engines`);
    const ready = await platform.speechSettled(90_000);
    say(
      `simulate call: speech engines ${ready === null ? "said nothing (calls go ahead)" : ready ? "ready" : "failed to load"}`,
    );
  } else if (flags.url)
    log = new ConversationLogReader(new URL(flags.url), process.env.SWITCHBOARD_TOKEN ?? null);
  try {
    const results = await runCalls({
      target: sip,
      scripts: [flags.script],
      calls,
      seed,
      spreadMs: calls > 1 ? 2000 : 0,
      ...(atOnce !== undefined ? { inFlight: atOnce } : {}),
      speech: new CallerSpeech(),
      ...(snr !== undefined ? { snrDb: snr } : {}),
      noise: flags.noise === "white" ? "white" : "pink",
      ...(log ? { log } : {}),
    });
    const summary = figures(results);
    if (flags.json) console.log(JSON.stringify({ figures: summary, calls: results }, null, 2));
    else {
      for (const r of results) console.log(callLines(r).join("\n"));
      console.log(figureLines(summary).join("\n"));
    }
    const crash = platform?.crashed();
    if (crash) {
      console.error(
        `simulate call: the platform exited (code ${crash.code}, signal ${crash.signal}); its last lines:`,
      );
      console.error(crash.tail.join("\n"));
    }
    if (summary.failedCalls > 0 || crash) process.exitCode = 1;
    return summary;
  } finally {
    await platform?.stop();
  }
}

/** One call as a person reads it: each turn's timing, then what the log says. */
export function callLines(r: CallResult): string[] {
  const lines = [
    `call ${r.script}${r.orderId ? ` order ${r.orderId}` : ""}${r.snrDb !== null ? ` at ${r.snrDb} dB SNR` : ""} (${r.conversationId ?? "conversation not found"}): setup ${ms(r.setupMs)}, greeting ${ms(r.greetingMs)}, ended by ${r.endedBy}`,
  ];
  for (const t of r.turns) {
    lines.push(`  caller: "${t.say}" → agent after ${ms(t.voiceToVoiceMs)}, spoke ${ms(t.agentSpeechMs)}`);
    const b = t.backchannel;
    if (b)
      lines.push(
        `    backchannel "${b.say}": ${!b.agentTalking ? "agent already quiet" : b.keptTalking ? "talked through" : `agent stopped ${ms(b.agentStoppedAfterMs)} after it began`}`,
      );
    const i = t.interruption;
    if (i)
      lines.push(
        `    interruption "${i.say}": ${!i.agentTalking ? "agent already quiet" : `${i.yielded ? "yielded" : "did not yield"}, stopped after ${ms(i.stopMs)}, answered ${ms(i.answerMs)} after it`}`,
      );
  }
  if (r.outcome)
    lines.push(`  outcome ${r.outcome.reached ? "reached" : `not reached: ${r.outcome.missing.join("; ")}`}`);
  if (r.orderRecognised !== null)
    lines.push(
      `  order number heard exactly: ${r.orderRecognised ? "yes" : "no"}; understood: ${r.orderUnderstood ? "yes" : "no"}`,
    );
  for (const m of r.transcript) lines.push(`    ${m.role}: ${m.text}`);
  for (const e of r.errors) lines.push(`  ! ${e}`);
  return lines;
}
