import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { MIGRATIONS } from "../src/app.ts";
import { backupDatabase, restoreSqlite } from "../src/compliance/index.ts";
import { migrateToLatest, openStorage } from "../src/platform/index.ts";
import { startTestApp } from "./support/app.ts";

test("a backup holds no data keys: after an erasure, what it holds of that customer cannot be read", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sb-backup-"));
  const masterKey = randomBytes(32).toString("base64");
  const open = async () => {
    const storage = await openStorage({ dataDir: dir });
    await migrateToLatest(storage, MIGRATIONS);
    return { storage, ...(await startTestApp(storage, { config: { masterKey } })) };
  };

  const first = await open();
  const talk = async (turns: string[]) => {
    const { id } = await first.app.conversations.start({ channel: "chat", locale: "en-US" });
    for (const text of turns) await first.app.conversations.send(id, text);
    return id;
  };
  const erased = await talk(["Where is my order?", "liam.thomas9081@example.com"]);
  const kept = await talk(["Where is my order?", "ivan.santos3158@example.com"]);
  const backup = join(dir, "backup.sqlite");
  await backupDatabase(first.storage, backup);
  const liam = (await first.app.connector.findCustomerByEmail("liam.thomas9081@example.com")) as string;
  await first.app.personalData.erase(liam, "test");
  await first.app.close();
  await first.storage.close();

  const copy = new Database(backup, { readonly: true });
  const keysInBackup = copy.prepare("select count(*) as n from compliance_data_keys").get() as { n: number };
  const sealedEvents = copy.prepare("select count(*) as n from conversation_events").get() as { n: number };
  copy.close();
  assert.equal(keysInBackup.n, 0);
  assert.ok(sealedEvents.n > 0);

  // The backup comes back; the live keys stay as they are.
  restoreSqlite(join(dir, "switchboard.sqlite"), backup);
  const second = await open();
  try {
    const gone = await second.app.conversations.get(erased);
    assert.ok(gone && gone.events.length > 0);
    assert.ok(gone.events.every((e) => (e.event as { erased?: boolean }).erased === true));
    const readable = await second.app.conversations.get(kept);
    assert.match(JSON.stringify(readable?.events), /ivan\.santos3158@example\.com/);
    assert.equal((await second.app.audit.verify()).ok, true);
  } finally {
    await second.app.close();
    await second.storage.close();
  }
});
