import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  DEFAULT_CRITERIA,
  describeSaturation,
  judgeSteps,
  nextStepRate,
  type StepMeasure,
  saturationPoint,
} from "./saturation.ts";

const criteria = { ...DEFAULT_CRITERIA, sloP95Ms: 1000 };

/** A healthy step at a rate: throughput in step with the load, fast, no errors. */
function step(index: number, ratePerMin: number, over: Partial<StepMeasure> = {}): StepMeasure {
  return {
    index,
    ratePerMin,
    arrivals: ratePerMin / 4,
    offeredMsgsPerSec: ratePerMin / 15,
    throughputMsgsPerSec: ratePerMin / 15,
    requests: ratePerMin,
    p50Ms: 10,
    p95Ms: 40,
    queueWaitP95Ms: 30,
    errorRate: 0,
    platformCpuPercent: null,
    platformLagMs: null,
    generatorLagMs: null,
    loadAverage: null,
    ...over,
  };
}

describe("saturation detection", () => {
  test("the point is the highest rate below the first breach of the latency SLO", () => {
    const judged = judgeSteps(
      [step(0, 300), step(1, 600), step(2, 1200, { p95Ms: 2400 }), step(3, 849)],
      criteria,
    );
    assert.deepEqual(
      judged.map((s) => s.ok),
      [true, true, false, true],
    );
    assert.match(judged[2]?.reasons[0] ?? "", /p95 message latency 2400 ms is over the 1000 ms SLO/);
    const result = saturationPoint(judged);
    assert.equal(result.kind, "saturated");
    assert.equal(result.point?.ratePerMin, 849);
    assert.equal(result.limit?.ratePerMin, 1200);
    assert.match(
      describeSaturation(result),
      /^Saturation point: 849 conversations a minute \(56\.6 messages a second/,
    );
  });

  test("more than 1% failed requests, or a slow greeting, breaks a step however fast the answers", () => {
    const judged = judgeSteps(
      [
        step(0, 300),
        step(1, 600, { errorRate: 0.011 }),
        step(2, 450, { errorRate: 0.01 }),
        step(3, 520, { queueWaitP95Ms: 1500 }),
      ],
      criteria,
    );
    assert.deepEqual(
      judged.map((s) => s.ok),
      [true, false, true, false],
    );
    assert.match(judged[1]?.reasons.join() ?? "", /1\.1% of requests failed/);
    assert.match(judged[3]?.reasons.join() ?? "", /queue wait 1500 ms/);
    assert.equal(saturationPoint(judged).point?.ratePerMin, 450);
  });

  test("throughput that stops growing with the load is saturation, even within the SLO", () => {
    const judged = judgeSteps(
      [
        step(0, 600),
        step(1, 1200, { throughputMsgsPerSec: 44 }),
        step(2, 2400, { throughputMsgsPerSec: 46 }),
      ],
      criteria,
    );
    // 600/min answered 40/s; doubling the load to 1200 brought 10% more: under a quarter of the 100% rise.
    assert.deepEqual(
      judged.map((s) => s.ok),
      [true, false, false],
    );
    assert.match(judged[1]?.reasons[0] ?? "", /throughput stopped growing/);
    const grew = judgeSteps([step(0, 600), step(1, 1200, { throughputMsgsPerSec: 60 })], criteria);
    assert.equal(grew[1]?.ok, true, "50% more answers for twice the load is still growing");
  });

  test("nothing failing, or nothing passing, is said as such", () => {
    const none = saturationPoint(judgeSteps([step(0, 300), step(1, 600)], criteria));
    assert.equal(none.kind, "not_reached");
    assert.equal(none.point?.ratePerMin, 600);
    assert.match(describeSaturation(none), /No saturation within the step-up.*600 conversations a minute/);
    const all = saturationPoint(
      judgeSteps([step(0, 300, { p95Ms: 5000 }), step(1, 150, { p95Ms: 3000 })], criteria),
    );
    assert.equal(all.kind, "below_range");
    assert.match(describeSaturation(all), /below 150 conversations a minute/);
  });

  test("the step-up doubles while steps pass, then narrows the bracket, and stops within max steps", () => {
    const plan = { startPerMin: 300, factor: 2, maxSteps: 10, stepSeconds: 10 };
    const capacity = 1000;
    const history: { ratePerMin: number; ok: boolean }[] = [];
    for (let rate = nextStepRate(history, plan); rate !== null; rate = nextStepRate(history, plan))
      history.push({ ratePerMin: rate, ok: rate <= capacity });
    const rates = history.map((h) => Math.round(h.ratePerMin));
    assert.deepEqual(rates, [300, 600, 1200, 849, 1009]);
    // The bracket left is 849..1009, under the 25% the step-up narrows to.
    assert.equal(
      saturationPoint(
        judgeSteps(
          history.map((h, i) => step(i, h.ratePerMin, h.ok ? {} : { p95Ms: 5000 })),
          criteria,
        ),
      ).point?.ratePerMin,
      849.0,
    );
  });

  test("a first step that fails steps down, at most three times", () => {
    const plan = { startPerMin: 800, factor: 2, maxSteps: 10, stepSeconds: 10 };
    const history: { ratePerMin: number; ok: boolean }[] = [];
    for (let rate = nextStepRate(history, plan); rate !== null; rate = nextStepRate(history, plan))
      history.push({ ratePerMin: rate, ok: false });
    assert.deepEqual(
      history.map((h) => h.ratePerMin),
      [800, 400, 200, 100],
    );
    const capped: { ratePerMin: number; ok: boolean }[] = [];
    for (
      let rate = nextStepRate(capped, { ...plan, maxSteps: 3 });
      rate !== null;
      rate = nextStepRate(capped, { ...plan, maxSteps: 3 })
    )
      capped.push({ ratePerMin: rate, ok: true });
    assert.equal(capped.length, 3);
  });
});
