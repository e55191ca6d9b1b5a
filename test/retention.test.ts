import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { App } from "../src/app.ts";
import { fixedClock, type Storage } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";
import { ANCHOR } from "./support/store.ts";

const DAY = 86_400_000;

for (const database of await testDatabases()) {
  describe(`retention on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let app: App;
    let url: string;
    const clock = fixedClock(ANCHOR);

    before(async () => {
      storage = await database.open();
      ({ app, url } = await startTestApp(storage, { clock, config: { retentionConversationDays: 30 } }));
    });
    after(async () => {
      await app.close();
      await storage.close();
    });

    async function converse(): Promise<string> {
      const { id } = await app.conversations.start({ channel: "chat", locale: "en-US" });
      await app.conversations.send(id, "Where is my order #W2378156?");
      return id;
    }

    test("a transcript is kept for its period, then deleted and its key shredded; the row stays for counts", async () => {
      const old = await converse();
      clock.advance(20 * DAY);
      const recent = await converse();
      assert.deepEqual((await app.retention.run()).purged.conversations, 0);

      clock.advance(11 * DAY); // the first is now 31 days old, the second 11
      const report = await app.retention.run();
      assert.equal(report.purged.conversations, 1);
      const purged = await app.conversations.get(old);
      assert.deepEqual(purged?.events, []);
      assert.equal(purged?.conversation.status, "ended");
      assert.ok((await app.conversations.get(recent))?.events.length);
      // Nothing more to do on the next pass; the pass is in the audit log.
      assert.equal((await app.retention.run()).purged.conversations, 0);
      const audit = await app.audit.list({ subjectType: "retention" });
      assert.equal(audit[0]?.action, "retention_enforced");
      const pass = audit[0]?.data as { purged: Record<string, number> } | undefined;
      assert.equal(pass?.purged.conversations, 1);
      // A purged conversation takes no more messages.
      const res = await fetch(`${url}/api/v1/conversations/${old}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "hello?" }),
      });
      assert.equal(res.status, 410);
    });

    test("expired sign-in sessions are purged", async () => {
      await app.access.createUser(
        { username: "ana.agent", password: "correct horse battery", role: "agent" },
        "test",
      );
      const signedIn = await app.access.signIn("ana.agent", "correct horse battery", { ip: "127.0.0.1" });
      assert.ok(signedIn);
      clock.advance(9 * 60 * 60_000); // sessions last 8 hours by default
      assert.equal(await app.access.authenticate({ sessionId: signedIn.sessionId }), null);
      assert.equal((await app.retention.run()).purged.sessions, 1);
      const me = await fetch(`${url}/api/v1/auth/me`, { headers: admin });
      assert.equal(me.status, 200);
    });
  });
}
