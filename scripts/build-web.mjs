#!/usr/bin/env node
// Builds the staff web app (web/, Vite) into web/dist. With --if-stale it builds only when dist is
// missing or older than a source of web/ or package-lock.json: `npm start` and the browser test run it
// so a fresh clone (or a pull that changed web/) serves the current pages without a manual step.
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "web");
const dist = join(web, "dist");
const stamp = join(dist, ".built");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function stale() {
  if (!existsSync(stamp)) return true;
  const sources = Math.max(newest(web), statSync(join(root, "package-lock.json")).mtimeMs);
  return sources > statSync(stamp).mtimeMs;
}

if (process.argv.includes("--if-stale") && !stale()) process.exit(0);
const { build } = await import("vite");
console.log("building the web app (web/ → web/dist)");
await build({ configFile: join(web, "vite.config.ts"), logLevel: "warn" });
writeFileSync(stamp, `${new Date().toISOString()}\n`);
