// The default agent's conversation tests (agents/default/tests), on every test database.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadAgent } from "../src/agent/index.ts";
import { Agent } from "../src/agent/runtime.ts";
import { type OmsDb, ReferenceOms, seedReferenceOms } from "../src/commerce/reference/index.ts";
import { AuditLog, Vault } from "../src/compliance/index.ts";
import {
  agentOverStore,
  ConversationTestSchema,
  loadConversationTests,
  runConversationTests,
} from "../src/governance/conversation-tests/index.ts";
import { fixedClock, type Storage } from "../src/platform/index.ts";
import { PolicyEngine } from "../src/policy/index.ts";
import { testDatabases } from "./support/databases.ts";
import { ANCHOR } from "./support/store.ts";

const tests = loadConversationTests("agents/default/tests");

test("there are at least 60 conversation tests, in all six languages, across every skill", () => {
  assert.ok(tests.length >= 60, `${tests.length} tests`);
  const tags = new Set(tests.flatMap((t) => t.tags));
  for (const tag of ["en", "de", "fr", "es", "it", "nl"]) assert.ok(tags.has(tag), tag);
  for (const tag of [
    "identify",
    "order_status",
    "return",
    "exchange",
    "cancel",
    "change_address",
    "change_payment",
    "refund_status",
    "invoice",
    "policy_question",
    "product_question",
    "handoff",
    "correction",
    "digression",
    "denial",
  ]) {
    assert.ok(tags.has(tag), `no test tagged ${tag}`);
  }
});

test("every language has the everyday contacts: status, return, exchange, cancel, refused return, human", () => {
  for (const language of ["en", "de", "fr", "es", "it", "nl"]) {
    const mine = tests.filter((t) => t.tags.includes(language));
    const has = (...tags: string[]) => mine.some((t) => tags.every((tag) => t.tags.includes(tag)));
    const returned = mine.some((t) => t.tags.includes("return") && !t.tags.includes("denial"));
    assert.ok(has("order_status"), `${language}: order status`);
    assert.ok(returned, `${language}: a return`);
    assert.ok(has("exchange"), `${language}: an exchange`);
    assert.ok(has("cancel"), `${language}: a cancellation`);
    assert.ok(has("return", "denial"), `${language}: a refused return`);
    assert.ok(has("handoff"), `${language}: a handoff`);
  }
});

for (const database of await testDatabases()) {
  describe(`conversation tests on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let agent: Agent;
    let connector: ReferenceOms;
    const clock = fixedClock(ANCHOR);

    before(async () => {
      storage = await database.open();
      const db = storage.db as unknown as OmsDb;
      await seedReferenceOms(db, { dataset: "enriched", anchor: clock.now() });
      const loaded = loadAgent("agents/default");
      connector = new ReferenceOms({ db, dialect: storage.dialect, clock });
      agent = await agentOverStore(storage, loaded, connector, clock);
    });
    after(() => storage.close());

    test("every conversation test passes", async () => {
      const results = await runConversationTests(tests, { storage, agent, connector, clock });
      const failed = results.filter((r) => !r.passed);
      const report = failed
        .map(
          (r) => `${r.name} (${r.file}):\n  ${r.failures.join("\n  ")}\n    ${r.transcript.join("\n    ")}`,
        )
        .join("\n\n");
      assert.equal(failed.length, 0, report);
    });

    test("agent.yaml decides which skills are offered and when the agent hands over", async () => {
      const loaded = loadAgent("agents/default");
      const strict = await Agent.create({
        agent: {
          ...loaded,
          definition: {
            ...loaded.definition,
            skills: loaded.definition.skills.filter((s) => s !== "invoice"),
            escalation: { misunderstoodTurns: 1, verificationAttempts: 1, negativeSentiment: false },
          },
        },
        connector,
        policy: new PolicyEngine(loaded.policy),
        audit: new AuditLog({
          db: storage.db,
          dialect: storage.dialect,
          clock,
          vault: Vault.ephemeral(storage.db),
        }),
        clock,
      });
      const cases = [
        {
          name: "a skill left out goes to a person",
          turns: [{ customer: "I want to pay my overdue invoice", expect: { handoff: "not_offered" } }],
        },
        {
          name: "one failed verification is enough",
          turns: [
            { customer: "where is my order" },
            { customer: "nobody@example.com", expect: { handoff: "identity_not_verified" } },
          ],
        },
        {
          name: "one message not understood is enough",
          turns: [{ customer: "purple monkey dishwasher", expect: { handoff: "not_understood" } }],
        },
        {
          name: "anger alone does not hand over when the agent is told not to",
          turns: [
            {
              customer:
                "this is absolutely terrible, worst service ever, I am furious! where is my order #W8770097",
              expect: { handoff: false },
            },
          ],
        },
      ].map((t) => ({ ...ConversationTestSchema.parse({ ...t, locale: "en-US" }), file: "inline" }));
      const results = await runConversationTests(cases, { storage, agent: strict, connector, clock });
      for (const r of results)
        assert.ok(r.passed, `${r.name}: ${r.failures.join("; ")}\n${r.transcript.join("\n")}`);
    });
  });
}
