import assert from "node:assert/strict";
import { test } from "node:test";
import { MIN_INTENT_CONFIDENCE, mergeClosings } from "./routing.ts";

test("thanks and goodbye split between them are one closing, led by the likelier", () => {
  const split = {
    intent: "goodbye" as const,
    confidence: 0.41,
    alternatives: [
      { intent: "thanks" as const, confidence: 0.38 },
      { intent: "order_status" as const, confidence: 0.1 },
    ],
  };
  const merged = mergeClosings(split);
  assert.equal(merged.intent, "goodbye");
  assert.ok(Math.abs(merged.confidence - 0.79) < 1e-9);
  assert.ok(merged.confidence >= MIN_INTENT_CONFIDENCE);
  assert.deepEqual(merged.alternatives, [{ intent: "order_status", confidence: 0.1 }]);
  // Thanks ahead: thanks, answered with "anything else?" rather than "I didn't get that".
  assert.equal(
    mergeClosings({ ...split, intent: "thanks", alternatives: [{ intent: "goodbye", confidence: 0.3 }] })
      .intent,
    "thanks",
  );
  // Anything else is left alone: a sure intent, or a closing beside another request.
  assert.equal(mergeClosings({ ...split, confidence: 0.7 }).confidence, 0.7);
  const mixed = {
    intent: "thanks" as const,
    confidence: 0.4,
    alternatives: [{ intent: "return" as const, confidence: 0.35 }],
  };
  assert.equal(mergeClosings(mixed), mixed);
});
