#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner (through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = ["src", "test"]
  .flatMap((dir) => find(dir))
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)))
  .sort();
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
// Two cores: two files at a time keeps the database-heavy suites from starving each other.
const concurrency = process.env.SWITCHBOARD_TEST_CONCURRENCY ?? "2";
const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "--import",
    "./test/support/fast-check-setup.mjs",
    "--test",
    `--test-concurrency=${concurrency}`,
    "--test-timeout=600000",
    ...files,
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
