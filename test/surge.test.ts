import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parseSurgeFlags, surgeCommand } from "../src/cli/surge-command.ts";
import type { GroupSummary, LatencySummary, SurgeResult } from "../src/governance/surge/index.ts";

function assertOrdered(l: LatencySummary, label: string): void {
  if (l.count === 0) return;
  const chain = [l.p50, l.p90, l.p95, l.p99, l.max].map((v) => v ?? Number.NaN);
  for (let i = 1; i < chain.length; i++)
    assert.ok(
      (chain[i - 1] ?? 0) <= (chain[i] ?? 0),
      `${label}: percentiles out of order ${chain.join(", ")}`,
    );
}

function assertConsistent(g: GroupSummary): void {
  assert.ok(g.completed <= g.arrivals, `${g.name}: completed ${g.completed} > arrivals ${g.arrivals}`);
  assert.equal(g.completed + g.failed + g.inFlight, g.arrivals, `${g.name}: outcomes do not add up`);
  assert.equal(g.contained + g.handedOff, g.completed);
  if (g.containment !== null) assert.ok(g.containment >= 0 && g.containment <= 1, `${g.name}: containment`);
  assert.ok(g.answered <= g.requests);
  const errors = Object.values(g.errors).reduce((s, n) => s + n, 0);
  assert.ok(errors + g.answered <= g.requests, `${g.name}: more outcomes than requests`);
  if (g.requests > 0) assert.equal(g.errorRate, errors / g.requests);
  assert.equal(g.channels.http + g.channels.websocket, g.arrivals);
  assertOrdered(g.messageLatency, `${g.name} message latency`);
  assertOrdered(g.queueWait, `${g.name} queue wait`);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("simulate surge", () => {
  test("a short flash sale against a child platform writes a report that names the saturation point", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-surge-"));
    const started = Date.now();
    const result: SurgeResult = await surgeCommand({
      profile: "flash-sale",
      seed: "3",
      baseRate: "150",
      hourSeconds: "1",
      stepSeconds: "3",
      maxSteps: "2",
      thinkMs: "150",
      timeoutMs: "5000",
      report: dir,
      quiet: true,
    });
    assert.ok(Date.now() - started < 60_000, "bounded well under a minute");

    const html = readFileSync(join(dir, "surge.html"), "utf8");
    assert.ok(existsSync(join(dir, "surge.json")));
    const json = JSON.parse(readFileSync(join(dir, "surge.json"), "utf8")) as SurgeResult;
    assert.equal(json.saturation.sentence, result.saturation.sentence);
    // Six time charts, containment and the step-up, as inline SVG; no script needed to read it.
    assert.ok((html.match(/<svg /g) ?? []).length >= 7, "the charts are inline SVG");
    assert.ok(!html.includes("<script"), "self-contained, no script");
    assert.match(
      html,
      /<p class="verdict" id="saturation">(Saturation point|No saturation within|Saturation point below)/,
    );
    assert.ok(html.includes("Voice (SIP, media streams) does not exist"));
    assert.ok(html.includes("SWITCHBOARD_CHAT_STARTS_PER_MINUTE"), "the raised limits are reported");

    assert.equal(json.saturation.measured, true);
    assert.ok(json.steps.length >= 1 && json.steps.length <= 2);
    if (json.saturation.measured && json.saturation.point)
      assert.ok(
        json.saturation.sentence.includes(
          Math.round(json.saturation.point.ratePerMin).toLocaleString("en-US"),
        ),
      );

    const t = json.profileTotals;
    assert.ok(t.arrivals > 50, `arrivals ${t.arrivals}`);
    assert.ok(t.completed > 0);
    assertConsistent(t);
    for (const g of [...json.phaseSummaries, ...json.byChannel, ...json.steps.map((s) => s.summary)])
      assertConsistent(g);
    assert.deepEqual(
      json.phaseSummaries.map((g) => g.name),
      ["baseline", "promotion ramp", "peak", "returns wave"],
    );
    assert.equal(
      json.phaseSummaries.reduce((s, g) => s + g.arrivals, 0),
      t.arrivals,
    );
    assert.ok(t.channels.http > 0 && t.channels.websocket > 0, "both channels carried customers");
    assert.ok(t.messageLatency.count > t.arrivals, "customers spoke after the greeting");
    // The series covers the run, and what arrived in it is what the totals count.
    const series = json.series;
    const arrivals = series.reduce((s, b) => s + (b.arrivalsPerMin * json.bucketSeconds) / 60, 0);
    assert.equal(Math.round(arrivals), t.arrivals + json.steps.reduce((s, st) => s + st.arrivals, 0));
    for (const st of json.steps) {
      assert.ok(st.p50Ms === null || st.p95Ms === null || st.p50Ms <= st.p95Ms);
      assert.equal(st.ok, st.reasons.length === 0);
    }
    assert.equal(json.platform.errorsLogged, 0, `the platform logged errors: ${json.platform.firstError}`);
  });

  test("a platform that does not answer: every request counted as a failure, by kind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-surge-"));
    const result = await surgeCommand({
      url: `http://127.0.0.1:${await closedPort()}`,
      baseRate: "600",
      hourSeconds: "0.2",
      saturation: false,
      timeoutMs: "1000",
      report: dir,
      quiet: true,
    });
    const t = result.profileTotals;
    assert.ok(t.arrivals > 5);
    assert.deepEqual([t.failed, t.completed, t.inFlight], [t.arrivals, 0, 0]);
    assert.equal(t.containment, 0);
    assert.deepEqual(Object.keys(t.errors), ["connection"]);
    assert.equal(t.errors.connection, t.requests);
    assert.equal(t.errorRate, 1);
    assert.equal(result.saturation.measured, false);
    assert.match(readFileSync(join(dir, "surge.html"), "utf8"), /not measured \(--no-saturation\)/);
  });

  test("flags are validated, every problem named with its flag", () => {
    assert.throws(() => parseSurgeFlags({ baseRate: "lots" }), /--base-rate must be a number/);
    assert.throws(() => parseSurgeFlags({ baseRate: "0" }), /--base-rate must be/);
    assert.throws(
      () => parseSurgeFlags({ profile: "black-friday" }),
      /--profile must be one of flash-sale, steady/,
    );
    assert.throws(() => parseSurgeFlags({ wsShare: "1.5" }), /--ws-share must be from 0 to 1/);
    assert.throws(() => parseSurgeFlags({ maxSteps: "2.5" }), /--max-steps must be a whole number/);
    assert.throws(() => parseSurgeFlags({ url: "ftp://example.com" }), /--url must be an http/);
    assert.throws(() => parseSurgeFlags({ hourSeconds: "1e3" }), /--hour-seconds must be a number/);
    assert.throws(
      () => parseSurgeFlags({ seed: "-1", sloMs: "fast" }),
      (error: Error) => /--seed/.test(error.message) && /--slo-ms/.test(error.message),
    );
    const defaults = parseSurgeFlags({});
    assert.deepEqual(
      [
        defaults.profile,
        defaults.baseRate,
        defaults.hourSeconds,
        defaults.sloMs,
        defaults.saturation,
        defaults.report,
      ],
      ["flash-sale", 120, 10, 1000, true, "./surge-report"],
    );
  });
});
