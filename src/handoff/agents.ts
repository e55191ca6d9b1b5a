import type { Kysely } from "kysely";
import { type Clock, systemClock } from "../platform/index.ts";
import type { HandoffTables } from "./tables.ts";

export const PRESENCE = ["available", "busy", "away", "offline"] as const;
export type Presence = (typeof PRESENCE)[number];

export interface DeskAgent {
  userId: string;
  displayName: string;
  presence: Presence;
  /** Languages they take conversations in. */
  languages: string[];
  /** Conversations at once: several chats, one call. */
  maxChats: number;
  maxCalls: number;
  updatedAt: string;
}

/** The people at the desk and whether they can take a conversation now. */
export class DeskAgents {
  private readonly db: Kysely<HandoffTables>;
  private readonly clock: Clock;

  constructor(options: { db: Kysely<object>; clock?: Clock }) {
    this.db = options.db.withTables<HandoffTables>();
    this.clock = options.clock ?? systemClock;
  }

  async set(
    userId: string,
    input: {
      displayName: string;
      presence: Presence;
      languages?: string[];
      maxChats?: number;
      maxCalls?: number;
    },
  ): Promise<DeskAgent> {
    const existing = await this.get(userId);
    const agent: DeskAgent = {
      userId,
      displayName: input.displayName,
      presence: input.presence,
      languages: input.languages ?? existing?.languages ?? ["en", "de", "fr", "es", "it", "nl"],
      maxChats: input.maxChats ?? existing?.maxChats ?? 3,
      maxCalls: input.maxCalls ?? existing?.maxCalls ?? 1,
      updatedAt: this.clock.now().toISOString(),
    };
    const row = {
      user_id: userId,
      display_name: agent.displayName,
      presence: agent.presence,
      languages: JSON.stringify(agent.languages),
      max_chats: agent.maxChats,
      max_calls: agent.maxCalls,
      updated_at: agent.updatedAt,
    };
    await this.db
      .insertInto("desk_agents")
      .values(row)
      .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
      .execute();
    return agent;
  }

  async get(userId: string): Promise<DeskAgent | null> {
    const row = await this.db
      .selectFrom("desk_agents")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row ? toAgent(row) : null;
  }

  async list(): Promise<DeskAgent[]> {
    return (await this.db.selectFrom("desk_agents").selectAll().orderBy("display_name").execute()).map(
      toAgent,
    );
  }
}

function toAgent(row: {
  user_id: string;
  display_name: string;
  presence: string;
  languages: string;
  max_chats: number;
  max_calls: number;
  updated_at: string;
}): DeskAgent {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    presence: row.presence as Presence,
    languages: JSON.parse(row.languages) as string[],
    maxChats: Number(row.max_chats),
    maxCalls: Number(row.max_calls),
    updatedAt: row.updated_at,
  };
}
