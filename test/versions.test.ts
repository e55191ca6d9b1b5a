import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadAgent } from "../src/agent/index.ts";
import { MIGRATIONS } from "../src/app.ts";
import { AuditLog, Vault } from "../src/compliance/index.ts";
import { loadConversationTests } from "../src/governance/conversation-tests/index.ts";
import {
  AgentVersions,
  chooseVersion,
  diffBundles,
  formatGateReport,
  type GateReport,
  readBundle,
  replayConversations,
  replayStep,
  writeBundle,
} from "../src/governance/versions/index.ts";
import { fixedClock, migrateToLatest, openStorage, type Storage } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { ANCHOR } from "./support/store.ts";

/** A copy of the default agent to edit, as a designer would. */
function draft(): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-agent-"));
  cpSync("agents/default", dir, { recursive: true });
  return dir;
}

describe("agent versions and the release gate", () => {
  let storage: Storage;
  let versions: AgentVersions;
  let audit: AuditLog;

  before(async () => {
    storage = await openStorage({ sqliteFile: ":memory:" });
    await migrateToLatest(storage, MIGRATIONS);
    audit = new AuditLog({ db: storage.db, dialect: storage.dialect, vault: Vault.ephemeral(storage.db) });
    versions = new AgentVersions({ db: storage.db, audit, clock: fixedClock("2026-11-26T12:00:00Z") });
  });
  after(() => storage.close());

  test("a version that passes its conversation tests is published as version 1; an unchanged one is not", async () => {
    const dir = draft();
    const published = await versions.publish({ dir, author: "dana.designer", note: "first release" });
    assert.ok(published.ok, JSON.stringify(published));
    assert.equal(published.version.version, 1);
    // Every conversation test of the agent ran in the gate.
    assert.equal(published.version.gate.tests.total, loadConversationTests(join(dir, "tests")).length);
    assert.ok(published.version.gate.tests.total >= 77);
    const again = await versions.publish({ dir, author: "dana.designer", note: "again" });
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.reason, "unchanged");
  });

  test("a policy pack that allows returns of final-sale items is refused, naming the failing tests", async () => {
    const dir = draft();
    const policy = readFileSync(join(dir, "policy.yaml"), "utf8");
    // The deliberate mistake: the final-sale rule of returns is dropped.
    const broken = policy.replace(/\n {6}- id: final-sale\n(?: {8}.*\n| {10}.*\n| {12}.*\n)+/, "\n");
    assert.notEqual(broken, policy);
    writeFileSync(join(dir, "policy.yaml"), broken);
    // A customer was refused a final-sale return yesterday: that conversation is in the log.
    const { app } = await startTestApp(storage);
    let refused: Awaited<ReturnType<AgentVersions["publish"]>>;
    let recorded: string;
    try {
      const opened = await app.conversations.start({ channel: "chat", locale: "en-US" });
      recorded = opened.id;
      await app.conversations.send(recorded, "I want to return my sunglasses");
      await app.conversations.send(recorded, "amelia.patel6926@example.com");
      refused = await versions.publish({
        dir,
        author: "dana.designer",
        note: "simplify returns",
        replay: replayStep({
          storage,
          store: app.conversationStore,
          connector: app.connector,
          clock: fixedClock(ANCHOR),
          baseline: app.runtime,
          conversationIds: [recorded],
        }),
      });
    } finally {
      await app.close();
    }
    assert.ok(!refused.ok && refused.reason === "gate_failed");
    const failed = refused.gate?.tests.failed.map((f) => f.file) ?? [];
    assert.ok(
      failed.some((f) => f.endsWith("return/final-sale-en.yaml")),
      failed.join(", "),
    );
    // The replay names the recorded conversation the candidate would have handled differently.
    const replay = refused.ok ? undefined : refused.gate?.replay;
    assert.equal(replay?.replayed, 1);
    assert.equal(replay?.regressions[0]?.conversationId, recorded);
    const changed = replay?.regressions[0]?.differences.join("\n") ?? "";
    assert.match(changed, /today \[create_return denied \(final_sale_item\)\]/);
    assert.match(changed, /candidate \[[^\]]*create_return allowed/);
    assert.match(
      formatGateReport(refused.gate as GateReport),
      new RegExp(`CHANGED conversation ${recorded}`),
    );
    assert.equal((await versions.latest("default"))?.version, 1);
    const [entry] = await audit.list({ subjectType: "agent" });
    assert.equal(entry?.action, "agent_version_refused");
  });

  test("deploy, change, deploy again, roll back in one step; the diff shows the change", async () => {
    await versions.deploy({ agentId: "default", environment: "production", version: 1, actor: "ops" });
    const dir = draft();
    const messages = join(dir, "agent.yaml");
    writeFileSync(
      messages,
      readFileSync(messages, "utf8").replace(/^store: .*$/m, "store: Switchboard Outlet"),
    );
    const v2 = await versions.publish({ dir, author: "dana.designer", note: "rename the store" });
    assert.ok(v2.ok);
    const v1Bundle = await versions.bundle("default", 1);
    assert.ok(v1Bundle);
    const diff = diffBundles(v1Bundle, readBundle(dir));
    assert.deepEqual(
      diff.map((d) => d.path),
      ["agent.yaml"],
    );
    assert.ok(diff[0]?.lines.includes("+ store: Switchboard Outlet"));

    await versions.deploy({
      agentId: "default",
      environment: "production",
      version: 1,
      canary: { version: 2, percent: 10 },
      actor: "ops",
    });
    const current = await versions.current("default", "production");
    assert.deepEqual(current?.canary, { version: 2, percent: 10 });
    await versions.deploy({ agentId: "default", environment: "production", version: 2, actor: "ops" });
    const back = await versions.rollback("default", "production", "ops");
    assert.equal(back.version, 1);
    // The previous deployment comes back whole, its canary included.
    assert.deepEqual(back.canary, { version: 2, percent: 10 });
    assert.equal((await versions.current("default", "production"))?.version, 1);
    await assert.rejects(
      versions.deploy({ agentId: "default", environment: "production", version: 9, actor: "ops" }),
      /no version 9/,
    );
  });

  test("the server runs the deployed version, and the canary its share; each conversation records its version", async () => {
    await versions.deploy({
      agentId: "default",
      environment: "production",
      version: 1,
      canary: { version: 2, percent: 50 },
      actor: "ops",
    });
    const { app } = await startTestApp(storage);
    try {
      const seen = new Map<string, string>();
      for (let i = 0; i < 30; i++) {
        const opened = await app.conversations.start({ channel: "chat", locale: "en-US" });
        const record = await app.conversations.get(opened.id);
        const greeting = opened.messages[0]?.text ?? "";
        seen.set(record?.conversation.agentVersion ?? "", greeting);
        assert.equal(greeting.includes("Switchboard Outlet"), record?.conversation.agentVersion === "v2");
        // Later messages are answered by the version that opened the conversation.
        await app.conversations.send(opened.id, "hello");
        assert.equal(
          (await app.conversations.get(opened.id))?.conversation.agentVersion,
          record?.conversation.agentVersion,
        );
      }
      assert.deepEqual([...seen.keys()].sort(), ["v1", "v2"]);
    } finally {
      await app.close();
    }
  });

  test("a replay that changes orders compares their final states, and the same agent shows no regression", async () => {
    const { app } = await startTestApp(storage);
    try {
      const { id } = await app.conversations.start({ channel: "chat", locale: "en-US" });
      for (const text of [
        "I need to change the delivery address on my order",
        "liam.thomas9081@example.com",
        "the skateboard one",
        "221 Baker Street, Apt 4, Austin, TX 78701",
        "yes",
      ])
        await app.conversations.send(id, text);
      const report = await replayConversations({
        storage,
        store: app.conversationStore,
        connector: app.connector,
        clock: fixedClock(ANCHOR),
        conversationIds: [id],
        baseline: app.runtime,
        candidate: app.runtime,
      });
      assert.deepEqual(report, { replayed: 1, regressions: [], drifted: 0 });
      // The replays were rolled back: the order holds the address of the recorded conversation only.
      assert.equal((await app.connector.getOrder("#W3295833"))?.changes.length, 1);
    } finally {
      await app.close();
    }
  });

  test("a canary takes a stable share of conversations", () => {
    const deployment = {
      agentId: "default",
      environment: "production" as const,
      version: 1,
      canary: { version: 2, percent: 10 },
      actor: "ops",
      at: "",
    };
    const ids = Array.from({ length: 5000 }, (_, i) => `c_${i.toString(36)}x${(i * 7919).toString(36)}`);
    const chosen = ids.map((id) => chooseVersion(deployment, id));
    const share = chosen.filter((v) => v === 2).length / ids.length;
    assert.ok(share > 0.08 && share < 0.12, String(share));
    assert.deepEqual(
      ids.map((id) => chooseVersion(deployment, id)),
      chosen,
    );
  });
});

test("a version carries the files its agent shares from another directory", () => {
  // tau-retail takes its utterances and names from the default agent.
  const bundle = readBundle("agents/tau-retail");
  assert.ok(bundle.files["shared/utterances/en.yaml"]);
  assert.match(bundle.files["agent.yaml"] ?? "", /^utterances: shared\/utterances$/m);
  const dir = writeBundle(bundle, mkdtempSync(join(tmpdir(), "sb-bundle-")));
  const loaded = loadAgent(dir);
  assert.equal(loaded.definition.id, "tau-retail");
  assert.ok(loaded.utterancesDir.startsWith(dir));
  // The default agent keeps everything inside its directory: its bundle is unchanged by this.
  assert.ok(!Object.keys(readBundle("agents/default").files).some((f) => f.startsWith("shared/")));
});

/** The fields of the versions API's answers this test reads. */
type ApiBody = {
  version: number;
  versions: Array<{ author: string; gate: { tests: { passed: number; total: number } } }>;
  draft: { changedSinceLatest: boolean };
  deployments: { production: { version: number }; staging: { version: number } };
  error: { code: string; details: { tests: { failures: Array<{ file: string }> } } };
  from: number;
  files: Array<{ path: string; status: string }>;
};

describe("agent versions through the API", () => {
  test("list, publish through the gate (refused with its report), deploy (production needs agents:deploy), roll back, diff", async () => {
    const storage = await openStorage({ sqliteFile: ":memory:" });
    const dir = draft();
    const { app, url } = await startTestApp(storage, { agentDir: dir });
    try {
      const designer = (await app.access.createToken({ name: "designer", role: "designer" }, "test")).token;
      const call = async (method: string, path: string, token: string, body?: unknown) => {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body !== undefined ? { "content-type": "application/json" } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, json: (await res.json()) as ApiBody };
      };
      const adminToken = admin.authorization.slice("Bearer ".length);

      const empty = await call("GET", "/api/v1/agent/versions", designer);
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.json.versions, []);
      assert.equal(empty.json.draft.changedSinceLatest, true);

      const published = await call("POST", "/api/v1/agent/versions", designer, { note: "first release" });
      assert.equal(published.status, 201, JSON.stringify(published.json));
      assert.equal(published.json.version, 1);
      const again = await call("POST", "/api/v1/agent/versions", designer, { note: "again" });
      assert.equal(again.status, 409);

      // The deliberately broken draft: final-sale items become returnable.
      const policy = readFileSync(join(dir, "policy.yaml"), "utf8");
      writeFileSync(
        join(dir, "policy.yaml"),
        policy.replace(/\n {6}- id: final-sale\n(?: {8}.*\n| {10}.*\n| {12}.*\n)+/, "\n"),
      );
      const refused = await call("POST", "/api/v1/agent/versions", designer, { note: "simplify returns" });
      assert.equal(refused.status, 422);
      assert.equal(refused.json.error.code, "gate_failed");
      const failures = refused.json.error.details.tests.failures;
      assert.ok(
        failures.some((f) => f.file.endsWith("return/final-sale-en.yaml")),
        JSON.stringify(failures),
      );
      writeFileSync(join(dir, "policy.yaml"), policy);

      const listed = await call("GET", "/api/v1/agent/versions", designer);
      assert.equal(listed.json.versions.length, 1);
      assert.match(listed.json.versions[0]?.author ?? "", /^token:/);
      assert.equal(listed.json.versions[0]?.gate.tests.passed, listed.json.versions[0]?.gate.tests.total);
      assert.equal(listed.json.draft.changedSinceLatest, false);

      assert.equal(
        (await call("POST", "/api/v1/agent/deployments", designer, { environment: "staging", version: 1 }))
          .status,
        200,
      );
      const denied = await call("POST", "/api/v1/agent/deployments", designer, {
        environment: "production",
        version: 1,
      });
      assert.equal(denied.status, 403);
      const deployed = await call("POST", "/api/v1/agent/deployments", adminToken, {
        environment: "production",
        version: 1,
      });
      assert.equal(deployed.status, 200);
      assert.equal(deployed.json.version, 1);
      const state = await call("GET", "/api/v1/agent/versions", designer);
      assert.equal(state.json.deployments.production.version, 1);
      assert.equal(state.json.deployments.staging.version, 1);
      // Nothing ran before version 1 in production: there is nothing to roll back to.
      assert.equal(
        (await call("POST", "/api/v1/agent/deployments/rollback", adminToken, { environment: "production" }))
          .status,
        409,
      );
      assert.equal(
        (await call("POST", "/api/v1/agent/deployments", designer, { environment: "staging", version: 7 }))
          .status,
        404,
      );

      const diff = await call("GET", "/api/v1/agent/versions/1/diff", designer);
      assert.equal(diff.status, 200);
      assert.equal(diff.json.from, 0);
      assert.ok(diff.json.files.some((f) => f.path === "policy.yaml" && f.status === "added"));
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
