// Phone calls end to end over SIP, as callers hear them: a platform child process (SQLite, the default
// agent, pinned to CPU 0 with taskset when there is one) and scripted callers in this process (pinned
// to CPU 1), speaking festival audio in real time and timing the agent's audio as it arrives.
//   1. conversation: N calls at once, half with an "uh-huh" during the status and half interrupting it:
//      voice-to-voice p50/p95, barge-in stop p95, backchannels talked through, interruptions yielded,
//      expected outcome reached (from the conversation log);
//   2. order numbers in noise: N calls at 20 dB SNR and N at 10 dB (pink noise): the share whose
//      transcript (customer_message) holds the exact order id;
//   3. capacity: simultaneous calls stepped up (1, 2, 4, ... then halfway back) until p95 voice-to-voice
//      passes 500 ms or a turn goes unanswered: the most one core holds.
// Run: node --import tsx bench/voice.ts --calls 10 [--seed 1] [--max-calls 64] [--no-capacity] [--json file]
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
    seed: { type: "string", default: "1" },
    "max-calls": { type: "string", default: "64" },
    "no-capacity": { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const calls = Number(values.calls);
const seed = Number(values.seed);
const maxCalls = Number(values["max-calls"]);
/** The session's target for a call to feel live (docs/voice.md); the capacity bound. */
const P95_TARGET_MS = 500;

const log = (line: string) => process.stderr.write(`${line}\n`);
const pinned = haveTaskset();
if (pinned) {
  // The callers on CPU 1, the platform on CPU 0: neither's work is counted against the other.
  execFileSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" });
}
const speech = new CallerSpeech();
const crashes: Array<{ phase: string; code: number | null; signal: string | null; lastLine: string }> = [];
let platform: PlatformChild | null = null;
let ready: boolean | null = null;
async function launch(): Promise<PlatformChild> {
  log(`voice bench: starting the platform${pinned ? " pinned to CPU 0" : ""}`);
  const started = await startPlatformChild(pinned ? { cpus: "0" } : {});
  ready = await started.speechSettled(120_000);
  log(
    `voice bench: SIP ${started.sip.host}:${started.sip.port}, speech engines ${ready ? "ready" : "NOT ready"}`,
  );
  platform = started;
  return started;
}

let phases = 0;
async function phase(
  label: string,
  scripts: string[],
  n: number,
  snrDb?: number,
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
    spreadMs: Math.max(1000, n * 150),
    ...(snrDb !== undefined ? { snrDb } : {}),
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

await launch();
const report: Record<string, unknown> = { calls, seed, pinned, speechReady: ready, crashes };
try {
  // A first call warms the platform's engines and the festival cache; it is not counted.
  await phase("warm-up", ["quick"], 1);

  const conversation = await phase("conversation", ["order-status", "barge-in"], calls);
  const noisy20 = await phase("order numbers at 20 dB SNR", ["quick"], calls, 20);
  const noisy10 = await phase("order numbers at 10 dB SNR", ["quick"], calls, 10);
  report.conversation = conversation.f;
  report.noise20 = noisy20.f;
  report.noise10 = noisy10.f;
  report.calls_detail = {
    conversation: conversation.results,
    noise20: noisy20.results,
    noise10: noisy10.results,
  };

  let capacity: number | null = null;
  const steps: Array<{
    calls: number;
    p95: number | null;
    p50: number | null;
    unanswered: number;
    ok: boolean;
  }> = [];
  if (!values["no-capacity"]) {
    const tryStep = async (n: number) => {
      const { f } = await phase(`capacity step ${n} calls`, ["quick"], n);
      const ok =
        f.voiceToVoice.p95 !== null &&
        f.voiceToVoice.p95 <= P95_TARGET_MS &&
        f.unansweredTurns === 0 &&
        f.failedCalls === 0;
      steps.push({
        calls: n,
        p95: f.voiceToVoice.p95,
        p50: f.voiceToVoice.p50,
        unanswered: f.unansweredTurns,
        ok,
      });
      log(
        `  ${n} calls: p95 ${ms(f.voiceToVoice.p95)}, unanswered ${f.unansweredTurns}: ${ok ? "holds" : "does not hold"}`,
      );
      return ok;
    };
    let good = 0;
    let bad: number | null = null;
    for (let n = 1; n <= maxCalls; n *= 2) {
      if (await tryStep(n)) good = n;
      else {
        bad = n;
        break;
      }
    }
    // Once between the last step held and the first that did not.
    if (bad !== null && bad - good > 1) {
      const mid = Math.floor((good + bad) / 2);
      if (await tryStep(mid)) good = mid;
    }
    capacity = good;
    report.capacity = { calls: capacity, target: `p95 voice-to-voice <= ${P95_TARGET_MS} ms`, steps };
  }

  const lines = [
    `Voice calls over SIP: ${calls} calls a phase, platform ${pinned ? "pinned to 1 core (taskset -c 0)" : "unpinned"}, callers in another process`,
    "conversation (status with an uh-huh, or interrupted):",
    ...figureLines(conversation.f).map((l) => `  ${l}`),
    `order number recognition (exact id in the transcript): 20 dB SNR ${pct(noisy20.f.orderRecognition.exact)} (${noisy20.f.orderRecognition.n}), 10 dB SNR ${pct(noisy10.f.orderRecognition.exact)} (${noisy10.f.orderRecognition.n})`,
    `  understood as the order (entity): 20 dB ${pct(noisy20.f.orderRecognition.understood)}, 10 dB ${pct(noisy10.f.orderRecognition.understood)}`,
    `  voice-to-voice in noise: 20 dB p50 ${ms(noisy20.f.voiceToVoice.p50)} p95 ${ms(noisy20.f.voiceToVoice.p95)}; 10 dB p50 ${ms(noisy10.f.voiceToVoice.p50)} p95 ${ms(noisy10.f.voiceToVoice.p95)}`,
    ...(values["no-capacity"]
      ? []
      : [
          `simultaneous calls one core holds with p95 voice-to-voice <= ${P95_TARGET_MS} ms: ${capacity}`,
          ...steps.map(
            (s) =>
              `  ${String(s.calls).padStart(3)} calls: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, unanswered turns ${s.unanswered}${s.ok ? "" : "  <- over"}`,
          ),
        ]),
  ];
  const platformLatency = conversation.results.flatMap((r) => r.platformLatencyMs);
  if (platformLatency.length > 0) {
    const sorted = [...platformLatency].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
    lines.push(
      `  (the platform's own voice_turn_timing for the same calls: p50 ${ms(at(50))}, p95 ${ms(at(95))})`,
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
