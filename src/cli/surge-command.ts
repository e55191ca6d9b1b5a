/**
 * `switchboard simulate surge`: a peak rehearsal against the platform (registered in main.ts). Every
 * value is validated here, so commander passes the strings through untouched.
 */
import { SingleBar } from "cli-progress";
import { z } from "zod";
import {
  PROFILES,
  runSurge,
  type SurgeProgress,
  type SurgeResult,
  writeReport,
} from "../governance/surge/index.ts";
import { SwitchboardError } from "../platform/index.ts";

/** What commander hands over: strings as typed, booleans for the switches. */
export interface SurgeFlags {
  profile?: string;
  seed?: string | number;
  baseRate?: string | number;
  hourSeconds?: string | number;
  sloMs?: string | number;
  saturation?: boolean;
  stepSeconds?: string | number;
  maxSteps?: string | number;
  thinkMs?: string | number;
  wsShare?: string | number;
  timeoutMs?: string | number;
  report?: string;
  url?: string;
  quiet?: boolean;
}

/** [flags, description, default] for commander's `.option()`; defaults are shown in --help. */
export const SURGE_OPTIONS: readonly [string, string, string?][] = [
  ["--profile <name>", `load profile: ${Object.keys(PROFILES).join(", ")}`, "flash-sale"],
  ["--seed <n>", "seed for arrivals, scripts, channels and think times (same seed, same offered load)", "1"],
  [
    "--base-rate <n>",
    "conversations a minute at the profile's base (the flash sale peaks at three times it)",
    "120",
  ],
  ["--hour-seconds <s>", "real seconds per simulated hour", "10"],
  [
    "--slo-ms <ms>",
    "p95 message latency and p95 queue wait the platform must keep to count as not saturated",
    "1000",
  ],
  ["--no-saturation", "skip the step-up after the profile"],
  ["--step-seconds <s>", "length of each saturation step", "15"],
  ["--max-steps <n>", "saturation steps at most", "10"],
  ["--think-ms <ms>", "customers' mean pause before each message", "1500"],
  ["--ws-share <share>", "share of customers on the WebSocket (the rest use the HTTP API), 0 to 1", "0.3"],
  ["--timeout-ms <ms>", "a request unanswered this long fails as a timeout", "10000"],
  ["--report <dir>", "where surge.html and surge.json are written", "./surge-report"],
  ["--url <url>", "a platform already running (default: start one as a child process)"],
  ["--quiet", "no progress bar"],
];

const DEFAULTS = Object.fromEntries(
  SURGE_OPTIONS.flatMap(([flags, , value]) => {
    const name = /--([a-z-]+)/.exec(flags)?.[1]?.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    return name && value !== undefined ? [[name, value]] : [];
  }),
) as Record<string, string>;

/** A number as typed: "12", "0.5"; not "", "12abc", "1e3x", "Infinity". */
const decimal = (flag: string, min: number, max: number, whole = false) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `${flag} must be a number` })
      .refine((n) => !whole || Number.isInteger(n), `${flag} must be a whole number`)
      .refine((n) => n >= min && n <= max, `${flag} must be from ${min} to ${max}`),
  );

const FlagsSchema = z.object({
  profile: z.string().refine((p) => Object.hasOwn(PROFILES, p), {
    error: `--profile must be one of ${Object.keys(PROFILES).join(", ")}`,
  }),
  seed: decimal("--seed", 0, 4_294_967_295, true),
  baseRate: decimal("--base-rate", 0.1, 100_000).refine((n) => n > 0, "--base-rate must be above 0"),
  // Under a tenth of a second an hour, a phase is shorter than one conversation.
  hourSeconds: decimal("--hour-seconds", 0.1, 3600),
  sloMs: decimal("--slo-ms", 1, 600_000),
  saturation: z.boolean(),
  // A step shorter than two seconds holds too few conversations to judge.
  stepSeconds: decimal("--step-seconds", 2, 3600),
  maxSteps: decimal("--max-steps", 1, 50, true),
  thinkMs: decimal("--think-ms", 0, 600_000),
  wsShare: decimal("--ws-share", 0, 1),
  timeoutMs: decimal("--timeout-ms", 100, 600_000),
  report: z.string().min(1, "--report must name a directory"),
  url: z
    .string()
    .refine(
      (u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol),
      "--url must be an http:// or https:// URL",
    )
    .optional(),
  quiet: z.boolean(),
});

export type SurgeSettings = z.infer<typeof FlagsSchema>;

/** Flags to settings; every problem is named at once, with the flag it came from. */
export function parseSurgeFlags(flags: SurgeFlags): SurgeSettings {
  const raw = {
    ...DEFAULTS,
    saturation: true,
    quiet: false,
    ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
  };
  const parsed = FlagsSchema.safeParse(raw);
  if (!parsed.success)
    throw new SwitchboardError(
      "bad_request",
      `simulate surge: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
      { details: parsed.error.issues.map((i) => i.message) },
    );
  return parsed.data;
}

/** The step-up doubles the rate while steps pass, then narrows the bracket to within 25% (two steps in between). */
const STEP_FACTOR = 2;

export async function surgeCommand(flags: SurgeFlags): Promise<SurgeResult> {
  const s = parseSurgeFlags(flags);
  const profile = PROFILES[s.profile];
  if (!profile) throw new SwitchboardError("bad_request", `unknown profile ${s.profile}`);
  const progress = s.quiet ? undefined : progressReporter();
  if (progress && !s.url)
    process.stderr.write("surge: starting the platform (a child process, SQLite, the default agent)\n");
  let result: SurgeResult;
  try {
    result = await runSurge({
      profile,
      seed: s.seed,
      baseRatePerMin: s.baseRate,
      hourSeconds: s.hourSeconds,
      sloP95Ms: s.sloMs,
      saturation: s.saturation,
      stepSeconds: s.stepSeconds,
      stepFactor: STEP_FACTOR,
      maxSteps: s.maxSteps,
      thinkMs: s.thinkMs,
      webSocketShare: s.wsShare,
      timeoutMs: s.timeoutMs,
      ...(s.url ? { url: new URL(s.url) } : {}),
      ...(process.env.SWITCHBOARD_METRICS_TOKEN
        ? { metricsToken: process.env.SWITCHBOARD_METRICS_TOKEN }
        : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
  } finally {
    progress?.stop();
  }
  const written = writeReport(result, s.report);
  console.log(summaryLines(result).join("\n"));
  console.log(`Report: ${written.html}\nFigures: ${written.json}`);
  if (result.platform.exited) process.exitCode = 1;
  return result;
}

const ms = (v: number | null) => (v === null ? "-" : `${Math.round(v)} ms`);
const pct = (v: number | null) => (v === null ? "-" : `${(v * 100).toFixed(1)}%`);

export function summaryLines(r: SurgeResult): string[] {
  const t = r.profileTotals;
  const lines = [
    r.saturation.sentence,
    `${r.settings.profile}: ${t.arrivals} conversations (${t.completed} completed, ${t.failed} failed) in ${r.durationS} s; containment ${pct(t.containment)}, errors ${pct(t.errorRate)} of ${t.requests} requests`,
  ];
  for (const g of r.phaseSummaries)
    lines.push(
      `  ${g.name.padEnd(16)} ${String(g.arrivals).padStart(6)} conv  message p50 ${ms(g.messageLatency.p50)}, p95 ${ms(g.messageLatency.p95)}, p99 ${ms(g.messageLatency.p99)}; queue wait p95 ${ms(g.queueWait.p95)}; contained ${pct(g.containment)}; errors ${pct(g.errorRate)}`,
    );
  for (const st of r.steps)
    lines.push(
      `  step ${st.index + 1} ${String(Math.round(st.ratePerMin)).padStart(6)}/min  ${st.throughputMsgsPerSec.toFixed(1)} msg/s, p95 ${ms(st.p95Ms)}, errors ${pct(st.errorRate)}${st.platformCpuPercent === null ? "" : `, CPU ${Math.round(st.platformCpuPercent)}%`}: ${st.ok ? "met" : st.reasons.join("; ")}`,
    );
  return lines;
}

/** A progress bar on a terminal; a line per phase or step otherwise (logs of CI runs stay readable). */
function progressReporter(): { update: (p: SurgeProgress) => void; stop: () => void } {
  const tty = process.stderr.isTTY === true;
  let bar: SingleBar | null = null;
  let stage: string | null = null;
  let label: string | null = null;
  const payload = (p: SurgeProgress) => ({
    stage: p.stage,
    label: p.label,
    sim: p.simHour === null ? "" : ` | sim ${p.simHour.toFixed(1)} h`,
    arrivals: p.arrivals,
    inflight: p.inFlight,
    p95: p.recentP95Ms === null ? "-" : `${Math.round(p.recentP95Ms)} ms`,
    errors: p.errors,
  });
  return {
    update(p) {
      if (!tty) {
        if (p.label !== label)
          process.stderr.write(
            `surge: ${p.stage}: ${p.label} (arrivals ${p.arrivals}, in flight ${p.inFlight})\n`,
          );
        label = p.label;
        return;
      }
      if (p.stage !== stage && p.stage !== "draining") {
        bar?.stop();
        bar = new SingleBar({
          format:
            "{stage} [{bar}] {percentage}% | {label}{sim} | arrivals {arrivals} | in flight {inflight} | p95 {p95} | errors {errors}",
          stream: process.stderr,
          hideCursor: true,
        });
        // Tenths of a second, so a short stage still moves smoothly.
        bar.start(Math.max(1, Math.round(p.stageTotalS * 10)), 0, payload(p));
        stage = p.stage;
      }
      bar?.update(Math.round(p.stageElapsedS * 10), payload(p));
    },
    stop() {
      bar?.stop();
    },
  };
}
