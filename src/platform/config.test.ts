import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { DEFAULT_AGENT_DIR, loadConfig } from "./config.ts";
import { SwitchboardError } from "./errors.ts";

const empty = mkdtempSync(join(tmpdir(), "cfg-"));

function fails(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SwitchboardError);
    assert.equal(error.code, "config_invalid");
    return error.message;
  }
  assert.fail("expected a configuration error");
}

describe("configuration", () => {
  test("has working defaults", () => {
    assert.ok(DEFAULT_AGENT_DIR.endsWith("/agents/default"));
    const cfg = loadConfig({ env: {}, cwd: empty });
    assert.deepEqual(
      [cfg.port, cfg.host, cfg.dataDir, cfg.agentDir, cfg.databaseUrl, cfg.adminToken],
      [3000, "127.0.0.1", "./data", DEFAULT_AGENT_DIR, undefined, undefined],
    );
  });

  test("the environment overrides the file, and flags override both", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    writeFileSync(join(dir, "switchboard.yaml"), "port: 4000\nhost: 0.0.0.0\nlogLevel: debug\n");
    const cfg = loadConfig({ env: { PORT: "5000", DATABASE_URL: "postgres://u@h/db" }, cwd: dir });
    assert.deepEqual(
      [cfg.port, cfg.host, cfg.logLevel, cfg.databaseUrl],
      [5000, "0.0.0.0", "debug", "postgres://u@h/db"],
    );
    assert.equal(loadConfig({ env: { PORT: "5000" }, cwd: dir, overrides: { port: 6000 } }).port, 6000);
  });

  test("a bad value names its source and what was given", () => {
    const message = fails(() =>
      loadConfig({ env: { PORT: "eighty", SWITCHBOARD_ADMIN_TOKEN: "short" }, cwd: empty }),
    );
    assert.match(message, /environment variable PORT: .* \(got "eighty"\)/);
    assert.match(message, /environment variable SWITCHBOARD_ADMIN_TOKEN: must be at least 16 characters/);
    assert.match(
      fails(() => loadConfig({ env: { DATABASE_URL: "mysql://x" }, cwd: empty })),
      /DATABASE_URL: must be a postgres/,
    );
    assert.match(
      fails(() => loadConfig({ env: { SWITCHBOARD_SEED_ON_FIRST_START: "maybe" }, cwd: empty })),
      /SWITCHBOARD_SEED_ON_FIRST_START/,
    );
  });

  test("unknown settings and broken files are refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    writeFileSync(join(dir, "typo.yaml"), "prot: 80\n");
    assert.match(
      fails(() => loadConfig({ env: {}, cwd: dir, file: "typo.yaml" })),
      /unknown setting\(s\) prot/,
    );
    writeFileSync(join(dir, "broken.yaml"), "port: [80\n");
    assert.match(
      fails(() => loadConfig({ env: {}, cwd: dir, file: "broken.yaml" })),
      /not valid YAML/,
    );
    assert.match(
      fails(() => loadConfig({ env: {}, cwd: dir, file: "missing.yaml" })),
      /not found/,
    );
  });
});
