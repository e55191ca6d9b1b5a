// The studio at /studio in a real browser (Debian's chromium through playwright-core), used as a store's
// designer would: sign in, read the analytics of a few real conversations, publish versions through the
// release gate (one refused with its report), deploy with a canary, roll back, compare two versions.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { App } from "../src/app.ts";
import {
  createHttpServer,
  createMetrics,
  fixedClock,
  type Storage,
  silentLogger,
} from "../src/platform/index.ts";
import { webPages } from "../src/web-serving/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { browserMissing, launchBrowser } from "./support/browser.ts";
import { testDatabases } from "./support/databases.ts";
import { ANCHOR } from "./support/store.ts";

const SHOTS = "test-output/studio";
const missing = browserMissing("/studio");

const USER = { username: "dana.admin", password: "studio-test-password-42" };
/** The conversations below open on 2026-11-26 (the seeded store's anchor), a customer message every 30 s. */
const PERIOD = { from: "2026-11-20", to: "2026-11-26" };

/**
 * A copy of the default agent to publish from, with two of its conversation tests so the gate takes
 * seconds: a status question, and the final-sale return the broken draft below must fail.
 */
function draftAgent(): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-studio-agent-"));
  cpSync("agents/default", dir, { recursive: true });
  rmSync(join(dir, "tests"), { recursive: true });
  for (const test of ["status/pending-en.yaml", "return/final-sale-en.yaml"]) {
    mkdirSync(join(dir, "tests", test.split("/")[0] as string), { recursive: true });
    cpSync(join("agents/default/tests", test), join(dir, "tests", test));
  }
  return dir;
}

// What a tile shows for a figure of the API, written out here rather than taken from the web app.
const count = (n: number) => new Intl.NumberFormat("en-US").format(n);
const rate = (r: number | null) =>
  r === null
    ? "–"
    : new Intl.NumberFormat("en-US", {
        style: "percent",
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(r);
const money = (minor: number | null) =>
  minor === null
    ? "–"
    : new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        minor / 100,
      );
const seconds = (s: number | null) =>
  s === null
    ? "–"
    : s < 60
      ? `${s.toFixed(1)} s`
      : `${Math.floor(Math.round(s) / 60)} min ${String(Math.round(s) % 60).padStart(2, "0")} s`;

interface Totals {
  conversations: number;
  contacts: number;
  escalated: number;
  containmentRate: number | null;
  averageHandlingSeconds: number | null;
  cost: { perContactMinor: number | null; savingsMinor: number };
  repeatContacts: { rate: number | null };
  identification: { byOrderNumberShare: number | null };
  promiseToPay: { rate: number | null };
  crossSell: { rate: number | null };
  escalationsByReason: Record<string, number>;
  voiceLatencyMs: unknown;
}

test("without a build, /studio answers 503 saying how to build it", async () => {
  const http = await createHttpServer({ logger: silentLogger, metrics: createMetrics(), version: "test" });
  webPages(http, { logger: silentLogger, distDir: join(tmpdir(), "sb-no-web-dist") });
  const res = await http.inject({ method: "GET", url: "/studio/versions" });
  assert.equal(res.statusCode, 503);
  assert.match(res.body, /npm run build:web/);
  assert.match(String(res.headers["content-security-policy"]), /default-src 'none'/);
  assert.equal((await http.inject({ method: "GET", url: "/assets/studio.js" })).statusCode, 404);
  await http.close();
});

const [sqlite] = await testDatabases();

describe("the /studio pages in a browser", { skip: missing || !sqlite }, () => {
  let storage: Storage;
  let app: App;
  let url: string;
  let agentDir: string;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  before(async () => {
    // The pages are served from web/dist: build it when it is missing or older than web/.
    const built = spawnSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], { encoding: "utf8" });
    assert.equal(built.status, 0, `building the web app failed:\n${built.stdout}\n${built.stderr}`);
    storage = await (sqlite as NonNullable<typeof sqlite>).open();
    agentDir = draftAgent();
    const clock = fixedClock(ANCHOR);
    ({ app, url } = await startTestApp(storage, { agentDir, clock }));
    await app.access.createUser({ ...USER, role: "admin" }, "test");

    // Conversations for the analytics, through the public chat API as a customer's browser would.
    const talk = async (turns: string[]) => {
      const res = await fetch(`${url}/api/v1/conversations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ locale: "en-US" }),
      });
      assert.equal(res.status, 201);
      const { id } = (await res.json()) as { id: string };
      for (const text of turns) {
        clock.advance(30_000);
        const sent = await fetch(`${url}/api/v1/conversations/${id}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text }),
        });
        assert.equal(sent.status, 200);
      }
    };
    await talk(["has my office chair shipped yet?", "ivan.santos3158@example.com"]); // contained
    await talk(["where is my order #W1137188", "jana.fischer4018@example.de"]); // by order number
    await talk(["can I talk to a real person please"]); // escalated
    await talk(["please cancel my order"]); // unresolved
    // From here the platform keeps real time: the browser drops a session cookie that expired in 2026-11.
    clock.set(new Date());

    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
    // A laptop screen.
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "en-US" });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on("pageerror", (error) => cspViolations.push(`page error: ${error.message}`));
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await storage?.close();
  });

  test("the page is served with a strict CSP; deep links answer the app; assets only by name", async () => {
    const res = await fetch(`${url}/studio/analytics?from=2026-11-01`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script>/, "no inline script");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, html);
    const asset = await fetch(`${url}${script}`);
    assert.equal(asset.status, 200);
    assert.ok((await asset.arrayBuffer()).byteLength > 1000);
    assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
    assert.match(asset.headers.get("content-type") ?? "", /javascript/);
    for (const path of ["/assets/nothing.js", "/assets/..%2Fstudio%2Findex.html", "/assets/%2e%2e/.built"]) {
      const res = await fetch(`${url}${path}`);
      await res.arrayBuffer();
      assert.equal(res.status, 404, path);
    }
  });

  test("sign in: a wrong password is refused, the right one opens the versions page", async () => {
    await page.goto(`${url}/studio`);
    await page.getByLabel("Username", { exact: true }).fill(USER.username);
    await page.getByLabel("Password", { exact: true }).fill("not the password");
    await page.keyboard.press("Enter");
    await page.getByText("Wrong username or password.").waitFor();
    await page.screenshot({ path: `${SHOTS}/sign-in.png` });
    await page.getByLabel("Password", { exact: true }).fill(USER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Agent versions" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/studio/versions");
    assert.match((await page.locator(".topbar .who").textContent()) ?? "", /dana\.admin \(admin\)/);
    // Nothing published yet, nothing deployed.
    await page.getByText("Nothing is published yet").waitFor();
    assert.equal(await page.getByText("Nothing deployed").count(), 2);
  });

  test("analytics: the tiles show what GET /api/v1/analytics answers, with charts and the CSV", async () => {
    await page.getByRole("link", { name: "Analytics" }).click();
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await page.getByLabel("From", { exact: true }).fill(PERIOD.from);
    await page.getByLabel("To", { exact: true }).fill(PERIOD.to);
    await page.getByLabel("Breakdown", { exact: true }).selectOption("day");
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator(`[data-period="${PERIOD.from}/${PERIOD.to}/day"]`).waitFor();

    const res = await fetch(`${url}/api/v1/analytics?from=${PERIOD.from}&to=${PERIOD.to}&by=day`, {
      headers: admin,
    });
    assert.equal(res.status, 200);
    const report = (await res.json()) as { totals: Totals; groups: { key: string }[] };
    const m = report.totals;
    assert.equal(m.contacts, 4, JSON.stringify(m));
    assert.equal(m.escalated, 1);
    const expected: Record<string, [number | null, string]> = {
      contacts: [m.contacts, count(m.contacts)],
      containment: [m.containmentRate, rate(m.containmentRate)],
      escalations: [m.escalated, count(m.escalated)],
      handling: [m.averageHandlingSeconds, seconds(m.averageHandlingSeconds)],
      "cost-per-contact": [m.cost.perContactMinor, money(m.cost.perContactMinor)],
      savings: [m.cost.savingsMinor, money(m.cost.savingsMinor)],
      repeats: [m.repeatContacts.rate, rate(m.repeatContacts.rate)],
      "by-order-number": [m.identification.byOrderNumberShare, rate(m.identification.byOrderNumberShare)],
      "promise-to-pay": [m.promiseToPay.rate, rate(m.promiseToPay.rate)],
      "cross-sell": [m.crossSell.rate, rate(m.crossSell.rate)],
    };
    for (const [metric, [raw, text]] of Object.entries(expected)) {
      const tile = page.locator(`.tile[data-metric="${metric}"]`);
      assert.equal(await tile.getAttribute("data-value"), String(raw), metric);
      assert.equal(await tile.locator(".value").textContent(), text, metric);
    }

    // Charts drew (canvas), with their figures as text; no voice calls yet.
    assert.equal(m.voiceLatencyMs, null);
    await page.locator('[data-chart="chart-latency"]').getByText("No voice calls yet.").waitFor();
    for (const chart of ["chart-contacts", "chart-escalations", "chart-resolution"])
      await page.locator(`[data-chart="${chart}"] canvas`).first().waitFor();
    const contactsTable = page.locator('[data-chart="chart-contacts"] details');
    await contactsTable.locator("summary").click();
    assert.equal(await contactsTable.locator("tbody tr").count(), report.groups.length);
    const escalations = page.locator('[data-chart="chart-escalations"] details');
    await escalations.locator("summary").click();
    assert.match((await escalations.textContent()) ?? "", /Asked for a person\s*1/);
    await page.screenshot({ path: `${SHOTS}/analytics.png`, fullPage: true });

    // The CSV link asks for the same period and breakdown, with the session.
    const link = page.getByRole("link", { name: "Download CSV" });
    const href = (await link.getAttribute("href")) ?? "";
    assert.equal(href, `/api/v1/analytics/export.csv?from=${PERIOD.from}&to=${PERIOD.to}&by=day`);
    const csv = await page.request.get(`${url}${href}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()["content-type"] ?? "", /text\/csv/);
    assert.equal((await csv.text()).trim().split("\n").length, report.groups.length + 1);

    // Another breakdown, kept in the address: a reload shows the same.
    await page.getByLabel("Breakdown", { exact: true }).selectOption("channel");
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator(`[data-period="${PERIOD.from}/${PERIOD.to}/channel"]`).waitFor();
    await page.reload();
    await page.locator(`[data-period="${PERIOD.from}/${PERIOD.to}/channel"]`).waitFor();
    assert.equal(await page.locator('.tile[data-metric="contacts"] .value').textContent(), count(m.contacts));
  });

  test("versions: publish through the gate, a refused draft's report, deploy with a canary, roll back, diff", async () => {
    await page.getByRole("link", { name: "Versions" }).click();
    await page.getByRole("heading", { level: 1, name: "Agent versions" }).waitFor();
    const publish = async (note: string) => {
      await page.getByLabel("Release note", { exact: true }).fill(note);
      await page.getByRole("button", { name: "Publish" }).click();
    };

    await publish("First release");
    await page.getByText("Published v1: every conversation test passed.").waitFor({ timeout: 30_000 });
    const v1 = page.locator('tr[data-version="1"]');
    await v1.waitFor();
    assert.match((await v1.textContent()) ?? "", /dana\.admin.*First release.*2\/2 tests/);

    // The designer renames the store in the agent directory: a new draft, published as v2.
    const yaml = join(agentDir, "agent.yaml");
    writeFileSync(
      yaml,
      readFileSync(yaml, "utf8").replace("store: Switchboard Demo Store", "store: Holiday Store"),
    );
    await page.reload();
    await page.getByText("The draft (the agent directory) has changed since v1.").waitFor();
    await publish("Rename the store");
    await page.getByText("Published v2").waitFor({ timeout: 30_000 });

    // Then drops the final-sale rule of returns: the gate refuses it, naming the failing test.
    const policyFile = join(agentDir, "policy.yaml");
    const policy = readFileSync(policyFile, "utf8");
    const broken = policy.replace(/\n {6}- id: final-sale\n(?: {8}.*\n| {10}.*\n| {12}.*\n)+/, "\n");
    assert.notEqual(broken, policy);
    writeFileSync(policyFile, broken);
    await page.reload();
    await publish("Simplify returns");
    const report = page.locator(".gate-report");
    await report.waitFor({ timeout: 30_000 });
    const reportText = (await report.textContent()) ?? "";
    assert.match(reportText, /The release gate refused this version/);
    assert.match(reportText, /Conversation tests: 1 of 2 passed/);
    assert.match(reportText, /Final-sale items are not returnable \(tests\/return\/final-sale-en\.yaml\)/);
    await page.screenshot({ path: `${SHOTS}/gate-refused.png`, fullPage: true });
    writeFileSync(policyFile, policy);

    // Production runs v1 with v2 as a 10% canary.
    await page.getByLabel("Environment", { exact: true }).selectOption("production");
    await page.getByLabel("Version", { exact: true }).selectOption("1");
    await page.getByLabel("Send a share of new conversations to a canary version").check();
    await page.getByLabel("Canary version", { exact: true }).selectOption("2");
    await page.getByLabel("Canary share (%)", { exact: true }).fill("10");
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.getByText("Production now runs v1.").waitFor();
    const production = page.locator('[data-environment="production"]');
    await production.getByText("canary v2 on 10% of new conversations").waitFor();
    assert.equal(await production.locator(".runs").textContent(), "v1");

    // Then v2 alone; rolled back, it runs v1 again.
    await page.getByLabel("Send a share of new conversations to a canary version").uncheck();
    await page.getByLabel("Version", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.getByText("Production now runs v2.").waitFor();
    await production.getByText("no canary").waitFor();
    await production.getByRole("button", { name: "Roll back" }).click();
    await production.getByRole("button", { name: "Yes, roll back" }).click();
    await production.getByText("Production now runs v1 again.").waitFor();
    assert.equal(await production.locator(".runs").textContent(), "v1");
    const deployed = (await (await fetch(`${url}/api/v1/agent/versions`, { headers: admin })).json()) as {
      deployments: { production: { version: number } };
    };
    assert.equal(deployed.deployments.production.version, 1);

    // What changed from v1 to v2: the store's name.
    await page.getByLabel("From", { exact: true }).selectOption("1");
    await page.getByLabel("To", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Show the changes" }).click();
    const file = page.locator(".diff-file", { hasText: "agent.yaml" });
    await file.waitFor();
    assert.match((await file.locator("li.added").allTextContents()).join("\n"), /\+ store: Holiday Store/);
    assert.match(
      (await file.locator("li.removed").allTextContents()).join("\n"),
      /- store: Switchboard Demo Store/,
    );
    await file.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/versions.png`, fullPage: true });

    const rows = await page
      .locator("table.versions tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-version")));
    assert.deepEqual(rows, ["2", "1"]);
  });

  test("keyboard: the skip link and the navigation reach the pages; sign-out returns to the form", async () => {
    await page.goto(`${url}/studio/versions`);
    await page.getByRole("heading", { level: 1, name: "Agent versions" }).waitFor();
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    assert.equal(await focused.textContent(), "Skip to content");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await focused.textContent(), "Analytics");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    // The new page's heading has the focus.
    assert.equal(await page.locator("h1:focus").textContent(), "Analytics");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    const me = await page.request.get(`${url}/api/v1/auth/me`);
    assert.equal(me.status(), 401);
    assert.deepEqual(cspViolations, []);
  });
});
