// Phone calls end to end over SIP, as callers hear them: a platform child process (SQLite, the default
// agent) and scripted callers in this process, speaking festival audio in real time and timing the
// agent's audio as it arrives.
//   1. conversation: N calls at once, half with an "uh-huh" during the status and half interrupting it:
//      voice-to-voice p50/p95, barge-in stop p95, backchannels talked through, interruptions yielded,
//      expected outcome reached (from the conversation log);
//   2. order numbers: N calls without noise, N at 20 dB SNR and N at 10 dB (pink noise), a few at a time so
//      load does not blur what noise does: the share whose transcript holds the exact order id;
//   3. capacity: a new platform pinned to CPU 0 (taskset) and the callers to CPU 1; simultaneous calls
//      stepped up 1, 2, 4, ...: the most that keep p95 voice-to-voice <= 500 ms with every turn
//      answered, and the most that keep within 1.5 times the one-call p95.
// Run: node --import tsx bench/voice.ts --calls 10 [--noise-at-once 2] [--seed 1] [--max-calls 32]
//        [--no-capacity] [--json file]
//        [--platform-root dir]   (another checkout to run as the platform, e.g. `git archive` of a commit)
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  CallerSpeech,
  type CallFigures,
  type CallResult,
  ConversationLogReader,
  figureLines,
  figures,
  haveTaskset,
  ms,
  type PlatformChild,
  pct,
  runCalls,
  startPlatformChild,
} from "../src/voice/simulator/index.ts";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "10" },
    "noise-at-once": { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    "max-calls": { type: "string", default: "32" },
    "no-capacity": { type: "boolean", default: false },
    json: { type: "string" },
    "platform-root": { type: "string" },
  },
});
const calls = Number(values.calls);
const noiseAtOnce = Number(values["noise-at-once"]);
const seed = Number(values.seed);
const maxCalls = Number(values["max-calls"]);
/** The session's target for a call to feel live (docs/voice.md); the capacity bound. */
const P95_TARGET_MS = 500;
/** The looser bound: p95 within this factor of one call's (the platform's own floor). */
const DEGRADE_FACTOR = 1.5;

const log = (line: string) => process.stderr.write(`${line}\n`);
const speech = new CallerSpeech();
const crashes: Array<{ phase: string; code: number | null; signal: string | null; lastLine: string }> = [];
let platform: PlatformChild | null = null;
let cpus: string | undefined;
const ready: Record<string, boolean | null> = {};

async function launch(): Promise<PlatformChild> {
  log(`voice bench: starting the platform${cpus ? ` pinned to CPU ${cpus}` : ""}`);
  const started = await startPlatformChild({
    ...(cpus ? { cpus } : {}),
    ...(values["platform-root"] ? { root: values["platform-root"] } : {}),
  });
  const speechReady = await started.speechSettled(120_000);
  ready[cpus ? "pinned" : "free"] = speechReady;
  log(
    `voice bench: SIP ${started.sip.host}:${started.sip.port}, speech engines ${speechReady ? "ready" : "NOT ready"}`,
  );
  platform = started;
  // A first call warms the engines and caches; it is not counted.
  await phase("warm-up", ["quick"], 1);
  return started;
}

let phases = 0;
async function phase(
  label: string,
  scripts: string[],
  n: number,
  options: { snrDb?: number; inFlight?: number } = {},
): Promise<{ results: CallResult[]; f: CallFigures }> {
  const target = platform ?? (await launch());
  const started = performance.now();
  const results = await runCalls({
    target: target.sip,
    speech,
    log: new ConversationLogReader(target.url, target.token),
    noise: "pink",
    scripts,
    calls: n,
    // Each phase its own calls and noise, the same on every run with this seed.
    seed: seed * 100 + phases++,
    spreadMs: Math.max(1000, Math.min(n, options.inFlight ?? n) * 150),
    ...(options.inFlight ? { inFlight: options.inFlight } : {}),
    ...(options.snrDb !== undefined ? { snrDb: options.snrDb } : {}),
  });
  const f = figures(results);
  log(`voice bench: ${label}: ${n} calls in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // A platform that died is reported and replaced, so one crash does not void the other phases.
  const crash = target.crashed();
  if (crash) {
    const lastLine = crash.tail[crash.tail.length - 1] ?? "";
    crashes.push({ phase: label, code: crash.code, signal: crash.signal, lastLine });
    log(`voice bench: the platform exited during ${label} (${crash.signal ?? crash.code}): ${lastLine}`);
    await target.stop();
    platform = null;
  }
  return { results, f };
}

const report: Record<string, unknown> = { calls, noiseAtOnce, seed, speechReady: ready, crashes };
const lines: string[] = [];
try {
  await launch();
  const conversation = await phase("conversation", ["order-status", "barge-in"], calls);
  const noise = { inFlight: noiseAtOnce };
  const clean = await phase("order numbers without noise", ["quick"], calls, noise);
  const noisy20 = await phase("order numbers at 20 dB SNR", ["quick"], calls, { ...noise, snrDb: 20 });
  const noisy10 = await phase("order numbers at 10 dB SNR", ["quick"], calls, { ...noise, snrDb: 10 });
  report.conversation = conversation.f;
  report.clean = clean.f;
  report.noise20 = noisy20.f;
  report.noise10 = noisy10.f;
  const detail: Record<string, CallResult[]> = {
    conversation: conversation.results,
    clean: clean.results,
    noise20: noisy20.results,
    noise10: noisy10.results,
  };
  report.calls_detail = detail;
  lines.push(
    `Voice calls over SIP, ${calls} calls a phase; the platform a child process on the shared cores, the callers in this one`,
    `conversation: ${calls} calls at once (status with an uh-huh, or interrupted):`,
    ...figureLines(conversation.f).map((l) => `  ${l}`),
  );
  lines.push(
    `order numbers in pink noise, ${noiseAtOnce} calls at a time (exact id in a customer_message; understood as the order):`,
    `  no noise: ${pct(clean.f.orderRecognition.exact)} of ${clean.f.orderRecognition.n}; understood ${pct(clean.f.orderRecognition.understood)}; voice-to-voice p50 ${ms(clean.f.voiceToVoice.p50)}, p95 ${ms(clean.f.voiceToVoice.p95)}`,
    `  20 dB SNR: ${pct(noisy20.f.orderRecognition.exact)} of ${noisy20.f.orderRecognition.n}; understood ${pct(noisy20.f.orderRecognition.understood)}; voice-to-voice p50 ${ms(noisy20.f.voiceToVoice.p50)}, p95 ${ms(noisy20.f.voiceToVoice.p95)}`,
    `  10 dB SNR: ${pct(noisy10.f.orderRecognition.exact)} of ${noisy10.f.orderRecognition.n}; understood ${pct(noisy10.f.orderRecognition.understood)}; voice-to-voice p50 ${ms(noisy10.f.voiceToVoice.p50)}, p95 ${ms(noisy10.f.voiceToVoice.p95)}`,
  );

  if (!values["no-capacity"]) {
    const steps: Array<{
      calls: number;
      p50: number | null;
      p95: number | null;
      unanswered: number;
      strict: boolean;
      loose: boolean;
    }> = [];
    if (haveTaskset()) {
      // The callers on CPU 1, the platform on CPU 0: neither's work is counted against the other.
      execFileSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" });
      cpus = "0";
    }
    await (platform as PlatformChild | null)?.stop();
    platform = null;
    await launch();
    let baseline: number | null = null;
    const step = async (n: number) => {
      // At least three calls a step (n at a time), so one call's two turns are not the whole sample.
      const { results, f } = await phase(`capacity: ${n} at once`, ["quick"], Math.max(n, 3), {
        inFlight: n,
      });
      detail[`capacity${n}`] = results;
      const p95 = f.voiceToVoice.p95;
      baseline ??= p95;
      const answeredAll = f.unansweredTurns === 0 && f.failedCalls === 0 && p95 !== null;
      const strict = answeredAll && (p95 as number) <= P95_TARGET_MS;
      const loose = answeredAll && baseline !== null && (p95 as number) <= baseline * DEGRADE_FACTOR;
      steps.push({ calls: n, p50: f.voiceToVoice.p50, p95, unanswered: f.unansweredTurns, strict, loose });
      log(`  ${n} at once: p50 ${ms(f.voiceToVoice.p50)}, p95 ${ms(p95)}, unanswered ${f.unansweredTurns}`);
      return strict || loose;
    };
    let last = 0;
    let failedAt: number | null = null;
    for (let n = 1; n <= maxCalls; n *= 2) {
      if (!(await step(n))) {
        failedAt = n;
        break;
      }
      last = n;
    }
    if (failedAt !== null && failedAt - last > 1) await step(Math.floor((last + failedAt) / 2));
    const best = (ok: (s: (typeof steps)[number]) => boolean) =>
      steps.filter(ok).reduce((m, s) => Math.max(m, s.calls), 0);
    const strictCalls = best((s) => s.strict);
    const looseCalls = best((s) => s.loose);
    report.capacity = { strictCalls, looseCalls, baselineP95: baseline, steps, pinned: cpus ?? null };
    lines.push(
      `capacity, the platform ${cpus ? "pinned to one core (taskset -c 0)" : "unpinned (no taskset)"}, calls of the quick script:`,
      `  simultaneous calls with p95 voice-to-voice <= ${P95_TARGET_MS} ms and every turn answered: ${strictCalls}`,
      `  simultaneous calls within ${DEGRADE_FACTOR}x the one-call p95 (${ms(baseline)}): ${looseCalls}`,
      ...steps
        .sort((a, b) => a.calls - b.calls)
        .map(
          (s) =>
            `  ${String(s.calls).padStart(3)} at once: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, unanswered turns ${s.unanswered}`,
        ),
    );
  }
  for (const c of crashes)
    lines.push(`THE PLATFORM EXITED during ${c.phase} (${c.signal ?? `code ${c.code}`}): ${c.lastLine}`);
  const errors = (platform as PlatformChild | null)?.loggedErrors() ?? { count: 0, first: null };
  if (errors.count > 0) lines.push(`platform logged ${errors.count} errors; first: ${errors.first}`);
  console.log(lines.join("\n"));
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
} finally {
  await (platform as PlatformChild | null)?.stop();
}
// A call cut off by a crashed platform may still be closing its sockets: they must not hold the run open.
setTimeout(() => process.exit(), 5000).unref();
