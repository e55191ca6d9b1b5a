import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { testDatabases } from "../../../test/support/databases.ts";
import type { Storage } from "../../platform/index.ts";
import { isSealed, sealedSubject, Vault } from "./vault.ts";

for (const database of await testDatabases()) {
  describe(`vault on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    const masterKey = randomBytes(32);
    before(async () => {
      storage = await database.open();
    });
    after(() => storage.close());

    test("seals and opens; the ciphertext holds no plaintext and differs each time", async () => {
      const vault = new Vault({ db: storage.db, masterKey });
      const a = await vault.seal("customer:c1", "Ada Lovelace, 10 Downing St");
      const b = await vault.seal("customer:c1", "Ada Lovelace, 10 Downing St");
      assert.ok(isSealed(a));
      assert.notEqual(a, b);
      assert.ok(!a.includes("Ada"));
      // The stored subject is keyed: the id itself (which may carry a name) is not in the ciphertext.
      assert.match(sealedSubject(a) ?? "", /^customer:[A-Za-z0-9_-]{24}$/);
      assert.ok(!a.includes("c1."));
      assert.equal(await vault.open(a), "Ada Lovelace, 10 Downing St");
      // A second vault (another node) with the same master key reads it.
      assert.equal(await new Vault({ db: storage.db, masterKey }).open(b), "Ada Lovelace, 10 Downing St");
    });

    test("a value moved to another subject does not open (the subject is authenticated)", async () => {
      const vault = new Vault({ db: storage.db, masterKey });
      const sealed = await vault.seal("customer:c2", "secret");
      await vault.seal("customer:c3", "other");
      const c3 = await vault.seal("customer:c3", "other");
      const moved = sealed.replace(sealedSubject(sealed) ?? "", sealedSubject(c3) ?? "");
      await assert.rejects(vault.open(moved));
    });

    test("shredding makes every copy unreadable, on every vault, and cannot be undone", async () => {
      const vault = new Vault({ db: storage.db, masterKey });
      const other = new Vault({ db: storage.db, masterKey });
      const sealed = await vault.seal("conversation:x1", "my email is ada@example.com");
      const kept = await vault.seal("conversation:x2", "unrelated");
      assert.equal(await other.open(sealed), "my email is ada@example.com");
      assert.equal(await vault.shred(["conversation:x1", "conversation:nope"]), 1);
      assert.equal(await vault.open(sealed), null);
      assert.equal(await new Vault({ db: storage.db, masterKey }).open(sealed), null);
      assert.equal(await vault.open(kept), "unrelated");
      assert.equal(await vault.isShredded("conversation:x1"), true);
      await assert.rejects(vault.seal("conversation:x1", "again"), /erased/);
    });

    test("a wrong master key cannot open the data keys", async () => {
      const vault = new Vault({ db: storage.db, masterKey });
      const sealed = await vault.seal("customer:c9", "x");
      await assert.rejects(new Vault({ db: storage.db, masterKey: randomBytes(32) }).open(sealed));
    });

    test("plain values pass through open unchanged", async () => {
      const vault = new Vault({ db: storage.db, masterKey });
      assert.equal(await vault.open('{"type":"x"}'), '{"type":"x"}');
    });
  });
}
