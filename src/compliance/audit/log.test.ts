import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { testDatabases } from "../../../test/support/databases.ts";
import { Vault } from "../../compliance/index.ts";
import { fixedClock, type Storage } from "../../platform/index.ts";
import { AuditLog, GENESIS_HASH } from "./log.ts";

for (const database of await testDatabases()) {
  describe(`audit log on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let log: AuditLog;

    before(async () => {
      storage = await database.open();
      log = new AuditLog({
        db: storage.db,
        dialect: storage.dialect,
        clock: fixedClock("2026-11-26T12:00:00Z"),
        vault: Vault.ephemeral(storage.db),
      });
    });
    after(() => storage.close());

    test("entries chain: each links to the one before", async () => {
      const first = await log.append({
        actor: "agent:c1",
        action: "change_applied",
        subject: { type: "order", id: "#W1" },
        data: { a: 1 },
      });
      const second = await log.append({
        actor: "desk:u1",
        action: "sign_in",
        subject: { type: "user", id: "u1" },
        data: null,
      });
      assert.equal(first.prevHash, GENESIS_HASH);
      assert.equal(second.prevHash, first.hash);
      assert.deepEqual(await log.verify(), { ok: true, entries: 2 });
    });

    test("concurrent appends keep one unbroken chain", async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          log.append({ actor: "load", action: "x", subject: { type: "t", id: String(i) }, data: { i } }),
        ),
      );
      const verdict = await log.verify();
      assert.deepEqual(verdict, { ok: true, entries: 22 });
    });

    test("a tampered entry is found, with the first broken link", async () => {
      await sql`update audit_log set data = ${'{"a":2}'} where seq = 1`.execute(storage.db);
      const verdict = await log.verify();
      assert.deepEqual(verdict, {
        ok: false,
        entries: 1,
        brokenAt: 1,
        problem: "content does not match its hash",
      });
    });

    test("a removed entry is found", async () => {
      await sql`update audit_log set data = ${'{"a":1}'} where seq = 1`.execute(storage.db);
      assert.equal((await log.verify()).ok, true);
      await sql`delete from audit_log where seq = 5`.execute(storage.db);
      const verdict = await log.verify();
      assert.equal(verdict.ok, false);
      assert.equal(!verdict.ok && verdict.brokenAt, 6);
    });
  });
}
