import assert from "node:assert/strict";
import { test } from "node:test";
import { MIGRATIONS } from "../../app.ts";
import { migrateToLatest, openStorage } from "../../platform/index.ts";
import { Vault } from "../vault/index.ts";
import { auditDeployment } from "./configuration.ts";
import { AuditLog } from "./log.ts";

test("each start records what changed in the settings and the agent since the last one", async () => {
  const storage = await openStorage({ sqliteFile: ":memory:" });
  try {
    await migrateToLatest(storage, MIGRATIONS);
    const audit = new AuditLog({
      db: storage.db,
      dialect: storage.dialect,
      vault: Vault.ephemeral(storage.db),
    });
    const agent = { id: "default", policyPack: "standard@1", digest: "a" };
    const first = await auditDeployment(audit, { settings: { port: 3000, logLevel: "info" }, agent });
    assert.deepEqual(first, { changed: ["initial"] });
    assert.equal(await auditDeployment(audit, { settings: { logLevel: "info", port: 3000 }, agent }), null);
    const changed = await auditDeployment(audit, {
      settings: { port: 3000, logLevel: "debug" },
      agent: { ...agent, policyPack: "standard@2", digest: "b" },
    });
    assert.deepEqual(changed, { changed: ["settings.logLevel", "agent"] });
    const [latest] = await audit.list({ subjectType: "platform" });
    assert.equal(latest?.action, "configuration_changed");
    assert.deepEqual((await audit.verify()).ok, true);
  } finally {
    await storage.close();
  }
});
