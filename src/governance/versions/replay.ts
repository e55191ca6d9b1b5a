import type { Kysely } from "kysely";
import type { AgentEvent } from "../../agent/events.ts";
import { loadAgent } from "../../agent/index.ts";
import type { Agent } from "../../agent/runtime.ts";
import type { OmsDb, ReferenceOms } from "../../commerce/reference/index.ts";
import { AuditLog, Vault } from "../../compliance/index.ts";
import { ConversationService, ConversationStore } from "../../conversation/index.ts";
import type { Clock, Storage } from "../../platform/index.ts";
import { agentOverStore } from "../conversation-tests/in-memory.ts";

/** What a conversation did, in the terms a release must not change by accident. */
export interface Outcome {
  tools: string[];
  decisions: string[];
  changes: string[];
  handoff: string | null;
  /** The orders the conversation changed, as they ended up (replays only; a recording has no snapshot). */
  finalStates?: string[];
}

export interface ReplayRegression {
  conversationId: string;
  differences: string[];
}

export interface ReplayReport {
  replayed: number;
  /** The candidate behaved differently from the version that serves today, on the same state. */
  regressions: ReplayRegression[];
  /** Conversations where today's version itself no longer does what was recorded (the store moved on). */
  drifted: number;
}

export function outcomeOf(events: AgentEvent[]): Outcome {
  const out: Outcome = { tools: [], decisions: [], changes: [], handoff: null };
  for (const e of events) {
    if (e.type === "tool_called") out.tools.push(e.tool);
    else if (e.type === "policy_decision")
      out.decisions.push(
        `${e.action} ${e.allowed ? "allowed" : `denied (${e.reasons.map((r) => r.code).join(", ")})`}`,
      );
    else if (e.type === "change_applied") out.changes.push(`${e.action} ${e.subject}`);
    else if (e.type === "handoff") out.handoff = e.reason;
  }
  return out;
}

function differences(a: Outcome, b: Outcome, from: string, to: string): string[] {
  const out: string[] = [];
  for (const key of ["tools", "decisions", "changes", "finalStates"] as const) {
    const x = a[key];
    const y = b[key];
    if (x && y && x.join(" | ") !== y.join(" | "))
      out.push(`${key}: ${from} [${x.join(", ")}] → ${to} [${y.join(", ")}]`);
  }
  if (a.handoff !== b.handoff)
    out.push(`handoff: ${from} ${a.handoff ?? "none"} → ${to} ${b.handoff ?? "none"}`);
  return out;
}

/** Runs the customer's turns against an agent inside a transaction that is rolled back. */
async function run(
  agent: Agent,
  storage: Storage,
  connector: ReferenceOms,
  clock: Clock,
  recorded: { channel: string; locale: string; turns: string[] },
): Promise<Outcome> {
  const trx = await storage.db.startTransaction().execute();
  try {
    const db = trx as unknown as Kysely<object>;
    const vault = Vault.ephemeral(db);
    const scoped = agent.with({
      connector: connector.withDb(trx as unknown as OmsDb),
      audit: new AuditLog({ db, dialect: storage.dialect, clock, vault }),
    });
    const service = new ConversationService(new ConversationStore({ db, clock, vault }), scoped, {
      agentVersion: "replay",
      clock,
    });
    const { id } = await service.start({ channel: recorded.channel, locale: recorded.locale });
    for (const text of recorded.turns) {
      const result = await service.send(id, text);
      if (result.ended) break;
    }
    const events = ((await service.get(id))?.events ?? []).map((e) => e.event as AgentEvent);
    const outcome = outcomeOf(events);
    const oms = connector.withDb(trx as unknown as OmsDb);
    const touched = [
      ...new Set(events.flatMap((e) => (e.type === "change_applied" ? [e.subject] : []))),
    ].sort();
    outcome.finalStates = [];
    for (const orderId of touched) {
      const order = await oms.getOrder(orderId);
      if (order)
        outcome.finalStates.push(
          `${orderId} ${order.status}, ${order.returns.length} returns, ${order.exchanges.length} exchanges, ` +
            `${order.address.city}`,
        );
    }
    return outcome;
  } finally {
    await trx.rollback().execute();
  }
}

/**
 * Replays recorded conversations (the customer's turns, from the log) against today's version and the
 * candidate on the same, current state of the store, each in a rolled-back transaction. A difference
 * between the two is a regression; where today's version no longer matches the recording either, the
 * store has moved on (an order since cancelled), which is counted but not held against the candidate.
 */
export async function replayConversations(options: {
  storage: Storage;
  store: ConversationStore;
  connector: ReferenceOms;
  clock: Clock;
  conversationIds: string[];
  baseline: Agent;
  candidate: Agent;
}): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: 0, regressions: [], drifted: 0 };
  for (const conversationId of options.conversationIds) {
    const conversation = await options.store.get(conversationId);
    if (!conversation) continue;
    const events = (await options.store.events(conversationId)).map((e) => e.event as AgentEvent);
    const turns = events.flatMap((e) => (e.type === "customer_message" ? [e.text] : []));
    if (turns.length === 0 || events.some((e) => (e as { erased?: boolean }).erased)) continue;
    const recorded = { channel: conversation.channel, locale: conversation.locale, turns };
    const baseline = await run(options.baseline, options.storage, options.connector, options.clock, recorded);
    const candidate = await run(
      options.candidate,
      options.storage,
      options.connector,
      options.clock,
      recorded,
    );
    report.replayed++;
    if (differences(outcomeOf(events), baseline, "recorded", "today").length > 0) report.drifted++;
    const diff = differences(baseline, candidate, "today", "candidate");
    if (diff.length > 0) report.regressions.push({ conversationId, differences: diff });
  }
  return report;
}

/** The gate's replay step for a candidate directory, against the live log and store. */
export function replayStep(options: {
  storage: Storage;
  store: ConversationStore;
  connector: ReferenceOms;
  clock: Clock;
  baseline: Agent;
  conversationIds: string[];
}): (candidateDir: string) => Promise<ReplayReport> {
  return async (candidateDir) => {
    const loaded = loadAgent(candidateDir);
    const candidate = await agentOverStore(options.storage, loaded, options.connector, options.clock);
    return replayConversations({ ...options, candidate });
  };
}
