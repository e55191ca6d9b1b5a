import type { Kysely } from "kysely";
import type { ConversationStore } from "../../conversation/index.ts";
import { type AnalyticsReport, type Breakdown, buildReport, type ContactCosts } from "./metrics.ts";
import { type Period, repeatLookbackStart } from "./period.ts";
import { type ConversationFacts, type ConversationSummary, summarize } from "./summary.ts";

/** The unsealed columns of the conversation log analytics reads directly; payloads go through the store. */
type Tables = {
  conversations: {
    id: string;
    channel: string;
    language: string;
    agent_version: string;
    customer_id: string | null;
    created_at: string;
  };
};

/** Event logs opened at once: enough to overlap PostgreSQL round trips without hogging the pool. */
const CONCURRENT_READS = 8;

/**
 * Reads a period of the conversation log: the conversation rows by their opening time, and each
 * conversation's events through the store (which unseals them), then computes the report.
 */
export class AnalyticsSource {
  private readonly db: Kysely<Tables>;
  private readonly store: ConversationStore;
  private readonly costs: ContactCosts;
  private readonly crossSellKeys: ReadonlySet<string>;

  constructor(options: {
    db: Kysely<object>;
    store: ConversationStore;
    costs: ContactCosts;
    /** The message keys of the agent's cross-sell offers (agent.yaml `crossSell[].message`). */
    crossSellKeys: Iterable<string>;
  }) {
    this.db = options.db.withTables<Tables>();
    this.store = options.store;
    this.costs = {
      assistedContactCost: options.costs.assistedContactCost,
      selfServiceContactCost: options.costs.selfServiceContactCost,
    };
    this.crossSellKeys = new Set(options.crossSellKeys);
  }

  /** The conversations opened in the period, summarised, and the identified ones of the look-back. */
  async summaries(period: Period): Promise<{
    summaries: ConversationSummary[];
    earlier: Array<Pick<ConversationFacts, "id" | "customerId" | "createdAt">>;
  }> {
    const rows = await this.db
      .selectFrom("conversations")
      .select(["id", "channel", "language", "agent_version", "customer_id", "created_at"])
      .where("created_at", ">=", repeatLookbackStart(period).toISOString())
      .where("created_at", "<", period.end.toISOString())
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const start = period.start.toISOString();
    const facts = rows.map(
      (r): ConversationFacts => ({
        id: r.id,
        channel: r.channel,
        language: r.language,
        agentVersion: r.agent_version,
        customerId: r.customer_id,
        createdAt: r.created_at,
      }),
    );
    const inPeriod = facts.filter((f) => f.createdAt >= start);
    const summaries: ConversationSummary[] = [];
    for (let i = 0; i < inPeriod.length; i += CONCURRENT_READS) {
      const batch = inPeriod.slice(i, i + CONCURRENT_READS);
      const logs = await Promise.all(batch.map((f) => this.store.events(f.id)));
      batch.forEach((f, j) => {
        summaries.push(summarize(f, logs[j] ?? [], this.crossSellKeys));
      });
    }
    const earlier = facts
      .filter((f) => f.createdAt < start && f.customerId !== null)
      .map((f) => ({ id: f.id, customerId: f.customerId, createdAt: f.createdAt }));
    return { summaries, earlier };
  }

  async report(period: Period, by: Breakdown): Promise<AnalyticsReport> {
    const { summaries, earlier } = await this.summaries(period);
    return buildReport({ summaries, earlier, period, by, costs: this.costs });
  }
}
