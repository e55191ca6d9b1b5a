// Per-turn latency of the agent in-process: understanding, skills, order-system reads and writes,
// policy decisions, audit and the conversation log on SQLite. One process, so one core.
// Baseline in the same run: a turn that only greets (understanding + log append, no order system).
// Run: npx tsx bench/agent-turn.ts [rounds=40]

import { loadAgent } from "../src/agent/index.ts";
import { MIGRATIONS } from "../src/app.ts";
import { type OmsDb, ReferenceOms, seedReferenceOms } from "../src/commerce/reference/index.ts";
import { AuditLog, Vault } from "../src/compliance/index.ts";
import { ConversationService, ConversationStore } from "../src/conversation/index.ts";
import { agentOverStore } from "../src/governance/conversation-tests/index.ts";
import { fixedClock, migrateToLatest, openStorage } from "../src/platform/index.ts";
import { fmt, summarize } from "./stats.ts";

const rounds = Number(process.argv[2] ?? 40);
const storage = await openStorage({ sqliteFile: ":memory:" });
await migrateToLatest(storage, MIGRATIONS);
const clock = fixedClock("2026-11-26T12:00:00Z");
const db = storage.db as unknown as OmsDb;
await seedReferenceOms(db, { dataset: "enriched", anchor: clock.now() });
const loaded = loadAgent("agents/default");
const connector = new ReferenceOms({ db, dialect: storage.dialect, clock });
const trainStart = performance.now();
const agent = await agentOverStore(storage, loaded, connector, clock);
console.log(
  `agent ready in ${(performance.now() - trainStart).toFixed(0)} ms (understanding trained for ${agent.languages.length} languages)`,
);

const scripts: Record<string, Array<{ locale: string; turns: string[] }>> = {
  "greeting only (baseline)": [{ locale: "en-US", turns: ["hello"] }],
  "order status": [
    { locale: "en-US", turns: ["where is my order #W2378156", "19122", "thanks, bye"] },
    { locale: "de-DE", turns: ["Wo ist meine Bestellung?", "yusuf.rossi7301@example.com", "danke, tschüss"] },
  ],
  "return with confirmation": [
    {
      locale: "en-US",
      turns: [
        "I'd like to return the yoga mat from order #W6397299",
        "liam.thomas9081@example.com",
        "it's too thin",
        "yes",
        "no thanks",
      ],
    },
  ],
  "cancel with confirmation": [
    {
      locale: "en-US",
      turns: [
        "please cancel my order",
        "ivan.santos3158@example.com",
        "the office chair one",
        "I don't need it anymore",
        "yes",
      ],
    },
    {
      locale: "de-DE",
      turns: [
        "Ich möchte meine Bestellung stornieren",
        "lukas.becker6523@example.com",
        "brauche ich nicht mehr",
        "ja",
      ],
    },
  ],
};

const all: number[] = [];
for (const [name, conversations] of Object.entries(scripts)) {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const script of conversations) {
      // Each conversation in a transaction rolled back after, so every round changes the same orders.
      const trx = await storage.db.startTransaction().execute();
      const trxDb = trx as unknown as OmsDb;
      const scoped = agent.with({
        connector: connector.withDb(trxDb),
        audit: new AuditLog({ db: trx, dialect: storage.dialect, clock, vault: Vault.ephemeral(trx) }),
      });
      const service = new ConversationService(
        new ConversationStore({ db: trx, clock, vault: Vault.ephemeral(trx) }),
        scoped,
        {
          agentVersion: "bench",
          clock,
        },
      );
      const { id } = await service.start({ channel: "chat", locale: script.locale });
      for (const text of script.turns) {
        const t = performance.now();
        await service.send(id, text);
        samples.push(performance.now() - t);
      }
      await trx.rollback().execute();
    }
  }
  const s = summarize(samples.slice(conversations.reduce((n, c) => n + c.turns.length, 0))); // first round warms up
  all.push(...samples);
  console.log(`${name}: ${s.n} turns, p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, mean ${fmt(s.mean)}`);
}
const s = summarize(all);
console.log(
  `all turns: ${s.n}, p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, ${(1000 / s.mean).toFixed(0)} turns/s on one core`,
);
await storage.close();
