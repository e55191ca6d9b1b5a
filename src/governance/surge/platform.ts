import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../../bin/switchboard.js", import.meta.url));

/**
 * Every simulated customer comes from one address, so the per-address start limit (60 a minute by
 * default) would turn the surge into a test of the limiter. Both limits are raised to the
 * configuration's maximum; the report says so.
 */
export const SURGE_PLATFORM_ENV = {
  SWITCHBOARD_CHAT_STARTS_PER_MINUTE: "100000",
  // Any free SIP port: several rehearsals (or tests) may run side by side.
  SWITCHBOARD_SIP_PORT: "0",
  SWITCHBOARD_CHAT_MESSAGES_PER_MINUTE: "100000",
  // Warnings and errors only: the platform's own log is not what is measured (requests are never logged).
  SWITCHBOARD_LOG_LEVEL: "warn",
  SWITCHBOARD_SEED_ON_FIRST_START: "true",
} as const;

/** Settings of the user's shell that would point the child at another database, agent or config. */
const CLEARED_ENV = [
  "PORT",
  "HOST",
  "DATABASE_URL",
  "SWITCHBOARD_CONFIG",
  "SWITCHBOARD_DATA_DIR",
  "SWITCHBOARD_AGENT",
  "SWITCHBOARD_ADMIN_TOKEN",
  "SWITCHBOARD_MASTER_KEY",
  "SWITCHBOARD_KEEP_UNREDACTED",
];

export interface PlatformUnderTest {
  url: URL;
  /** Started by the surge (a child process), or already running at --url. */
  managed: boolean;
  /** What the report shows about how the platform ran. */
  description: Record<string, string>;
  /** A token that may read /metrics, when known. */
  metricsToken: string | null;
  /** Error and fatal lines the platform logged during the run, and the first of them. */
  loggedErrors(): { count: number; first: string | null };
  /** Set when the process ended on its own (a crash under load). */
  exit(): { code: number | null; signal: string | null } | null;
  stop(): Promise<void>;
}

/**
 * Starts the platform as its own process (so it has its own core and event loop, as in production),
 * with a temporary data directory, SQLite, the default agent, a free port and raised chat limits.
 */
export async function startPlatform(options: { startTimeoutMs?: number } = {}): Promise<PlatformUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-surge-"));
  const adminToken = randomBytes(24).toString("base64url");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CLEARED_ENV) delete env[key];
  Object.assign(env, SURGE_PLATFORM_ENV, {
    SWITCHBOARD_DATA_DIR: join(dataDir, "data"),
    SWITCHBOARD_ADMIN_TOKEN: adminToken,
  });
  const args = [BIN, "start", "--port", "0", "--host", "127.0.0.1"];
  // The temporary directory as working directory: no switchboard.yaml of the caller's is read.
  const child = spawn(process.execPath, args, { cwd: dataDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let errors = 0;
  let firstError: string | null = null;
  let exited: { code: number | null; signal: string | null } | null = null;
  let stopping = false;
  let crashed: { code: number | null; signal: string | null } | null = null;
  const tail: string[] = [];
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      // Only an exit the surge did not ask for counts: a crash, or a kill from outside.
      if (!stopping) crashed = exited;
      resolve();
    }),
  );
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the platform did not start in time:\n${tail.join("\n")}`)),
      options.startTimeoutMs ?? 60_000,
    );
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
      // pino's numeric levels: 50 error, 60 fatal.
      const level = /"level":(\d+)/.exec(line)?.[1];
      if (level && Number(level) >= 50) {
        errors++;
        firstError ??= line.slice(0, 500);
      }
    };
    lines(child, "stdout", onLine);
    lines(child, "stderr", onLine);
    void exitPromise.then(() => {
      clearTimeout(timer);
      reject(new Error(`the platform exited before listening:\n${tail.join("\n")}`));
    });
  });
  const stop = async () => {
    stopping = true;
    if (!exited) {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exitPromise;
      clearTimeout(killed);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let address: string;
  try {
    address = await listening;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: new URL(address),
    managed: true,
    description: {
      process: `node ${["bin/switchboard.js", ...args.slice(1)].join(" ")} (pid ${child.pid})`,
      database:
        "SQLite in a temporary data directory, seeded with the enriched store at start, removed after",
      agent: "agents/default",
      ...Object.fromEntries(Object.entries(SURGE_PLATFORM_ENV)),
    },
    metricsToken: adminToken,
    loggedErrors: () => ({ count: errors, first: firstError }),
    exit: () => crashed,
    stop,
  };
}

/** A platform already running elsewhere: nothing is started or stopped. */
export function externalPlatform(url: URL, metricsToken: string | null): PlatformUnderTest {
  return {
    url,
    managed: false,
    description: { process: `already running at ${url.origin} (its settings are its own)` },
    metricsToken,
    loggedErrors: () => ({ count: 0, first: null }),
    exit: () => null,
    stop: async () => {},
  };
}

function lines(child: ChildProcess, stream: "stdout" | "stderr", onLine: (line: string) => void): void {
  let buffer = "";
  child[stream]?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf("\n");
    }
  });
}

/** Reads the platform's CPU and event-loop delay from its Prometheus metrics. */
export class ResourceProbe {
  private last: { cpuSeconds: number; atMs: number } | null = null;

  constructor(
    private readonly url: URL,
    private readonly token: string | null,
  ) {}

  async sample(nowMs: number): Promise<{ cpuPercent: number | null; lagMs: number | null }> {
    if (!this.token) return { cpuPercent: null, lagMs: null };
    try {
      const response = await fetch(new URL("/metrics", this.url), {
        headers: { authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(2000),
      });
      if (!response.ok) return { cpuPercent: null, lagMs: null };
      const text = await response.text();
      const cpuSeconds = metric(text, "switchboard_process_cpu_seconds_total");
      const lag = metric(text, "switchboard_nodejs_eventloop_lag_p99_seconds");
      let cpuPercent: number | null = null;
      if (cpuSeconds !== null && this.last && nowMs > this.last.atMs)
        cpuPercent = ((cpuSeconds - this.last.cpuSeconds) * 100_000) / (nowMs - this.last.atMs);
      if (cpuSeconds !== null) this.last = { cpuSeconds, atMs: nowMs };
      return { cpuPercent, lagMs: lag === null ? null : lag * 1000 };
    } catch {
      return { cpuPercent: null, lagMs: null };
    }
  }
}

function metric(text: string, name: string): number | null {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)`, "m").exec(text);
  return match?.[1] ? Number(match[1]) : null;
}
