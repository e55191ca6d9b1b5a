import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { App } from "../src/app.ts";
import { ROLES, type Role } from "../src/compliance/index.ts";
import { type ConversationEvent, ConversationService } from "../src/conversation/index.ts";
import {
  type AnalyticsMetrics,
  type AnalyticsReport,
  AnalyticsSource,
  analyticsPeriod,
} from "../src/governance/analytics/index.ts";
import { fixedClock, loadConfig, type Storage, SwitchboardError } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";
import { ANCHOR } from "./support/store.ts";

/** Every customer message comes this long after the previous one (or after the opening). */
const STEP_MS = 30_000;
/** What the voice layer measured on the voice call K, one per turn (ms). */
const VOICE_LATENCIES = [700, 300, 1500, 420, 350, 900, 320, 500, 450, 400];

/**
 * The fixture: real conversations with the default agent over the seeded store, at fixed times.
 * Letters name the conversations of the period (2026-11-24 to 2026-11-26); P1-P4 lie outside it.
 *
 * | id | opened (UTC)     | channel | lang | version | customer messages             | outcome                        |
 * | P1 | 11-19 08:59      | chat    | de   | draft   | 3, marie (email)              | before the period              |
 * | P2 | 11-20 09:00      | chat    | en   | draft   | 2, ivan (email)               | before the period              |
 * | P3 | 11-23 23:59      | chat    | en   | draft   | 1, asks for a person          | before the period              |
 * | A  | 11-24 09:00      | chat    | en   | draft   | 3, ivan status + bye          | contained, repeat of P2        |
 * | B  | 11-24 14:00      | chat    | en   | draft   | 2, jana order # + email       | contained, cross-sell offer    |
 * | C  | 11-24 16:00      | chat    | en   | draft   | 1, "cancel my order", leaves  | unresolved                     |
 * | D  | 11-25 10:00      | chat    | en   | draft   | 4, mateo promise to pay       | contained                      |
 * | E  | 11-25 11:00      | chat    | en   | draft   | 3, mateo payment link         | contained, repeat of D         |
 * | F  | 11-25 15:00      | email   | en   | draft   | 1, asks for a person          | escalated customer_request     |
 * | G  | 11-26 09:00      | chat    | de   | draft   | 3, marie status               | contained (P1 is 7 d 1 min ago)|
 * | H  | 11-26 10:00      | chat    | en   | v2      | 1, furious                    | escalated negative_sentiment   |
 * | I  | 11-26 11:00      | chat    | en   | v2      | 3, liam order # + postcode,   | escalated customer_request     |
 * |    |                  |         |      |         |    status, then a person      |   (after resolving the status) |
 * | J  | 11-26 12:00      | chat    | en   | draft   | 0 (opened, never written in)  | not a contact                  |
 * | K  | 11-26 13:00      | voice   | en   | draft   | 2, ivan status + 10 timings   | contained, repeat of A         |
 * | P4 | 11-27 00:00      | chat    | en   | draft   | 1, "cancel my order"          | after the period               |
 */
async function buildFixture(app: App, clock: ReturnType<typeof fixedClock>): Promise<void> {
  const v2 = new ConversationService(app.conversationStore, app.runtime, { agentVersion: "v2", clock });
  const talk = async (
    at: string,
    channel: "chat" | "email" | "voice",
    locale: string,
    turns: string[],
    service: ConversationService = app.conversations,
  ): Promise<string> => {
    clock.set(at);
    const { id } = await service.start({ channel, locale });
    for (const text of turns) {
      clock.advance(STEP_MS);
      await service.send(id, text);
    }
    return id;
  };
  const ivan = ["has my office chair shipped yet?", "ivan.santos3158@example.com"];
  const marie = ["Hallo, wo bleibt mein Paket?", "marie.fischer617@example.com", "die erste"];
  const person = "can I talk to a real person please";

  await talk("2026-11-19T08:59:00.000Z", "chat", "de-DE", marie); // P1
  await talk("2026-11-20T09:00:00.000Z", "chat", "en-US", ivan); // P2
  await talk("2026-11-23T23:59:00.000Z", "chat", "en-US", [person]); // P3
  await talk("2026-11-24T09:00:00.000Z", "chat", "en-US", [...ivan, "no thanks, bye"]); // A
  await talk("2026-11-24T14:00:00.000Z", "chat", "en-GB", [
    "where is my order #W1137188",
    "jana.fischer4018@example.de",
  ]); // B
  await talk("2026-11-24T16:00:00.000Z", "chat", "en-US", ["please cancel my order"]); // C
  await talk("2026-11-25T10:00:00.000Z", "chat", "en-US", [
    "I got a payment reminder",
    "mateo.bennett4699@example.com",
    "I can pay next friday",
    "yes",
  ]); // D
  await talk("2026-11-25T11:00:00.000Z", "chat", "en-US", [
    "I want to pay my bill",
    "mateo.bennett4699@example.com",
    "I'll pay right now, send me the link",
  ]); // E
  await talk("2026-11-25T15:00:00.000Z", "email", "en-US", [person]); // F
  await talk("2026-11-26T09:00:00.000Z", "chat", "de-DE", marie); // G
  await talk(
    "2026-11-26T10:00:00.000Z",
    "chat",
    "en-US",
    ["this is ridiculous, my order is late AGAIN, worst service ever!!!"],
    v2,
  ); // H
  await talk(
    "2026-11-26T11:00:00.000Z",
    "chat",
    "en-US",
    ["hi, can you check order W 623 1698 for me", "85049", person],
    v2,
  ); // I
  await talk("2026-11-26T12:00:00.000Z", "chat", "en-US", []); // J
  const k = await talk("2026-11-26T13:00:00.000Z", "voice", "en-US", ivan); // K
  // The agent cannot measure audio: these are what the voice layer appends, at the last turn's time.
  const call = await app.conversationStore.get(k);
  assert.ok(call);
  await app.conversationStore.append(
    k,
    VOICE_LATENCIES.map(
      (latencyMs) => ({ type: "voice_turn_timing", latencyMs }) as unknown as ConversationEvent,
    ),
    { expectedEventCount: call.eventCount, state: call.state },
  );
  await talk("2026-11-27T00:00:00.000Z", "chat", "en-US", ["please cancel my order"]); // P4
}

/**
 * The whole period, by hand:
 * - conversations A-K = 11; contacts (a customer message) 10, J is not one.
 * - contained (no handoff, a resolved task): A B D E G K = 6; escalated F H I = 3; unresolved C = 1.
 *   containment 6/10 = 0.6, escalation 3/10 = 0.3. I resolved its status first: a handoff still wins.
 * - escalations: customer_request F I = 2, negative_sentiment H = 1 (H started no task: the agent
 *   handed over before routing).
 * - tasks: order_status started A B G I K = 5, all answered → 1; cancel C 1, none → 0;
 *   invoice D E 2, both resolved (promise, link) → 1.
 * - handling (opening → handoff or last event, 30 s per message): A 90, B 60, C 30, D 120, E 90,
 *   F 30, G 90, H 30, I 90 (the handoff is the 3rd message), K 60 (timings appended at the last
 *   turn's time) = 690 / 10 = 69.0 s.
 * - turns per resolution: contained messages A3 B2 D4 E3 G3 K2 = 17, resolved tasks 6 → 2.83.
 * - identified contacts (verified customer): A B D E G I K = 7. Repeats: A (P2 4 days before),
 *   E (D 1 hour before), K (A 2 days 4 hours before) = 3 → 3/7 = 0.4286. G is not: P1 was 7 days
 *   and 1 minute before.
 * - verification: email A D E G K = 5, order_and_email B, order_and_postal_code I → by order
 *   number 2/7 = 0.2857.
 * - cost (cents): assisted 3 × 1350 = 4050, self-service 7 × 184 = 1288, total 5338, per contact
 *   533.8 → 534; savings 6 contained × (1350 − 184) = 6996.
 * - promise to pay: invoice contacts D E = 2, promise D = 1 → 0.5. Cross-sell: B's descaler offer,
 *   1/10 = 0.1.
 * - voice: 10 timings sorted 300 320 350 400 420 450 500 700 900 1500; nearest rank p50 = 5th = 420,
 *   p90 = 9th = 900, p95 = ceil(9.5) = 10th = 1500, p99 = 10th = 1500.
 */
const TOTALS: AnalyticsMetrics = {
  conversations: 11,
  purged: 0,
  contacts: 10,
  contained: 6,
  escalated: 3,
  unresolved: 1,
  containmentRate: 0.6,
  escalationRate: 0.3,
  escalationsByReason: { customer_request: 2, negative_sentiment: 1 },
  resolutionByIntent: {
    cancel: { started: 1, resolved: 0, rate: 0 },
    invoice: { started: 2, resolved: 2, rate: 1 },
    order_status: { started: 5, resolved: 5, rate: 1 },
  },
  averageHandlingSeconds: 69,
  turnsPerResolution: 2.83,
  repeatContacts: { identifiedContacts: 7, repeats: 3, rate: 0.4286 },
  identification: {
    identified: 7,
    byOrderNumber: 2,
    byOrderNumberShare: 0.2857,
    byMethod: { email: 5, order_and_email: 1, order_and_postal_code: 1 },
  },
  cost: {
    assistedContacts: 3,
    selfServiceContacts: 7,
    totalMinor: 5338,
    perContactMinor: 534,
    savingsMinor: 6996,
  },
  promiseToPay: { invoiceContacts: 2, promises: 1, rate: 0.5 },
  crossSell: { offers: 1, rate: 0.1 },
  voiceLatencyMs: { turns: 10, p50: 420, p90: 900, p95: 1500, p99: 1500 },
};

/** A minimal RFC 4180 reader, to read the export back the way a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') [cell, i] = [`${cell}"`, i + 1];
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") [row, cell] = [[...row, cell], ""];
    else if (ch === "\n") {
      rows.push([...row, cell]);
      [row, cell] = [[], ""];
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

for (const database of await testDatabases()) {
  describe(`analytics on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let app: App;
    let url: string;
    let draft: string;
    const tokens = new Map<Role, string>();

    before(async () => {
      storage = await database.open();
      const clock = fixedClock(ANCHOR);
      ({ app, url } = await startTestApp(storage, { clock }));
      await buildFixture(app, clock);
      // The version the app serves without a deployment, named after its policy pack.
      draft = (await app.conversationStore.list({ channel: "voice", limit: 1 }))[0]?.agentVersion ?? "";
      for (const role of ROLES)
        tokens.set(role, (await app.access.createToken({ name: role, role }, "test")).token);
    });
    after(async () => {
      await app.close();
      await storage.close();
    });

    const get = (path: string, token?: string) =>
      fetch(`${url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : { headers: admin });
    const report = async (query: string): Promise<AnalyticsReport> => {
      const res = await get(`/api/v1/analytics?${query}`);
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as AnalyticsReport;
    };

    test("every metric of the period equals the hand count", async () => {
      assert.equal(draft, "draft (policy 1)");
      const body = await report("from=2026-11-24&to=2026-11-26");
      assert.deepEqual(
        { from: body.from, to: body.to, by: body.by, timeZone: body.timeZone, costs: body.costs },
        {
          from: "2026-11-24",
          to: "2026-11-26",
          by: "day",
          timeZone: "UTC",
          costs: { assistedContactCost: 13.5, selfServiceContactCost: 1.84 },
        },
      );
      assert.deepEqual(body.totals, TOTALS);
    });

    test("by day: every day of the period, each with its own figures", async () => {
      const body = await report("from=2026-11-24&to=2026-11-26&by=day");
      assert.deepEqual(
        body.groups.map((g) => g.key),
        ["2026-11-24", "2026-11-25", "2026-11-26"],
      );
      const [d24, d25, d26] = body.groups.map((g) => g.metrics) as [
        AnalyticsMetrics,
        AnalyticsMetrics,
        AnalyticsMetrics,
      ];
      // 24th: A B C. Contained A B, C unresolved; handling (90 + 60 + 30) / 3 = 60; turns (3 + 2) / 2
      // = 2.5; identified A B, repeat A (P2) → 1/2; by order number B → 1/2; cost 3 × 184 = 552,
      // per contact 184, savings 2 × 1166 = 2332; B's offer 1/3 = 0.3333.
      assert.deepEqual(d24, {
        conversations: 3,
        purged: 0,
        contacts: 3,
        contained: 2,
        escalated: 0,
        unresolved: 1,
        containmentRate: 0.6667,
        escalationRate: 0,
        escalationsByReason: {},
        resolutionByIntent: {
          cancel: { started: 1, resolved: 0, rate: 0 },
          order_status: { started: 2, resolved: 2, rate: 1 },
        },
        averageHandlingSeconds: 60,
        turnsPerResolution: 2.5,
        repeatContacts: { identifiedContacts: 2, repeats: 1, rate: 0.5 },
        identification: {
          identified: 2,
          byOrderNumber: 1,
          byOrderNumberShare: 0.5,
          byMethod: { email: 1, order_and_email: 1 },
        },
        cost: {
          assistedContacts: 0,
          selfServiceContacts: 3,
          totalMinor: 552,
          perContactMinor: 184,
          savingsMinor: 2332,
        },
        promiseToPay: { invoiceContacts: 0, promises: 0, rate: null },
        crossSell: { offers: 1, rate: 0.3333 },
        voiceLatencyMs: null,
      });
      // 25th: D E F. Contained D E, F escalated; handling (120 + 90 + 30) / 3 = 80; turns (4 + 3) / 2
      // = 3.5; repeat E → 1/2; cost 1350 + 2 × 184 = 1718, per contact 572.67 → 573; savings 2332.
      assert.deepEqual(
        [
          d25.contacts,
          d25.contained,
          d25.escalated,
          d25.averageHandlingSeconds,
          d25.turnsPerResolution,
          d25.repeatContacts,
          d25.cost,
          d25.promiseToPay,
          d25.escalationsByReason,
        ],
        [
          3,
          2,
          1,
          80,
          3.5,
          { identifiedContacts: 2, repeats: 1, rate: 0.5 },
          {
            assistedContacts: 1,
            selfServiceContacts: 2,
            totalMinor: 1718,
            perContactMinor: 573,
            savingsMinor: 2332,
          },
          { invoiceContacts: 2, promises: 1, rate: 0.5 },
          { customer_request: 1 },
        ],
      );
      // 26th: G H I J K. 5 conversations, 4 contacts; contained G K, escalated H I; handling
      // (90 + 30 + 90 + 60) / 4 = 67.5; turns (3 + 2) / 2 = 2.5; identified G I K, repeat K → 1/3;
      // the voice call's timings.
      assert.deepEqual(
        [
          d26.conversations,
          d26.contacts,
          d26.contained,
          d26.escalated,
          d26.containmentRate,
          d26.averageHandlingSeconds,
          d26.turnsPerResolution,
          d26.repeatContacts,
          d26.escalationsByReason,
          d26.voiceLatencyMs,
        ],
        [
          5,
          4,
          2,
          2,
          0.5,
          67.5,
          2.5,
          { identifiedContacts: 3, repeats: 1, rate: 0.3333 },
          { customer_request: 1, negative_sentiment: 1 },
          TOTALS.voiceLatencyMs,
        ],
      );
    });

    test("by channel, language and agent version", async () => {
      const pick = (b: AnalyticsReport) =>
        b.groups.map((g) => [g.key, g.metrics.conversations, g.metrics.contacts, g.metrics.contained]);
      // chat: A B C D E G H I J (9; J not a contact; contained A B D E G = 5); email F; voice K.
      const byChannel = await report("from=2026-11-24&to=2026-11-26&by=channel");
      assert.deepEqual(pick(byChannel), [
        ["chat", 9, 8, 5],
        ["email", 1, 1, 0],
        ["voice", 1, 1, 1],
      ]);
      const voice = byChannel.groups[2]?.metrics;
      assert.deepEqual(voice?.voiceLatencyMs, TOTALS.voiceLatencyMs);
      assert.equal(byChannel.groups[0]?.metrics.voiceLatencyMs, null);
      // K repeats A, though A was a chat: a customer's contacts are linked across channels.
      assert.deepEqual(voice?.repeatContacts, { identifiedContacts: 1, repeats: 1, rate: 1 });
      // de: G; en: the other 10.
      assert.deepEqual(pick(await report("from=2026-11-24&to=2026-11-26&by=language")), [
        ["de", 1, 1, 1],
        ["en", 10, 9, 5],
      ]);
      // draft: A-G, J, K (contained A B D E G K); v2 served H and I: both escalated, I verified by
      // order number and postcode.
      const byVersion = await report("from=2026-11-24&to=2026-11-26&by=version");
      assert.deepEqual(pick(byVersion), [
        ["draft (policy 1)", 9, 8, 6],
        ["v2", 2, 2, 0],
      ]);
      const v2 = byVersion.groups[1]?.metrics;
      assert.deepEqual(
        [v2?.escalationRate, v2?.escalationsByReason, v2?.identification.byOrderNumberShare],
        [1, { customer_request: 1, negative_sentiment: 1 }, 1],
      );
    });

    test("the period's edges: whole UTC days, and a one-day period", async () => {
      // P3 (11-23 23:59) and P4 (11-27 00:00) are outside; the 23rd holds P3 alone, escalated.
      const d23 = await report("from=2026-11-23&to=2026-11-23");
      assert.deepEqual(
        [d23.totals.conversations, d23.totals.escalationsByReason, d23.groups.length],
        [1, { customer_request: 1 }, 1],
      );
      // A quiet day is a group of zeros and nulls, not a missing row.
      const quiet = await report("from=2026-11-21&to=2026-11-22");
      assert.deepEqual(
        quiet.groups.map((g) => [g.key, g.metrics.conversations, g.metrics.containmentRate]),
        [
          ["2026-11-21", 0, null],
          ["2026-11-22", 0, null],
        ],
      );
    });

    test("other contact costs change cost and savings only", async () => {
      const source = new AnalyticsSource({
        db: storage.db,
        store: app.conversationStore,
        costs: { assistedContactCost: 8, selfServiceContactCost: 0.5 },
        crossSellKeys: ["cross_sell.descaler"],
      });
      const other = await source.report(analyticsPeriod("2026-11-24", "2026-11-26"), "day");
      // 3 × 800 + 7 × 50 = 2750, per contact 275; savings 6 × 750 = 4500.
      assert.deepEqual(other.totals, {
        ...TOTALS,
        cost: {
          assistedContacts: 3,
          selfServiceContacts: 7,
          totalMinor: 2750,
          perContactMinor: 275,
          savingsMinor: 4500,
        },
      });
    });

    test("the CSV export: a header, one row per group, the JSON's figures", async () => {
      const res = await get("/api/v1/analytics/export.csv?from=2026-11-24&to=2026-11-26&by=channel");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/csv/);
      assert.equal(
        res.headers.get("content-disposition"),
        'attachment; filename="analytics-2026-11-24-2026-11-26-by-channel.csv"',
      );
      const [header, ...rows] = parseCsv(await res.text());
      assert.ok(header);
      assert.equal(rows.length, 3);
      const table = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
      assert.equal(header[0], "channel");
      assert.deepEqual(
        table.map((r) => r.channel),
        ["chat", "email", "voice"],
      );
      const [chat, email, voice] = table as [
        Record<string, string>,
        Record<string, string>,
        Record<string, string>,
      ];
      // chat: A B C D E G H I (+J, not a contact). Contained 5 of 8; escalated H I; unresolved C;
      // order status asked in A B G I, all answered;
      // handling (90+60+30+120+90+90+30+90) / 8 = 600 / 8 = 75; cost 2 × 13.50 + 6 × 1.84 = 38.04,
      // per contact 4.755 → 4.76 (475.5 cents, rounded half up); savings 5 × 11.66 = 58.30.
      assert.deepEqual(
        [
          chat.conversations,
          chat.contacts,
          chat.contained,
          chat.escalated,
          chat.unresolved,
          chat.containment_rate,
          chat.average_handling_seconds,
          chat.cost_total,
          chat.cost_per_contact,
          chat.savings,
          chat.escalated_customer_request,
          chat.escalated_negative_sentiment,
          chat.intent_order_status_started,
          chat.intent_order_status_resolved,
          chat.intent_cancel_rate,
          chat.voice_turns,
          chat.voice_latency_p50_ms,
        ],
        ["9", "8", "5", "2", "1", "0.625", "75", "38.04", "4.76", "58.30", "1", "1", "4", "4", "0", "0", ""],
      );
      // email: F alone, escalated; no resolution → turns per resolution empty; no invoice → rate empty.
      assert.deepEqual(
        [email.escalated_customer_request, email.turns_per_resolution, email.promise_to_pay_rate],
        ["1", "", ""],
      );
      assert.deepEqual(
        [voice.voice_turns, voice.voice_latency_p50_ms, voice.voice_latency_p99_ms, voice.repeat_contacts],
        ["10", "420", "1500", "1"],
      );
      // The JSON says the same.
      const json = await report("from=2026-11-24&to=2026-11-26&by=channel");
      assert.equal(json.groups[0]?.metrics.cost.perContactMinor, 476);
      assert.equal(json.groups[0]?.metrics.averageHandlingSeconds, 75);
    });

    test("who may read analytics: admin, designer, supervisor and auditor; not the desk agent", async () => {
      const path = "/api/v1/analytics?from=2026-11-24&to=2026-11-24";
      const statuses = await Promise.all(
        ROLES.map(async (role) => [role, (await get(path, tokens.get(role))).status]),
      );
      assert.deepEqual(Object.fromEntries(statuses), {
        admin: 200,
        designer: 200,
        supervisor: 200,
        agent: 403,
        auditor: 200,
      });
      const anonymous = await fetch(`${url}/api/v1/analytics/export.csv?from=2026-11-24&to=2026-11-24`);
      assert.equal(anonymous.status, 401);
      assert.equal(
        (await get("/api/v1/analytics/export.csv?from=2026-11-24&to=2026-11-24", tokens.get("agent"))).status,
        403,
      );
    });

    test("a bad period is a 400 with the error body, naming what is wrong", async () => {
      const cases: Array<[string, RegExp]> = [
        ["from=2026-02-30&to=2026-03-01", /from must be a date/],
        ["from=2026-11-24&to=26.11.2026", /to.*YYYY-MM-DD/],
        ["to=2026-11-24", /from/],
        ["from=2026-11-26&to=2026-11-24", /after to/],
        ["from=2025-01-01&to=2026-01-02", /367 days; at most 366/],
        ["from=2026-11-24&to=2026-11-26&by=week", /by/],
      ];
      for (const [query, message] of cases)
        for (const path of ["/api/v1/analytics", "/api/v1/analytics/export.csv"]) {
          const res = await get(`${path}?${query}`);
          assert.equal(res.status, 400, `${path}?${query}`);
          const body = (await res.json()) as { error: { code: string; message: string } };
          assert.equal(body.error.code, "bad_request");
          assert.match(body.error.message, message, `${path}?${query}`);
        }
      // A leap year's 366 days are one report.
      assert.equal((await get("/api/v1/analytics?from=2024-01-01&to=2024-12-31&by=channel")).status, 200);
    });
  });
}

describe("analytics configuration and periods", () => {
  const cwd = mkdtempSync(join(tmpdir(), "sb-analytics-"));

  test("contact costs default to $13.50 and $1.84 and are read from the environment", () => {
    const defaults = loadConfig({ env: {}, cwd });
    assert.deepEqual([defaults.assistedContactCost, defaults.selfServiceContactCost], [13.5, 1.84]);
    const set = loadConfig({
      env: { SWITCHBOARD_ASSISTED_CONTACT_COST: "9.75", SWITCHBOARD_SELF_SERVICE_CONTACT_COST: "0" },
      cwd,
    });
    assert.deepEqual([set.assistedContactCost, set.selfServiceContactCost], [9.75, 0]);
  });

  test("a negative, infinite or non-numeric cost stops the start, naming the variable", () => {
    for (const value of ["-1", "Infinity", "1e400", "twelve", "13,50"])
      assert.throws(
        () => loadConfig({ env: { SWITCHBOARD_ASSISTED_CONTACT_COST: value }, cwd }),
        (error: unknown) =>
          error instanceof SwitchboardError &&
          error.code === "config_invalid" &&
          error.message.includes("environment variable SWITCHBOARD_ASSISTED_CONTACT_COST"),
        value,
      );
    assert.throws(
      () => loadConfig({ env: {}, cwd, overrides: { selfServiceContactCost: Number.POSITIVE_INFINITY } }),
      /option --selfServiceContactCost: /,
    );
  });

  test("a period is whole UTC days, both ends included", () => {
    const p = analyticsPeriod("2026-12-31", "2027-01-02");
    assert.deepEqual(
      [p.start.toISOString(), p.end.toISOString(), p.days],
      ["2026-12-31T00:00:00.000Z", "2027-01-03T00:00:00.000Z", ["2026-12-31", "2027-01-01", "2027-01-02"]],
    );
    assert.throws(() => analyticsPeriod("2026-13-01", "2026-13-02"), /from must be a date/);
  });
});
