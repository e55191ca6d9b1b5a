import type { Kysely } from "kysely";
import type { Vault } from "../compliance/index.ts";
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

/** Whose key seals a conversation's state and events: erasing the customer shreds it. */
export function conversationSubject(id: string): string {
  return `conversation:${id}`;
}

/** What is left of an erased conversation's state and events. */
export const ERASED = { erased: true } as const;

function record(row: ConversationRow, state: string | null): ConversationRecord {
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
    state: state === null ? ERASED : (JSON.parse(state) as unknown),
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

/**
 * Conversations and their event logs, in the platform database. What the customer and the agent said
 * (events and session state) is sealed with the conversation's own data key, so erasing a customer
 * shreds the keys of their conversations; ids, channel, status and times stay readable for analytics.
 */
export class ConversationStore {
  private readonly db: Kysely<ConversationTables>;
  private readonly clock: Clock;
  private readonly vault: Vault;

  constructor(options: { db: Kysely<object>; vault: Vault; clock?: Clock }) {
    this.db = options.db.withTables<ConversationTables>();
    this.vault = options.vault.withDb(options.db);
    this.clock = options.clock ?? systemClock;
  }

  private async read(row: ConversationRow): Promise<ConversationRecord> {
    return record(row, await this.vault.open(row.state));
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
      state: await this.vault.seal(conversationSubject(conversation.id), JSON.stringify(conversation.state)),
      event_count: 0,
    };
    await this.db.insertInto("conversations").values(row).execute();
    return record(row, JSON.stringify(conversation.state));
  }

  async get(id: string): Promise<ConversationRecord | null> {
    const row = await this.db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? this.read(row) : null;
  }

  async events(id: string, options: { afterSeq?: number } = {}): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom("conversation_events")
      .selectAll()
      .where("conversation_id", "=", id)
      .where("seq", ">", options.afterSeq ?? 0)
      .orderBy("seq")
      .execute();
    return Promise.all(
      rows.map(async (r) => {
        const payload = await this.vault.open(r.payload);
        return {
          seq: Number(r.seq),
          at: r.at,
          event:
            payload === null
              ? ({ type: r.type, ...ERASED } as unknown as ConversationEvent)
              : (JSON.parse(payload) as ConversationEvent),
        };
      }),
    );
  }

  /**
   * Appends a turn's events and the state they led to, atomically. Optimistic: if another turn was
   * appended since the caller read the conversation, nothing is written and a conflict is raised.
   */
  async append(id: string, events: ConversationEvent[], options: AppendOptions): Promise<void> {
    const now = this.clock.now().toISOString();
    // Sealed before the transaction: SQLite has one connection, and the key may need creating.
    const subject = conversationSubject(id);
    const state = await this.vault.seal(subject, JSON.stringify(options.state));
    const payloads = await Promise.all(
      events.map((event) => this.vault.seal(subject, JSON.stringify(event))),
    );
    return inTransaction(this.db, async (trx) => {
      const next = options.expectedEventCount + events.length;
      const updated = await trx
        .updateTable("conversations")
        .set({
          state,
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
              payload: payloads[i] as string,
            })),
          )
          .execute();
      }
    });
  }

  /** Every conversation linked to the customer, oldest first. */
  async idsForCustomer(customerId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("conversations")
      .select("id")
      .where("customer_id", "=", customerId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Erasure: shreds the keys of the customer's conversations (their events and state become
   * unreadable everywhere, backups included), ends them and unlinks them from the customer.
   */
  async eraseCustomer(customerId: string): Promise<number> {
    const ids = await this.idsForCustomer(customerId);
    if (ids.length === 0) return 0;
    await this.vault.shred(ids.map(conversationSubject));
    const now = this.clock.now().toISOString();
    for (let i = 0; i < ids.length; i += 500) {
      await this.db
        .updateTable("conversations")
        .set({ customer_id: null, status: "ended", updated_at: now })
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
    }
    return ids.length;
  }

  /**
   * Retention: conversations untouched since `cutoff` lose their transcript (events deleted, key
   * shredded, so copies elsewhere are unreadable too); the row stays for counts and analytics.
   */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const rows = await this.db
      .selectFrom("conversations")
      .select("id")
      .where("updated_at", "<", cutoff.toISOString())
      .where("event_count", ">", 0)
      .execute();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await this.vault.shred(batch.map(conversationSubject));
      await inTransaction(this.db, async (trx) => {
        await trx.deleteFrom("conversation_events").where("conversation_id", "in", batch).execute();
        await trx
          .updateTable("conversations")
          .set({ event_count: 0, status: "ended", customer_id: null })
          .where("id", "in", batch)
          .execute();
      });
    }
    return ids.length;
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
    return Promise.all(rows.map((row) => this.read(row)));
  }
}
