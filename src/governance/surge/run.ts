import { cpus, loadavg, platform as osPlatform, release } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { type Channel, HttpChannel, WebSocketChannel } from "./channels.ts";
import { LoadGenerator, profileArrivals, stepArrivals } from "./load.ts";
import {
  type Bucket,
  type ConversationRecord,
  type GroupSummary,
  percentile,
  Recorder,
  type RequestRecord,
  summarizeGroup,
  timeSeries,
} from "./measure.ts";
import { externalPlatform, type PlatformUnderTest, ResourceProbe, startPlatform } from "./platform.ts";
import {
  CONTACT_REASONS,
  type PhaseWindow,
  peakMultiplier,
  phaseNameAt,
  phaseWindows,
  profileHours,
  type SurgeProfile,
} from "./profiles.ts";
import {
  DEFAULT_CRITERIA,
  describeSaturation,
  type JudgedStep,
  judgeSteps,
  nextStepRate,
  type SaturationCriteria,
  type SaturationResult,
  saturationPoint,
} from "./saturation.ts";
import { loadScripts, missingReasons } from "./scripts.ts";
import { requestsByConversation, type StepWindow, stepMeasures } from "./steps.ts";

export const DEFAULT_TESTS_DIR = fileURLToPath(new URL("../../../agents/default/tests", import.meta.url));

export interface SurgeOptions {
  profile: SurgeProfile;
  seed: number;
  /** Conversations a real minute at the profile's multiplier 1. */
  baseRatePerMin: number;
  /** Real seconds per simulated hour. */
  hourSeconds: number;
  sloP95Ms: number;
  /** Run the step-up after the profile. */
  saturation: boolean;
  stepSeconds: number;
  stepFactor: number;
  maxSteps: number;
  /** First step's rate; default the profile's peak rate. */
  stepStartPerMin?: number;
  thinkMs: number;
  webSocketShare: number;
  timeoutMs: number;
  testsDir?: string;
  /** Target a platform already running there instead of starting one. */
  url?: URL;
  /** A token that may read /metrics of the platform at `url` (for CPU figures). */
  metricsToken?: string;
  onProgress?: (progress: SurgeProgress) => void;
}

export interface SurgeProgress {
  stage: "profile" | "saturation" | "draining";
  /** The phase or step running. */
  label: string;
  stageElapsedS: number;
  stageTotalS: number;
  /** Simulated hours into the profile (null in the step-up). */
  simHour: number | null;
  arrivals: number;
  inFlight: number;
  errors: number;
  /** p95 of customer-message latency over the last 10 s. */
  recentP95Ms: number | null;
}

export interface StepResult extends JudgedStep {
  label: string;
  startS: number;
  endS: number;
  summary: GroupSummary;
}

export interface SurgeResult {
  startedAt: string;
  durationS: number;
  settings: {
    profile: string;
    profileDescription: string;
    seed: number;
    baseRatePerMin: number;
    hourSeconds: number;
    sloP95Ms: number;
    saturation: boolean;
    stepSeconds: number;
    stepFactor: number;
    maxSteps: number;
    thinkMs: number;
    webSocketShare: number;
    timeoutMs: number;
    criteria: SaturationCriteria;
    scripts: { total: number; byReason: Record<string, number>; dir: string };
    platform: Record<string, string>;
    machine: { cpus: number; cpuModel: string; node: string; os: string; loadAverageAtStart: number };
  };
  /** Seconds from spawning the platform to its listening (0 with --url). */
  platformStartS: number;
  phases: PhaseWindow[];
  /** Every conversation of the profile together. */
  profileTotals: GroupSummary;
  phaseSummaries: GroupSummary[];
  byChannel: GroupSummary[];
  steps: StepResult[];
  saturation:
    | (SaturationResult & { measured: true; sentence: string })
    | { measured: false; sentence: string };
  bucketSeconds: number;
  series: Bucket[];
  platform: {
    errorsLogged: number;
    firstError: string | null;
    exited: { code: number | null; signal: string | null } | null;
  };
  generator: { lagP99MaxMs: number | null; launchLagP99Ms: number | null };
  notes: string[];
}

/** Samples a second: platform CPU, event-loop delays. */
const SAMPLE_MS = 1000;
/** The progress callback's rate. */
const PROGRESS_MS = 250;

/**
 * Drives the profile (and then the step-up) against a platform, and returns every figure. The
 * platform is started as a child process unless `url` is given; it is always stopped at the end.
 */
export async function runSurge(options: SurgeOptions): Promise<SurgeResult> {
  const testsDir = options.testsDir ?? DEFAULT_TESTS_DIR;
  const book = loadScripts(testsDir);
  const used = CONTACT_REASONS.filter((r) => options.profile.phases.some((p) => p.mix[r] > 0));
  const missing = missingReasons(book, used);
  if (missing.length === used.length)
    throw new Error(`no conversation tests in ${testsDir} match the profile's contact reasons`);

  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  const platform: PlatformUnderTest = options.url
    ? externalPlatform(options.url, options.metricsToken ?? null)
    : await startPlatform();
  const platformStartS = Math.round((Date.now() - startedAt.getTime()) / 100) / 10;
  // Time zero is the profile's start, so the charts' phases line up with the seconds axis.
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const recorder = new Recorder();
  const channelOptions = { baseUrl: platform.url, timeoutMs: options.timeoutMs };
  const http = new HttpChannel(channelOptions);
  const ws = new WebSocketChannel(channelOptions);
  const generator = new LoadGenerator({
    recorder,
    now,
    sessions: { http: () => http.session(), websocket: () => ws.session() },
  });
  const probe = new ResourceProbe(platform.url, platform.metricsToken);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let sampling = false;
  let lastCpu = { usage: process.cpuUsage(), atMs: now() };
  const sampler = setInterval(() => {
    if (sampling) return;
    sampling = true;
    const generatorLagMs = loopDelay.percentile(99) / 1e6;
    loopDelay.reset();
    const atMs = now();
    const usage = process.cpuUsage(lastCpu.usage);
    const generatorCpuPercent = (usage.user + usage.system) / 10 / Math.max(1, atMs - lastCpu.atMs);
    lastCpu = { usage: process.cpuUsage(), atMs };
    void probe
      .sample(atMs)
      .then((s) =>
        recorder.resources.push({
          atMs,
          platformCpuPercent: s.cpuPercent,
          platformLagMs: s.lagMs,
          generatorLagMs,
          generatorCpuPercent,
          loadAverage: loadavg()[0] ?? 0,
        }),
      )
      .finally(() => {
        sampling = false;
      });
  }, SAMPLE_MS);

  const draw = { book, webSocketShare: options.webSocketShare, thinkMs: options.thinkMs };
  const hourMs = options.hourSeconds * 1000;
  const profileMs = profileHours(options.profile) * hourMs;
  let progress: Omit<SurgeProgress, "arrivals" | "inFlight" | "errors" | "recentP95Ms" | "stageElapsedS"> & {
    stageStartMs: number;
  } = {
    stage: "profile",
    label: options.profile.phases[0]?.name ?? "",
    stageTotalS: profileMs / 1000,
    simHour: 0,
    stageStartMs: 0,
  };
  const ticker = setInterval(() => {
    if (!options.onProgress) return;
    const elapsed = (now() - progress.stageStartMs) / 1000;
    const recent = recentLatencies(recorder.requests, now() - 10_000);
    options.onProgress({
      stage: progress.stage,
      label:
        progress.stage === "profile"
          ? (phaseNameAt(options.profile, elapsed / options.hourSeconds) ?? progress.label)
          : progress.label,
      stageElapsedS: Math.min(elapsed, progress.stageTotalS),
      stageTotalS: progress.stageTotalS,
      simHour:
        progress.stage === "profile" ? Math.min(elapsed / options.hourSeconds, profileMs / hourMs) : null,
      arrivals: recorder.conversations.length,
      inFlight: generator.inFlight,
      errors: recorder.requests.reduce((n, r) => n + (r.error ? 1 : 0), 0),
      recentP95Ms: percentile(recent, 95),
    });
  }, PROGRESS_MS);

  const criteria: SaturationCriteria = { ...DEFAULT_CRITERIA, sloP95Ms: options.sloP95Ms };
  const stepWindows: StepWindow[] = [];
  const notes: string[] = [];
  let endMs = 0;
  try {
    // The profile.
    const profileStart = now();
    progress = { ...progress, stageStartMs: profileStart };
    const arrivals = profileArrivals(options.profile, {
      ...draw,
      baseRatePerMin: options.baseRatePerMin,
      hourSeconds: options.hourSeconds,
      seed: options.seed,
    });
    await generator.launch(arrivals, "profile", profileStart);
    await sleepUntil(now, profileStart + profileMs, platform);

    // The step-up.
    if (options.saturation && !platform.exit()) {
      const peak = options.profile.phases.reduce((a, b) =>
        Math.max(b.fromMultiplier, b.toMultiplier) > Math.max(a.fromMultiplier, a.toMultiplier) ? b : a,
      );
      const plan = {
        startPerMin: options.stepStartPerMin ?? options.baseRatePerMin * peakMultiplier(options.profile),
        factor: options.stepFactor,
        maxSteps: options.maxSteps,
        stepSeconds: options.stepSeconds,
      };
      const stepMs = options.stepSeconds * 1000;
      const history: { ratePerMin: number; ok: boolean }[] = [];
      const totalS = options.stepSeconds * options.maxSteps;
      const stageStart = now();
      for (let rate = nextStepRate(history, plan); rate !== null; rate = nextStepRate(history, plan)) {
        const index = history.length;
        const label = `step ${index + 1}: ${Math.round(rate)}/min`;
        progress = {
          stage: "saturation",
          label,
          stageTotalS: totalS,
          simHour: null,
          stageStartMs: stageStart,
        };
        const stepStart = now();
        const stepArr = stepArrivals(rate, stepMs, label, peak.mix, {
          ...draw,
          seed: options.seed,
          step: index,
        });
        const window = {
          index,
          label,
          ratePerMin: rate,
          startMs: stepStart,
          endMs: stepStart + stepMs,
          arrivals: stepArr,
        };
        stepWindows.push(window);
        await generator.launch(stepArr, "saturation", stepStart);
        await sleepUntil(now, window.endMs, platform);
        if (platform.exit()) break;
        // Judged now on what is known (a message still unanswered counts with its wait so far, a
        // lower bound), to decide the next step; judged again on complete figures for the report.
        const live = judgeSteps(stepMeasures(recorder, stepWindows, now(), true), criteria);
        const judged = live.find((s) => s.index === index);
        history.push({ ratePerMin: rate, ok: judged?.ok ?? false });
        if (!judged?.ok) {
          // An overloaded step leaves a backlog; the next (lower) step starts from an empty platform.
          progress = { ...progress, stage: "draining", label: `after ${label}` };
          await generator.drain(options.timeoutMs + 2000);
        }
      }
    }
    progress = { ...progress, stage: "draining", label: "last customers" };
    generator.stop();
    const drained = await generator.drain(options.timeoutMs + 2000);
    if (!drained)
      notes.push("Some customers were still waiting when the run ended; they count as in flight.");
    endMs = now();
  } finally {
    clearInterval(ticker);
    clearInterval(sampler);
    loopDelay.disable();
    generator.stop();
    http.close();
    await platform.stop();
  }

  const exit = platform.exit();
  if (exit) notes.push(`The platform exited during the run (code ${exit.code}, signal ${exit.signal}).`);
  return assemble();

  function assemble(): SurgeResult {
    const byConversation = requestsByConversation(recorder.requests);
    const requestsOf = (c: ConversationRecord) => byConversation.get(c.id) ?? [];
    const profileConvs = recorder.conversations.filter((c) => c.stage === "profile");
    const phases = phaseWindows(options.profile, options.hourSeconds, options.baseRatePerMin);
    const phaseSummaries = options.profile.phases.map((p) =>
      summarizeGroup(
        p.name,
        profileConvs.filter((c) => c.group === p.name),
        requestsOf,
      ),
    );
    const byChannel = (["http", "websocket"] as Channel[]).map((ch) =>
      summarizeGroup(
        ch === "http" ? "HTTP API" : "WebSocket",
        profileConvs.filter((c) => c.channel === ch),
        requestsOf,
      ),
    );
    const judged = judgeSteps(stepMeasures(recorder, stepWindows, endMs, false), criteria);
    const steps: StepResult[] = judged.map((j) => {
      const w = stepWindows[j.index] as (typeof stepWindows)[number];
      return {
        ...j,
        label: w.label,
        startS: w.startMs / 1000,
        endS: w.endMs / 1000,
        summary: summarizeGroup(
          w.label,
          recorder.conversations.filter((c) => c.group === w.label),
          requestsOf,
        ),
      };
    });
    const saturation: SurgeResult["saturation"] =
      steps.length > 0
        ? (() => {
            const result = saturationPoint(steps);
            return { ...result, measured: true as const, sentence: describeSaturation(result) };
          })()
        : {
            measured: false,
            sentence: options.saturation
              ? "The saturation point was not measured: the step-up did not run."
              : "The saturation point was not measured (--no-saturation).",
          };
    const bucketMs = bucketFor(endMs);
    const lags = recorder.resources.map((r) => r.generatorLagMs);
    const errorsLogged = platform.loggedErrors();
    const missingNote = missing.length
      ? [
          `No conversation test covers ${missing.join(", ")}; those shares of the mix were drawn from the others.`,
        ]
      : [];
    return {
      startedAt: startedAt.toISOString(),
      durationS: Math.round(endMs / 100) / 10,
      settings: {
        profile: options.profile.name,
        profileDescription: options.profile.description,
        seed: options.seed,
        baseRatePerMin: options.baseRatePerMin,
        hourSeconds: options.hourSeconds,
        sloP95Ms: options.sloP95Ms,
        saturation: options.saturation,
        stepSeconds: options.stepSeconds,
        stepFactor: options.stepFactor,
        maxSteps: options.maxSteps,
        thinkMs: options.thinkMs,
        webSocketShare: options.webSocketShare,
        timeoutMs: options.timeoutMs,
        criteria,
        scripts: {
          total: CONTACT_REASONS.reduce((n, r) => n + book[r].length, 0),
          byReason: Object.fromEntries(CONTACT_REASONS.map((r) => [r, book[r].length])),
          dir: testsDir,
        },
        platform: platform.description,
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model ?? "unknown",
          node: process.version,
          os: `${osPlatform()} ${release()}`,
          loadAverageAtStart: Math.round(loadAtStart * 100) / 100,
        },
      },
      platformStartS: options.url ? 0 : platformStartS,
      phases,
      profileTotals: summarizeGroup(options.profile.name, profileConvs, requestsOf),
      phaseSummaries,
      byChannel,
      steps,
      saturation,
      bucketSeconds: bucketMs / 1000,
      series: timeSeries(recorder, endMs, bucketMs),
      platform: { errorsLogged: errorsLogged.count, firstError: errorsLogged.first, exited: exit },
      generator: {
        lagP99MaxMs: lags.length ? Math.round(Math.max(...lags) * 10) / 10 : null,
        launchLagP99Ms: summarizeGroup("all", recorder.conversations, () => []).launchLagP99Ms,
      },
      notes: [...missingNote, ...notes],
    };
  }
}

async function sleepUntil(now: () => number, untilMs: number, platform: PlatformUnderTest): Promise<void> {
  while (now() < untilMs && !platform.exit()) await sleep(Math.min(250, Math.max(1, untilMs - now())));
}

function recentLatencies(requests: readonly RequestRecord[], sinceMs: number): number[] {
  const out: number[] = [];
  for (let i = requests.length - 1; i >= 0; i--) {
    const r = requests[i] as RequestRecord;
    if (r.sentMs < sinceMs - 60_000) break;
    if (r.kind === "message" && r.latencyMs !== null && r.sentMs + r.latencyMs >= sinceMs)
      out.push(r.latencyMs);
  }
  return out.sort((a, b) => a - b);
}

/** About 120 points for the charts, whole seconds, at least one. */
function bucketFor(endMs: number): number {
  return Math.max(1000, Math.ceil(endMs / 120 / 1000) * 1000);
}
