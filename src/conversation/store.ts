import type { Kysely } from "kysely";
import { type Clock, inTransaction, SwitchboardError, systemClock } from "../platform/index.ts";
import type { ConversationEvent, StoredEvent } from "./events.ts";
import type { ConversationRow, ConversationTables } from "./tables.ts";

export type ConversationStatus = "active" | "handed_off" | "ended";

export interface ConversationRecord {
  id: string;
  channel: string;
  locale: string;
  language: string;
  agentId: string;
  agentVersion: string;
  customerId: string | null;
  status: ConversationStatus;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  state: unknown;
  eventCount: number;
}

function record(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    channel: row.channel,
    locale: row.locale,
    language: row.language,
    agentId: row.agent_id,
    agentVersion: row.agent_version,
    customerId: row.customer_id,
    status: row.status as ConversationStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
    state: JSON.parse(row.state) as unknown,
    eventCount: Number(row.event_count),
  };
}

export interface AppendOptions {
  /** The event count the caller read; a different one means another turn got in first. */
  expectedEventCount: number;
  state: unknown;
  status?: ConversationStatus;
  customerId?: string | null;
  language?: string;
}

/** Conversations and their event logs, in the platform database. */
export class ConversationStore {
  private readonly db: Kysely<ConversationTables>;
  private readonly clock: Clock;

  constructor(options: { db: Kysely<object>; clock?: Clock }) {
    this.db = options.db.withTables<ConversationTables>();
    this.clock = options.clock ?? systemClock;
  }

  async create(conversation: {
    id: string;
    channel: string;
    locale: string;
    language: string;
    agentId: string;
    agentVersion: string;
    state: unknown;
  }): Promise<ConversationRecord> {
    const now = this.clock.now().toISOString();
    const row: ConversationRow = {
      id: conversation.id,
      channel: conversation.channel,
      locale: conversation.locale,
      language: conversation.language,
      agent_id: conversation.agentId,
      agent_version: conversation.agentVersion,
      customer_id: null,
      status: "active",
      created_at: now,
      updated_at: now,
      ended_at: null,
      state: JSON.stringify(conversation.state),
      event_count: 0,
    };
    await this.db.insertInto("conversations").values(row).execute();
    return record(row);
  }

  async get(id: string): Promise<ConversationRecord | null> {
    const row = await this.db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? record(row) : null;
  }

  async events(id: string, options: { afterSeq?: number } = {}): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom("conversation_events")
      .selectAll()
      .where("conversation_id", "=", id)
      .where("seq", ">", options.afterSeq ?? 0)
      .orderBy("seq")
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      event: JSON.parse(r.payload) as ConversationEvent,
    }));
  }

  /**
   * Appends a turn's events and the state they led to, atomically. Optimistic: if another turn was
   * appended since the caller read the conversation, nothing is written and a conflict is raised.
   */
  async append(id: string, events: ConversationEvent[], options: AppendOptions): Promise<void> {
    const now = this.clock.now().toISOString();
    return inTransaction(this.db, async (trx) => {
      const next = options.expectedEventCount + events.length;
      const updated = await trx
        .updateTable("conversations")
        .set({
          state: JSON.stringify(options.state),
          event_count: next,
          updated_at: now,
          ...(options.status ? { status: options.status } : {}),
          ...(options.status === "ended" ? { ended_at: now } : {}),
          ...(options.customerId !== undefined ? { customer_id: options.customerId } : {}),
          ...(options.language ? { language: options.language } : {}),
        })
        .where("id", "=", id)
        .where("event_count", "=", options.expectedEventCount)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new SwitchboardError(
          "conflict",
          `Conversation ${id} changed while this message was handled; send it again`,
        );
      }
      if (events.length > 0) {
        await trx
          .insertInto("conversation_events")
          .values(
            events.map((event, i) => ({
              conversation_id: id,
              seq: options.expectedEventCount + i + 1,
              at: now,
              type: event.type,
              payload: JSON.stringify(event),
            })),
          )
          .execute();
      }
    });
  }

  /** Newest first; `before` pages on the creation time. */
  async list(
    filter: {
      channel?: string;
      status?: ConversationStatus;
      customerId?: string;
      limit?: number;
      before?: string;
    } = {},
  ): Promise<ConversationRecord[]> {
    let query = this.db
      .selectFrom("conversations")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc");
    if (filter.channel) query = query.where("channel", "=", filter.channel);
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.customerId) query = query.where("customer_id", "=", filter.customerId);
    if (filter.before) query = query.where("created_at", "<", filter.before);
    const rows = await query.limit(filter.limit ?? 20).execute();
    return rows.map(record);
  }
}
