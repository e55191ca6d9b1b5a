import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { scoreSentiment, sentimentTrend } from "./index.ts";

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

describe("sentimentTrend", () => {
  test("an empty conversation is neutral and calm", () => {
    assert.deepEqual(sentimentTrend([]), { average: 0, last: 0, slope: 0, escalate: false });
  });

  test("average, last and the least-squares slope", () => {
    const trend = sentimentTrend([0, -0.2, -0.4, -0.6]);
    close(trend.average, -0.3);
    close(trend.last, -0.6);
    close(trend.slope, -0.2);
    close(sentimentTrend([0.5]).slope, 0);
    close(sentimentTrend([0.1, 0.5, 0.3]).slope, 0.1);
  });

  test("one strongly negative message escalates", () => {
    assert.equal(sentimentTrend([-0.6]).escalate, true);
    assert.equal(sentimentTrend([0.3, 0, -0.8]).escalate, true);
  });

  test("one mildly annoyed message does not", () => {
    assert.equal(sentimentTrend([-0.4]).escalate, false);
    assert.equal(sentimentTrend([0, 0, -0.5]).escalate, false);
  });

  test("two negative turns in a row escalate only while getting worse", () => {
    assert.equal(sentimentTrend([0, -0.4, -0.5]).escalate, true);
    assert.equal(sentimentTrend([-0.9, -0.5, -0.4]).escalate, false, "calming down");
    assert.equal(sentimentTrend([-0.4, -0.4]).escalate, false, "flat");
    assert.equal(sentimentTrend([0, -0.3, -0.5]).escalate, false, "one turn above -0.35");
  });

  test("non-finite scores are ignored and out-of-range ones clamped", () => {
    assert.deepEqual(sentimentTrend([Number.NaN, -0.2]), sentimentTrend([-0.2]));
    assert.equal(sentimentTrend([-7]).last, -1);
  });

  test("on real messages: a worsening complaint escalates, one annoyed remark does not", () => {
    const turns = (messages: string[]) => messages.map((m) => scoreSentiment(m, "en").score);
    const calm = turns(["Where is my order #W2378156?", "I'm a bit annoyed it is late"]);
    assert.equal(sentimentTrend(calm).escalate, false);
    const single = turns(["Hi", "I am very disappointed with the delivery"]);
    assert.equal(sentimentTrend(single).escalate, false);
    const worsening = turns([
      "Where is my order #W2378156?",
      "It was supposed to arrive last week, I'm disappointed",
      "Still nothing, I'm fed up",
    ]);
    assert.equal(sentimentTrend(worsening).escalate, true);
  });

  test("never escalates while the last turn is above -0.35", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (s) => {
          const trend = sentimentTrend(s);
          if (trend.last > -0.35) assert.equal(trend.escalate, false);
          assert.ok(Number.isFinite(trend.slope) && Number.isFinite(trend.average));
        },
      ),
      { numRuns: 200 },
    );
  });
});
