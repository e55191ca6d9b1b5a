import assert from "node:assert/strict";
import { test } from "node:test";
import { computeMetrics, DEFAULT_CONTACT_COSTS, markRepeats, percentile } from "./metrics.ts";
import { type ConversationFacts, type LoggedEvent, summarize } from "./summary.ts";

const facts = (id: string, createdAt: string, customerId: string | null = null): ConversationFacts => ({
  id,
  channel: "chat",
  language: "en",
  agentVersion: "v1",
  customerId,
  createdAt,
});
const at = (iso: string, type: string, fields: Record<string, unknown> = {}): LoggedEvent => ({
  at: iso,
  event: { type, ...fields },
});

test("nearest-rank percentiles: the smallest value with at least p% at or below it", () => {
  assert.deepEqual(
    [50, 90, 95, 99, 100].map((p) => percentile([10, 20, 30, 40], p)),
    [20, 40, 40, 40, 40],
  );
  assert.equal(percentile([7], 50), 7);
});

test("a repeat is another contact by the same customer at most 168 hours before, ties by id", () => {
  const contact = (id: string, createdAt: string, customer: string) =>
    summarize(facts(id, createdAt, customer), [at(createdAt, "customer_message", { text: "hi" })], new Set());
  const rated = markRepeats(
    [
      contact("b", "2026-11-27T09:00:00.000Z", "ana"), // exactly 7 days after "a": a repeat
      contact("c", "2026-11-27T09:00:00.001Z", "bo"), // 7 days and 1 ms after "x": not one
      contact("d", "2026-11-28T10:00:00.000Z", "cy"),
      contact("e", "2026-11-28T10:00:00.000Z", "cy"), // same instant as "d": the later id repeats
    ],
    [
      { id: "a", customerId: "ana", createdAt: "2026-11-20T09:00:00.000Z" },
      { id: "x", customerId: "bo", createdAt: "2026-11-20T09:00:00.000Z" },
    ],
  );
  assert.deepEqual(
    rated.map((r) => [r.id, r.repeat]),
    [
      ["b", true],
      ["c", false],
      ["d", false],
      ["e", true],
    ],
  );
});

test("an erased conversation still counts by its event types; a purged one is no contact", () => {
  // Erasure leaves `{ type, erased: true }`: the handoff is known, its reason is not.
  const erased = summarize(
    facts("e", "2026-11-26T10:00:00.000Z"),
    [
      at("2026-11-26T10:00:00.000Z", "conversation_started", { erased: true }),
      at("2026-11-26T10:00:20.000Z", "customer_message", { erased: true }),
      at("2026-11-26T10:00:20.000Z", "handoff", { erased: true }),
    ],
    new Set(),
  );
  assert.deepEqual(
    [erased.contact, erased.outcome, erased.escalation, erased.handlingSeconds],
    [true, "escalated", "unknown", 20],
  );
  const purged = summarize(facts("p", "2026-11-26T11:00:00.000Z"), [], new Set());
  const metrics = computeMetrics(markRepeats([erased, purged], []), DEFAULT_CONTACT_COSTS);
  assert.deepEqual(
    [metrics.conversations, metrics.purged, metrics.contacts, metrics.escalationsByReason],
    [2, 1, 1, { unknown: 1 }],
  );
  // No contacts: every rate and average is null, never NaN.
  const none = computeMetrics(markRepeats([purged], []), DEFAULT_CONTACT_COSTS);
  assert.deepEqual(
    [none.containmentRate, none.averageHandlingSeconds, none.cost.perContactMinor, none.voiceLatencyMs],
    [null, null, null, null],
  );
});
