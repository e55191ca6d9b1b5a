import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import { loadConversationTests } from "../src/governance/conversation-tests/index.ts";

const BIN = resolve("bin/switchboard.js");

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const key of [
    "PORT",
    "HOST",
    "DATABASE_URL",
    "SWITCHBOARD_DATA_DIR",
    "SWITCHBOARD_ADMIN_TOKEN",
    "SWITCHBOARD_AGENT",
    "SWITCHBOARD_CONFIG",
  ])
    delete base[key];
  return { ...base, SWITCHBOARD_LOG_LEVEL: "warn", ...extra };
}

function run(args: string[], extra: Record<string, string>, cwd: string, input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: env(extra),
    encoding: "utf8",
    timeout: 120_000,
    ...(input !== undefined ? { input } : {}),
  });
}

async function started(child: ChildProcess): Promise<string> {
  let out = "";
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`not started:\n${out}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

describe("the switchboard command", () => {
  test("start: a fresh data directory is seeded and served, from any working directory", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const child = spawn(process.execPath, [BIN, "start", "--port", "0"], {
      cwd,
      env: env({ SWITCHBOARD_DATA_DIR: join(cwd, "data"), SWITCHBOARD_SIP_PORT: "0" }),
    });
    try {
      const url = await started(child);
      const health = (await (await fetch(`${url}/health`)).json()) as {
        status: string;
        store: { customers: number };
      };
      assert.deepEqual([health.status, health.store.customers], ["ok", 800]);
      assert.ok(existsSync(join(cwd, "data", "switchboard.sqlite")));
      assert.ok(existsSync(join(cwd, "data", "admin-token")));
    } finally {
      const exited = new Promise((r) => child.on("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  });

  test("a bad configuration value stops the start with a clear message and creates nothing", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const result = run(["start"], { PORT: "eighty", SWITCHBOARD_DATA_DIR: join(cwd, "data") }, cwd);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /switchboard: Invalid configuration:\n {2}- environment variable PORT: .*\(got "eighty"\)/,
    );
    assert.equal(existsSync(join(cwd, "data")), false);
  });

  test("a bad policy pack stops the start naming the file and the rule, and creates nothing", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const agent = join(cwd, "agent");
    mkdirSync(agent);
    writeFileSync(
      join(agent, "agent.yaml"),
      "id: broken\nname: Broken\nlanguages: [en]\npolicy: policy.yaml\n",
    );
    writeFileSync(
      join(agent, "policy.yaml"),
      "pack: broken\nversion: 1\nname: Broken\nreasons: { late: Late }\nactions:\n  create_return:\n    rules:\n      - id: window\n        deny: late\n        when: { fact: order.daysSinceDelivery, greaterThen: 30 }\n",
    );
    const result = run(["start"], { SWITCHBOARD_AGENT: agent, SWITCHBOARD_DATA_DIR: join(cwd, "data") }, cwd);
    assert.equal(result.status, 2);
    assert.ok(result.stderr.includes(`Invalid policy pack ${join(agent, "policy.yaml")}`), result.stderr);
    assert.match(result.stderr, /actions\.create_return\.rules\[0\]\.when: unknown operator 'greaterThen'/);
    assert.equal(existsSync(join(cwd, "data")), false);
  });

  test("seed refuses to replace data unless forced; audit verify and policy check report", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const data = { SWITCHBOARD_DATA_DIR: join(cwd, "data") };
    const first = run(["seed", "--dataset", "tau", "--anchor", "2026-01-15"], data, cwd);
    assert.equal(first.status, 0, first.stderr);
    assert.match(
      first.stdout,
      /Seeded the tau data set .*: 500 customers, 1000 orders, 50 products, 0 invoices \(dates around 2026-01-15\)/,
    );
    const again = run(["seed"], data, cwd);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already holds 500 customers.*--force/);
    const forced = run(["seed", "--force"], data, cwd);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stdout, /Seeded the enriched data set .*: 800 customers/);
    const badDate = run(["seed", "--anchor", "yesterday"], data, cwd);
    assert.notEqual(badDate.status, 0);
    assert.match(badDate.stderr, /must be a date as YYYY-MM-DD/);
    const audit = run(["audit", "verify"], data, cwd);
    assert.equal(audit.status, 0, audit.stderr);
    assert.match(audit.stdout, /Audit log intact: 0 entries/);
    const check = run(["policy", "check", resolve("agents/default/policy.yaml")], data, cwd);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /policy pack standard@1 \(Standard store policy\) is valid/);
  });

  test("users, tokens and data requests from the CLI; audit verify finds a tampered entry", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const data = { SWITCHBOARD_DATA_DIR: join(cwd, "data") };
    const added = run(["users", "add", "Ana.Agent", "--role", "agent"], data, cwd, "a long passphrase 42\n");
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /Created agent ana\.agent/);
    const weak = run(["users", "add", "bob", "--role", "admin"], data, cwd, "short\n");
    assert.equal(weak.status, 2);
    assert.match(weak.stderr, /password must be at least 12 characters/);
    const token = run(
      ["tokens", "create", "prometheus", "--role", "supervisor", "--scope", "metrics:read"],
      data,
      cwd,
    );
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout, /^sbt_[0-9a-f]{16}_\S{32}$/m);
    const badScope = run(["tokens", "create", "x", "--role", "agent", "--scope", "audit:read"], data, cwd);
    assert.equal(badScope.status, 2);
    assert.match(badScope.stderr, /Scope audit:read is not part of the agent role/);

    const exported = run(["personal-data", "export", "liam_thomas_7882"], data, cwd);
    assert.equal(exported.status, 0, exported.stderr);
    assert.equal(
      (JSON.parse(exported.stdout) as { sections: { profile: { id: string } } }).sections.profile.id,
      "liam_thomas_7882",
    );
    const unconfirmed = run(["personal-data", "erase", "liam_thomas_7882"], data, cwd);
    assert.equal(unconfirmed.status, 2);
    assert.match(unconfirmed.stderr, /--yes/);
    const retention = run(["retention", "run"], data, cwd);
    assert.equal(retention.status, 0, retention.stderr);
    assert.match(retention.stdout, /purged conversations 0, replay_records 0, sessions 0/);

    const backup = run(["backup", join(cwd, "backup.sqlite")], data, cwd);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /without the data keys/);
    const unconfirmedRestore = run(["restore", join(cwd, "backup.sqlite")], data, cwd);
    assert.equal(unconfirmedRestore.status, 2);
    assert.match(unconfirmedRestore.stderr, /stop the server and repeat with --yes/);

    const intact = run(["audit", "verify"], data, cwd);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /Audit log intact: 4 entries/);
    // Someone with database access makes the agent an admin after the fact.
    const db = new Database(join(cwd, "data", "switchboard.sqlite"));
    db.prepare(`update audit_log set data = '{"role":"admin","username":"ana.agent"}' where seq = 1`).run();
    db.close();
    const broken = run(["audit", "verify"], data, cwd);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /Audit log BROKEN at entry 1: content does not match its hash/);
  });

  test("agent validate, publish (through the release gate), versions, deploy, rollback", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const data = { SWITCHBOARD_DATA_DIR: join(cwd, "data"), SWITCHBOARD_AUTHOR: "dana" };
    const valid = run(["agent", "validate"], data, cwd);
    assert.equal(valid.status, 0, valid.stderr);
    assert.match(valid.stdout, /Agent default in .* is valid: policy standard@1, 6 languages/);
    // One recorded conversation, replayed by the gate against today's agent and the candidate.
    const chat = run(
      ["chat", "--locale", "en-US"],
      data,
      cwd,
      "I want to return my sunglasses\namelia.patel6926@example.com\n",
    );
    assert.equal(chat.status, 0, chat.stderr);
    const published = run(["agent", "publish", "--note", "first release"], data, cwd);
    assert.equal(published.status, 0, published.stderr);
    const tests = loadConversationTests("agents/default/tests").length;
    assert.match(published.stdout, new RegExp(`conversation tests: ${tests}/${tests} passed`));
    assert.match(published.stdout, /replayed conversations: 1\/1 unchanged/);
    assert.match(published.stdout, /Published default version 1/);
    const unchanged = run(["agent", "publish", "--note", "again"], data, cwd);
    assert.equal(unchanged.status, 1);
    assert.match(unchanged.stderr, /Nothing changed since version 1/);
    const deployed = run(["agent", "deploy", "1"], data, cwd);
    assert.equal(deployed.status, 0, deployed.stderr);
    const listed = run(["agent", "versions"], data, cwd);
    assert.match(listed.stdout, /v1 .* dana {2}first release {2}\[production\]/);
    const rollback = run(["agent", "rollback"], data, cwd);
    assert.equal(rollback.status, 2);
    assert.match(rollback.stderr, /no earlier version/);
  });

  test("nlu prints what the understanding makes of a message; test runs conversation tests with a JUnit report", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const agent = { SWITCHBOARD_DATA_DIR: join(cwd, "data") };
    const nlu = run(
      ["nlu", "je veux retourner le casque audio rouge de #W2772842", "--agent", resolve("agents/default")],
      agent,
      cwd,
    );
    assert.equal(nlu.status, 0, nlu.stderr);
    const parsed = JSON.parse(nlu.stdout) as {
      language: string;
      intent: string;
      entities: Array<{ type: string }>;
    };
    assert.equal(parsed.language, "fr");
    assert.equal(parsed.intent, "return");
    assert.deepEqual(
      ["order_id", "option_value", "product"].filter((t) => parsed.entities.some((e) => e.type === t)),
      ["order_id", "option_value", "product"],
    );
    const junit = join(cwd, "report.xml");
    const tests = run(
      ["test", resolve("agents/default/tests"), "--filter", "cross-sell", "--junit", junit],
      agent,
      cwd,
    );
    assert.equal(tests.status, 0, tests.stdout + tests.stderr);
    assert.match(tests.stdout, /1\/1 conversation tests passed/);
    assert.match(readFileSync(junit, "utf8"), /<testsuite[^>]* tests="1"[^>]* failures="0"/);
  });

  test("chat: a conversation in the terminal, every piped line answered", () => {
    const cwd = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const chat = spawnSync(process.execPath, [BIN, "chat", "--locale", "de-DE"], {
      cwd,
      env: env({ SWITCHBOARD_DATA_DIR: join(cwd, "data"), SWITCHBOARD_AGENT: resolve("agents/default") }),
      encoding: "utf8",
      timeout: 120_000,
      input: "wo ist meine Bestellung?\njana.fischer4018@example.de\n#W8554974\ntschüss\n",
    });
    assert.equal(chat.status, 0, chat.stderr);
    assert.match(chat.stdout, /agent> Hallo!/);
    assert.match(chat.stdout, /agent> Danke, Jana/);
    assert.match(chat.stdout, /#W8554974 \(Bluetooth-Lautsprecher\)/);
    assert.match(chat.stdout, /Einen schönen Tag noch!/);
  });
});
