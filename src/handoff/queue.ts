import type { Kysely } from "kysely";
import type { EscalationPacket } from "../agent/dialogue/packet.ts";
import { type Clock, SwitchboardError, systemClock } from "../platform/index.ts";
import { boostOf, priorityAt, queueOf } from "./priority.ts";
import type { HandoffRow, HandoffTables } from "./tables.ts";

export type HandoffStatus = "waiting" | "offered" | "assigned" | "closed";

/** Why a transfer to a person did not happen: typed, counted, and the conversation goes back in line. */
export type TransferFailure = "offer_timeout" | "agent_away" | "agent_signed_out" | "handed_back_to_queue";

export interface Handoff {
  conversationId: string;
  queue: string;
  language: string;
  channel: string;
  reason: string;
  status: HandoffStatus;
  priority: number;
  enqueuedAt: string;
  offeredTo: string | null;
  assignedTo: string | null;
  attempts: number;
  lastFailure: string | null;
  callbackRequested: boolean;
  wrapUp: string | null;
  closedAt: string | null;
}

function view(row: HandoffRow, now: Date): Handoff {
  return {
    conversationId: row.conversation_id,
    queue: row.queue,
    language: row.language,
    channel: row.channel,
    reason: row.reason,
    status: row.status as HandoffStatus,
    priority: Math.round(priorityAt(row, now) * 10) / 10,
    enqueuedAt: row.enqueued_at,
    offeredTo: row.offered_to,
    assignedTo: row.assigned_to,
    attempts: Number(row.attempts),
    lastFailure: row.last_failure,
    callbackRequested: Number(row.callback_requested) === 1,
    wrapUp: row.wrap_up,
    closedAt: row.closed_at,
  };
}

/**
 * The conversations waiting for a person, kept in the database so none is lost when the platform
 * restarts. Every state change is a conditional update, so two nodes never hand one conversation to
 * two people.
 */
export class HandoffQueue {
  readonly db: Kysely<HandoffTables>;
  private readonly clock: Clock;

  constructor(options: { db: Kysely<object>; clock?: Clock }) {
    this.db = options.db.withTables<HandoffTables>();
    this.clock = options.clock ?? systemClock;
  }

  now(): Date {
    return this.clock.now();
  }

  /** A conversation the agent handed over joins its queue (again, if it was handed back before). */
  async enqueue(packet: EscalationPacket): Promise<Handoff> {
    const at = this.now().toISOString();
    const row: HandoffRow = {
      conversation_id: packet.conversationId,
      queue: queueOf(packet),
      language: packet.language,
      channel: packet.channel,
      reason: packet.reason,
      status: "waiting",
      boost: boostOf(packet),
      enqueued_at: at,
      offered_to: null,
      offered_at: null,
      assigned_to: null,
      assigned_at: null,
      attempts: 0,
      last_failure: null,
      callback_requested: 0,
      wrap_up: null,
      closed_at: null,
      closed_by: null,
    };
    await this.db
      .insertInto("handoffs")
      .values(row)
      .onConflict((oc) =>
        oc.column("conversation_id").doUpdateSet({
          queue: row.queue,
          reason: row.reason,
          status: "waiting",
          boost: row.boost,
          enqueued_at: at,
          offered_to: null,
          offered_at: null,
          assigned_to: null,
          assigned_at: null,
          wrap_up: null,
          closed_at: null,
          closed_by: null,
        }),
      )
      .execute();
    return view(row, this.now());
  }

  async get(conversationId: string): Promise<Handoff | null> {
    const row = await this.db
      .selectFrom("handoffs")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      .executeTakeFirst();
    return row ? view(row, this.now()) : null;
  }

  /** Open handoffs (not closed), highest priority first. */
  async open(): Promise<Handoff[]> {
    const rows = await this.db.selectFrom("handoffs").selectAll().where("status", "!=", "closed").execute();
    const now = this.now();
    return rows.map((r) => view(r, now)).sort((a, b) => b.priority - a.priority);
  }

  async closedSince(since: Date): Promise<Handoff[]> {
    const rows = await this.db
      .selectFrom("handoffs")
      .selectAll()
      .where("status", "=", "closed")
      .where("closed_at", ">=", since.toISOString())
      .execute();
    const now = this.now();
    return rows.map((r) => view(r, now));
  }

  /** Offers a waiting conversation to one person; false when someone else got it first. */
  async offer(conversationId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .updateTable("handoffs")
      .set({ status: "offered", offered_to: userId, offered_at: this.now().toISOString() })
      .where("conversation_id", "=", conversationId)
      .where("status", "=", "waiting")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The person takes the conversation they were offered (or picks a waiting one from the queue). */
  async accept(conversationId: string, userId: string): Promise<Handoff> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable("handoffs")
      .set({ status: "assigned", assigned_to: userId, assigned_at: at, offered_to: userId })
      .where("conversation_id", "=", conversationId)
      .where((eb) =>
        eb.or([
          eb("status", "=", "waiting"),
          eb.and([eb("status", "=", "offered"), eb("offered_to", "=", userId)]),
          eb.and([eb("status", "=", "assigned"), eb("assigned_to", "=", userId)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new SwitchboardError("conflict", `Conversation ${conversationId} is not waiting for you`);
    return (await this.get(conversationId)) as Handoff;
  }

  /** Back in line, ahead of where it would be (its wait keeps counting), with the typed reason. */
  async requeue(conversationId: string, failure: TransferFailure): Promise<void> {
    await this.db
      .updateTable("handoffs")
      .set((eb) => ({
        status: "waiting",
        offered_to: null,
        offered_at: null,
        assigned_to: null,
        assigned_at: null,
        attempts: eb("attempts", "+", 1),
        last_failure: failure,
      }))
      .where("conversation_id", "=", conversationId)
      .where("status", "in", ["offered", "assigned"])
      .execute();
  }

  /** Offers not taken within the timeout: back in line. Returns who missed them. */
  async expireOffers(timeoutMs: number): Promise<Array<{ conversationId: string; userId: string }>> {
    const cutoff = new Date(this.now().getTime() - timeoutMs).toISOString();
    const stale = await this.db
      .selectFrom("handoffs")
      .select(["conversation_id", "offered_to"])
      .where("status", "=", "offered")
      .where("offered_at", "<", cutoff)
      .execute();
    for (const s of stale) await this.requeue(s.conversation_id, "offer_timeout");
    return stale.map((s) => ({ conversationId: s.conversation_id, userId: s.offered_to ?? "" }));
  }

  async requestCallback(conversationId: string): Promise<void> {
    await this.db
      .updateTable("handoffs")
      .set({ callback_requested: 1 })
      .where("conversation_id", "=", conversationId)
      .execute();
  }

  async close(conversationId: string, userId: string, wrapUp: string): Promise<Handoff> {
    const at = this.now().toISOString();
    const result = await this.db
      .updateTable("handoffs")
      .set({ status: "closed", wrap_up: wrapUp, closed_at: at, closed_by: userId })
      .where("conversation_id", "=", conversationId)
      .where("status", "=", "assigned")
      .where("assigned_to", "=", userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new SwitchboardError("conflict", `Conversation ${conversationId} is not assigned to you`);
    return (await this.get(conversationId)) as Handoff;
  }

  /** The person returns the conversation to the agent: it leaves the queue. */
  async handBack(conversationId: string, userId: string): Promise<void> {
    const result = await this.db
      .updateTable("handoffs")
      .set({
        status: "closed",
        wrap_up: "handed_back_to_agent",
        closed_at: this.now().toISOString(),
        closed_by: userId,
      })
      .where("conversation_id", "=", conversationId)
      .where("status", "=", "assigned")
      .where("assigned_to", "=", userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new SwitchboardError("conflict", `Conversation ${conversationId} is not assigned to you`);
  }
}
