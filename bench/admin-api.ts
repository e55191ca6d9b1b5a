// Admin API throughput and latency against a real server process (SQLite, enriched store), loaded by
// autocannon from this process. Baseline in the same run: GET /health, which also touches the database.
// Run: npx tsx bench/admin-api.ts [connections=20] [seconds=10]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

const connections = Number(process.argv[2] ?? 20);
const duration = Number(process.argv[3] ?? 10);
const token = "bench-admin-token-0123456789";
const dir = mkdtempSync(join(tmpdir(), "sb-bench-"));
const server = spawn(process.execPath, ["bin/switchboard.js", "start", "--port", "0"], {
  env: {
    ...process.env,
    SWITCHBOARD_DATA_DIR: dir,
    SWITCHBOARD_ADMIN_TOKEN: token,
    SWITCHBOARD_LOG_LEVEL: "warn",
    DATABASE_URL: "",
  },
});
const url = await new Promise<string>((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m?.[1]) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
});

const headers = { authorization: `Bearer ${token}` };
const targets = [
  { name: "GET /health (baseline)", path: "/health" },
  { name: "GET /api/v1/orders/:id", path: "/api/v1/orders/%23W2378156" },
  { name: "GET /api/v1/customers/:id", path: "/api/v1/customers/yusuf_rossi_9620" },
];
try {
  for (const t of targets) {
    const result = await autocannon({ url: `${url}${t.path}`, connections, duration, headers });
    const errors = result.non2xx + result.errors;
    console.log(
      `${t.name}: ${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors} (${connections} connections, ${duration} s)`,
    );
  }
} finally {
  server.kill("SIGTERM");
}
