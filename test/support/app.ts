import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../../src/app.ts";
import {
  type Clock,
  type Config,
  fixedClock,
  type Logger,
  loadConfig,
  type Storage,
  silentLogger,
} from "../../src/platform/index.ts";
import { ANCHOR } from "./store.ts";

export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";

/** The whole platform over a test database, listening on a free port. */
export async function startTestApp(
  storage: Storage,
  /** `config` overrides settings, e.g. higher rate limits for a test that sends many requests. */
  options: { agentDir?: string; logger?: Logger; config?: Partial<Config>; clock?: Clock } = {},
): Promise<{ app: App; url: string }> {
  const config = loadConfig({
    env: {},
    cwd: mkdtempSync(join(tmpdir(), "sb-app-")),
    overrides: {
      adminToken: TEST_ADMIN_TOKEN,
      agentDir: options.agentDir ?? "agents/default",
      dataDir: mkdtempSync(join(tmpdir(), "sb-data-")),
      port: 0,
      ...options.config,
    },
  });
  const app = await createApp({
    config,
    storage,
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? fixedClock(ANCHOR),
  });
  const url = await app.http.listen({ port: 0, host: "127.0.0.1" });
  return { app, url };
}

export const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
