import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../../bin/switchboard.js", import.meta.url));

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
];

/** A platform the simulator started for itself: where its HTTP API and SIP endpoint are. */
export interface PlatformChild {
  url: URL;
  sip: { host: string; port: number };
  /** Reads conversations (an admin token made for this run). */
  token: string;
  pid: number;
  /** The CPU list it is pinned to ("0"), or null when it runs free. */
  pinnedTo: string | null;
  /** Error and fatal lines it logged, and the first of them. */
  loggedErrors(): { count: number; first: string | null };
  /** Set when it exited on its own (a crash), with the last lines it printed. */
  crashed(): { code: number | null; signal: string | null; tail: string[] } | null;
  /** Whether its speech engines said they were ready (null: no word from them yet). */
  speechReady(): boolean | null;
  /** Resolves once the speech engines report (ready or failed), or after `timeoutMs`. */
  speechSettled(timeoutMs: number): Promise<boolean | null>;
  stop(): Promise<void>;
}

export const haveTaskset = () => spawnSync("taskset", ["-V"]).error === undefined;

/**
 * Starts the platform as its own process (its own event loop, as in production: the caller's pacing
 * and listening must not share a loop with what it measures): a temporary data directory with SQLite
 * and the seeded store, the default agent, free HTTP and SIP ports, optionally pinned to CPUs with
 * taskset so a figure is "per core".
 */
export async function startPlatformChild(
  options: {
    cpus?: string;
    startTimeoutMs?: number;
    env?: Record<string, string>;
    /** Another checkout of the platform to run (e.g. a commit exported to measure it alone). */
    root?: string;
  } = {},
): Promise<PlatformChild> {
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-voice-sim-"));
  const token = randomBytes(24).toString("base64url");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CLEARED_ENV) delete env[key];
  Object.assign(env, {
    SWITCHBOARD_DATA_DIR: join(dataDir, "data"),
    SWITCHBOARD_ADMIN_TOKEN: token,
    SWITCHBOARD_SIP_PORT: "0",
    // Info: the line saying the speech engines are ready is at that level (requests are never logged).
    SWITCHBOARD_LOG_LEVEL: "info",
    SWITCHBOARD_SEED_ON_FIRST_START: "true",
    ...options.env,
  });
  const pin = options.cpus && haveTaskset() ? options.cpus : null;
  const bin = options.root ? join(options.root, "bin", "switchboard.js") : BIN;
  const node = [process.execPath, bin, "start", "--port", "0", "--host", "127.0.0.1"];
  const [command, ...args] = pin ? ["taskset", "-c", pin, ...node] : node;
  const child = spawn(command as string, args, { cwd: dataDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let errors = 0;
  let firstError: string | null = null;
  let exited = false;
  let stopping = false;
  let crash: { code: number | null; signal: string | null; tail: string[] } | null = null;
  let speech: boolean | null = null;
  const speechWaiters: Array<() => void> = [];
  const tail: string[] = [];
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = true;
      if (!stopping) crash = { code, signal, tail: [...tail] };
      resolve();
    }),
  );
  const ready = new Promise<{ url: string; sip: { host: string; port: number } }>((resolve, reject) => {
    let url: string | null = null;
    let sip: { host: string; port: number } | null = null;
    const timer = setTimeout(
      () => reject(new Error(`the platform did not start in time:\n${tail.join("\n")}`)),
      options.startTimeoutMs ?? 90_000,
    );
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      const sipLine = /SIP on udp:\/\/([\d.]+):(\d+)/.exec(line);
      if (sipLine) sip = { host: sipLine[1] as string, port: Number(sipLine[2]) };
      if (/SIP port .* is not available/.test(line)) {
        clearTimeout(timer);
        reject(new Error(`the platform's SIP endpoint did not start: ${line}`));
      }
      if (/speech engines ready/.test(line)) speech = true;
      if (/speech engines could not load/.test(line)) speech = false;
      if (speech !== null) for (const wake of speechWaiters.splice(0)) wake();
      url ??= /listening on (http:\/\/\S+)/.exec(line)?.[1] ?? null;
      const level = /"level":(\d+)/.exec(line)?.[1];
      if (level && Number(level) >= 50) {
        errors++;
        firstError ??= line.slice(0, 500);
      }
      if (url && sip) {
        clearTimeout(timer);
        resolve({ url, sip });
      }
    };
    lines(child, "stdout", onLine);
    lines(child, "stderr", onLine);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`the platform exited before listening:\n${tail.join("\n")}`));
    });
  });
  const stop = async () => {
    stopping = true;
    if (!exited) {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(killed);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { url, sip } = await ready;
    return {
      url: new URL(url),
      sip,
      token,
      pid: child.pid as number,
      pinnedTo: pin,
      loggedErrors: () => ({ count: errors, first: firstError }),
      crashed: () => crash,
      speechReady: () => speech,
      speechSettled: (timeoutMs) =>
        new Promise((resolve) => {
          if (speech !== null) return resolve(speech);
          const timer = setTimeout(() => resolve(speech), timeoutMs);
          speechWaiters.push(() => {
            clearTimeout(timer);
            resolve(speech);
          });
        }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
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
