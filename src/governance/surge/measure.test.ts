import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { percentile, Recorder, summarize, summarizeGroup, timeSeries } from "./measure.ts";

describe("surge measures", () => {
  test("percentiles are nearest-rank and ordered", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 95), 95);
    assert.equal(percentile(values, 100), 100);
    assert.equal(percentile([], 50), null);
    const s = summarize([5, 1, 9, 3]);
    assert.deepEqual([s.count, s.p50, s.max, s.mean], [4, 3, 9, 4.5]);
  });

  test("a group counts outcomes, containment, errors by kind and queue wait from arrival", () => {
    const recorder = new Recorder();
    const base = { stage: "profile" as const, group: "peak", reason: "return" as const, script: "s" };
    const done = (
      c: ReturnType<Recorder["arrive"]>,
      outcome: "contained" | "handed_off" | "failed",
      at: number,
    ) => {
      c.launchedMs = c.scheduledMs;
      c.outcome = outcome;
      c.endedMs = at;
    };
    const a = recorder.arrive({ ...base, channel: "http", expectsHandoff: false, scheduledMs: 0 });
    a.firstReplyMs = 20;
    recorder.request(a.id, "start", 0).latencyMs = 20;
    recorder.request(a.id, "message", 100).latencyMs = 50;
    done(a, "contained", 150);
    const b = recorder.arrive({ ...base, channel: "websocket", expectsHandoff: true, scheduledMs: 1000 });
    b.firstReplyMs = 1100;
    recorder.request(b.id, "start", 1000).latencyMs = 100;
    recorder.request(b.id, "message", 1200).latencyMs = 70;
    done(b, "handed_off", 1300);
    const c = recorder.arrive({ ...base, channel: "http", expectsHandoff: false, scheduledMs: 1500 });
    recorder.request(c.id, "start", 1500).error = "http_503";
    done(c, "failed", 1600);
    recorder.arrive({ ...base, channel: "http", expectsHandoff: false, scheduledMs: 1900 });

    const requests = (id: number) => recorder.requests.filter((r) => r.conversation === id);
    const g = summarizeGroup("peak", recorder.conversations, (x) => requests(x.id));
    assert.deepEqual(
      [g.arrivals, g.completed, g.failed, g.inFlight, g.contained, g.handedOff],
      [4, 2, 1, 1, 1, 1],
    );
    assert.equal(g.containment, 1 / 3);
    assert.equal(g.asScripted, 1);
    assert.deepEqual(g.errors, { http_503: 1 });
    assert.equal(g.errorRate, 1 / 5);
    assert.deepEqual([g.queueWait.count, g.queueWait.max], [2, 100]);
    assert.deepEqual([g.messageLatency.count, g.messageLatency.max], [2, 70]);
    assert.deepEqual(g.channels, { http: 3, websocket: 1 });
    assert.equal(recorder.inFlight(), 1);

    const series = timeSeries(recorder, 2000, 1000);
    assert.deepEqual(
      series.map((b) => [b.arrivalsPerMin, b.completedPerMin, b.failedPerMin, b.inFlight]),
      [
        [60, 60, 0, 0],
        [180, 60, 60, 1],
      ],
    );
    assert.deepEqual(series[1]?.errors, { http_503: 1 });
  });
});
