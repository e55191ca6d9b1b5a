import type { Kysely } from "kysely";
import type { Agent } from "../../agent/runtime.ts";
import type { Order } from "../../commerce/index.ts";
import type { OmsDb, ReferenceOms } from "../../commerce/reference/index.ts";
import { AuditLog, Vault } from "../../compliance/index.ts";
import { type ConversationEvent, ConversationService, ConversationStore } from "../../conversation/index.ts";
import type { Clock, Storage } from "../../platform/index.ts";
import type {
  ConversationTest,
  DecisionExpectation,
  OrderExpectation,
  TextExpectation,
  TurnExpectation,
} from "./format.ts";

export interface TestResult {
  name: string;
  file: string;
  passed: boolean;
  failures: string[];
  transcript: string[];
  durationMs: number;
}

export interface RunnerOptions {
  storage: Storage;
  agent: Agent;
  connector: ReferenceOms;
  clock: Clock;
  agentVersion?: string;
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Case and the kind of space do not matter: locales put no-break spaces in "98,99 €" and "vous ?". */
const comparable = (s: string): string => s.toLowerCase().replace(/[\u00a0\u202f\u2009]/g, " ");

function checkText(
  label: string,
  text: string,
  expect: TextExpectation | undefined,
  failures: string[],
): void {
  if (!expect) return;
  const lower = comparable(text);
  for (const needle of asList(expect.contains))
    if (!lower.includes(comparable(needle)))
      failures.push(`${label}: expected the reply to contain "${needle}"`);
  for (const needle of asList(expect.not_contains))
    if (lower.includes(comparable(needle)))
      failures.push(`${label}: expected the reply not to contain "${needle}"`);
  if (expect.matches && !new RegExp(expect.matches, "iu").test(text))
    failures.push(`${label}: expected the reply to match /${expect.matches}/`);
}

function toolsCalled(events: ConversationEvent[]): string[] {
  return events.flatMap((e) => (e.type === "tool_called" ? [e.tool] : []));
}

function decisions(events: ConversationEvent[]) {
  return events.flatMap((e) => (e.type === "policy_decision" ? [e] : []));
}

function checkDecisions(
  label: string,
  events: ConversationEvent[],
  expected: DecisionExpectation[] | undefined,
  failures: string[],
): void {
  for (const want of expected ?? []) {
    const found = decisions(events).some(
      (d) =>
        d.action === want.action &&
        (want.allowed === undefined || d.allowed === want.allowed) &&
        (want.reason === undefined || d.reasons.some((r) => r.code === want.reason)),
    );
    if (!found)
      failures.push(
        `${label}: expected a policy decision ${JSON.stringify(want)}; got ${JSON.stringify(decisions(events).map((d) => ({ action: d.action, allowed: d.allowed, reasons: d.reasons.map((r) => r.code) })))}`,
      );
  }
}

function checkTools(
  label: string,
  events: ConversationEvent[],
  want: string[] | undefined,
  notWant: string[] | undefined,
  failures: string[],
): void {
  const called = toolsCalled(events);
  for (const tool of want ?? [])
    if (!called.includes(tool))
      failures.push(`${label}: expected tool ${tool} to be called; called ${JSON.stringify(called)}`);
  for (const tool of notWant ?? [])
    if (called.includes(tool)) failures.push(`${label}: expected tool ${tool} not to be called`);
}

function checkHandoff(
  label: string,
  events: ConversationEvent[],
  want: boolean | string | undefined,
  failures: string[],
): void {
  if (want === undefined) return;
  const handoff = events.find(
    (e): e is Extract<ConversationEvent, { type: "handoff" }> => e.type === "handoff",
  );
  if (want === false && handoff) failures.push(`${label}: expected no handoff, got one (${handoff.reason})`);
  if (want === true && !handoff) failures.push(`${label}: expected a handoff`);
  if (typeof want === "string" && handoff?.reason !== want)
    failures.push(`${label}: expected a handoff for ${want}, got ${handoff?.reason ?? "none"}`);
}

function checkTurn(
  label: string,
  events: ConversationEvent[],
  text: string,
  ended: boolean,
  expect: TurnExpectation,
  failures: string[],
): void {
  checkText(label, text, expect.reply, failures);
  const interpretation = events.find(
    (e): e is Extract<ConversationEvent, { type: "interpretation" }> => e.type === "interpretation",
  );
  if (expect.intent && interpretation?.intent !== expect.intent)
    failures.push(
      `${label}: expected intent ${expect.intent}, understood ${interpretation?.intent} (${interpretation?.confidence})`,
    );
  if (expect.language && interpretation?.language !== expect.language)
    failures.push(`${label}: expected language ${expect.language}, got ${interpretation?.language}`);
  for (const type of expect.entities ?? []) {
    if (!interpretation?.entities.some((e) => e.type === type))
      failures.push(`${label}: expected a ${type} entity; got ${JSON.stringify(interpretation?.entities)}`);
  }
  checkTools(label, events, expect.tools, expect.no_tools, failures);
  checkDecisions(label, events, expect.policy, failures);
  if (expect.verified !== undefined && events.some((e) => e.type === "identity_verified") !== expect.verified)
    failures.push(`${label}: expected verified=${expect.verified}`);
  checkHandoff(label, events, expect.handoff, failures);
  if (expect.ended !== undefined && ended !== expect.ended)
    failures.push(`${label}: expected ended=${expect.ended}`);
}

function checkOrder(id: string, order: Order | null, want: OrderExpectation, failures: string[]): void {
  if (!order) {
    failures.push(`final: order ${id} not found`);
    return;
  }
  const got = {
    status: order.status,
    cancel_reason: order.cancelReason,
    returns: order.returns.length,
    returned_items: order.returns.reduce((n, r) => n + r.lineIds.length, 0),
    exchanges: order.exchanges.length,
    items_modified: Boolean(order.itemsModifiedAt),
    city: order.address.city,
    postal_code: order.address.postalCode,
    payment_methods: order.transactions.filter((t) => t.kind === "payment").map((t) => t.paymentMethodId),
  };
  for (const [key, value] of Object.entries(want)) {
    const actual = got[key as keyof typeof got];
    if (JSON.stringify(actual) !== JSON.stringify(value))
      failures.push(
        `final: order ${id} ${key} is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`,
      );
  }
}

/** Runs each test in its own transaction over the seeded store, rolled back after: tests never see each other. */
export async function runConversationTests(
  tests: ConversationTest[],
  options: RunnerOptions,
): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of tests) results.push(await runOne(test, options));
  return results;
}

async function runOne(test: ConversationTest, options: RunnerOptions): Promise<TestResult> {
  const started = performance.now();
  const failures: string[] = [];
  const transcript: string[] = [];
  const trx = await options.storage.db.startTransaction().execute();
  try {
    const db = trx as unknown as Kysely<object>;
    const connector = options.connector.withDb(trx as unknown as OmsDb);
    const agent = options.agent.with({
      connector,
      audit: new AuditLog({
        db,
        dialect: options.storage.dialect,
        clock: options.clock,
        vault: Vault.ephemeral(db),
      }),
    });
    const store = new ConversationStore({ db, clock: options.clock, vault: Vault.ephemeral(db) });
    const service = new ConversationService(store, agent, {
      agentVersion: options.agentVersion ?? "test",
      clock: options.clock,
    });
    const opened = await service.start({
      channel: test.channel,
      ...(test.locale ? { locale: test.locale } : {}),
    });
    for (const m of opened.messages) transcript.push(`agent: ${m.text}`);
    let seen = (await store.events(opened.id)).length;
    let ended = false;
    for (const [index, turn] of test.turns.entries()) {
      if (ended) {
        failures.push(`turn ${index + 1}: the conversation had already ended`);
        break;
      }
      transcript.push(`customer: ${turn.customer}`);
      const result = await service.send(opened.id, turn.customer);
      const text = result.messages.map((m) => m.text).join("\n");
      for (const m of result.messages) transcript.push(`agent: ${m.text}`);
      const events = (await store.events(opened.id, { afterSeq: seen })).map((e) => e.event);
      seen += events.length;
      ended = result.ended;
      if (turn.expect)
        checkTurn(
          `turn ${index + 1} ("${turn.customer}")`,
          events,
          text,
          result.ended,
          turn.expect,
          failures,
        );
    }
    const all = (await store.events(opened.id)).map((e) => e.event);
    const final = test.final;
    if (final) {
      for (const [id, want] of Object.entries(final.orders ?? {}))
        checkOrder(id, await connector.getOrder(id), want, failures);
      checkTools("final", all, final.tools, final.no_tools, failures);
      checkDecisions("final", all, final.policy, failures);
      checkHandoff("final", all, final.handoff, failures);
      if (final.ended !== undefined && ended !== final.ended)
        failures.push(`final: expected ended=${final.ended}`);
      for (const [invoiceId, count] of Object.entries(final.promises ?? {})) {
        const open =
          (await connector.getInvoice(invoiceId))?.promises.filter((p) => p.status === "open").length ?? 0;
        if (open !== count)
          failures.push(`final: invoice ${invoiceId} has ${open} open promises, expected ${count}`);
      }
    }
  } catch (error) {
    failures.push(`error: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await trx.rollback().execute();
  }
  return {
    name: test.name,
    file: test.file,
    passed: failures.length === 0,
    failures,
    transcript,
    durationMs: performance.now() - started,
  };
}
