// The desk at /desk and the floor at /desk/floor in a real browser (Debian's chromium through
// playwright-core), end to end: a customer asks the chat widget for a person, an agent at the desk sees
// the conversation in the queue with its escalation packet, takes it and replies (the customer's page
// shows it), the customer's next message reaches the desk live, the agent closes it with a wrap-up
// code, and a supervisor sees it counted on the floor. Also the desk's WebSocket on its own: guarded,
// and never brought down by a bad frame.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import WebSocket from "ws";
import type { App } from "../src/app.ts";
import { type Storage, systemClock } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { browserMissing, launchBrowser } from "./support/browser.ts";
import { testDatabases } from "./support/databases.ts";

const SHOTS = "test-output/desk";
const missing = browserMissing("/desk");

const AGENT = { username: "sam.agent", password: "desk-test-password-42" };
const SUPERVISOR = { username: "lee.supervisor", password: "floor-test-password-42" };
const CUSTOMER_EMAIL = "amelia.patel6926@example.com";
const REPLY = "Hi Amelia, this is Sam from the team. I can see your orders here; let me check the delivery.";
const FOLLOW_UP = "thank you, it is the one with the lamp";

/** Types into the chat widget as a customer would and waits for the agent's answer. */
async function say(page: Page, text: string): Promise<string> {
  const before = await page.locator(".msg.agent").count();
  await page.locator("#text").fill(text);
  await page.keyboard.press("Enter");
  await page.locator(".msg.agent").nth(before).waitFor();
  await page.locator("#text:not([disabled])").waitFor();
  return (await page.locator(".msg.agent").allTextContents()).slice(before).join("\n");
}

async function signIn(page: Page, url: string, path: string, user: { username: string; password: string }) {
  await page.goto(`${url}${path}`);
  await page.getByLabel("Username", { exact: true }).fill(user.username);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Polls a condition the server reaches on its own schedule (a socket's close handling), for at most 5 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, "timed out waiting for the condition");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const [sqlite] = await testDatabases();

describe("the desk's WebSocket", { skip: !sqlite }, () => {
  let storage: Storage;
  let app: App;
  let url: string;
  let agentToken: string;
  let designerToken: string;

  before(async () => {
    storage = await (sqlite as NonNullable<typeof sqlite>).open();
    ({ app, url } = await startTestApp(storage));
    agentToken = (await app.access.createToken({ name: "desk", role: "agent" }, "test")).token;
    designerToken = (await app.access.createToken({ name: "studio", role: "designer" }, "test")).token;
  });
  after(async () => {
    await app?.close();
    await storage?.close();
  });

  const wsUrl = () => `${url.replace(/^http/, "ws")}/api/v1/desk/ws`;
  /** The HTTP status a refused upgrade answers, or "open". */
  const attempt = (headers: Record<string, string>) =>
    new Promise<number | "open">((resolve, reject) => {
      const socket = new WebSocket(wsUrl(), { headers });
      socket.on("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.on("open", () => {
        resolve("open");
        socket.close();
      });
      socket.on("error", (error) => {
        if (!/Unexpected server response/.test(error.message)) reject(error);
      });
    });

  test("only desk:handle opens it, and not from another site's page", async () => {
    assert.equal(await attempt({}), 401);
    assert.equal(await attempt({ authorization: `Bearer ${designerToken}` }), 403);
    assert.equal(
      await attempt({ authorization: `Bearer ${agentToken}`, origin: "https://evil.example" }),
      403,
    );
    assert.equal(await attempt({ authorization: `Bearer ${agentToken}` }), "open");
  });

  test("bad frames change nothing: the socket stays open and still carries the desk's events", async () => {
    const socket = new WebSocket(wsUrl(), { headers: { authorization: `Bearer ${agentToken}` } });
    const frames: Array<{ type: string; presence?: string }> = [];
    const waitFor = (type: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (frames.some((f) => f.type === type)) {
            socket.off("message", check);
            resolve();
          }
        };
        socket.on("message", check);
        check();
      });
    socket.on("message", (raw: Buffer) => frames.push(JSON.parse(raw.toString("utf8"))));
    await new Promise((resolve) => socket.once("open", resolve));
    await waitFor("hello");
    socket.send("not json {");
    socket.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    socket.send(JSON.stringify({ type: "take", conversationId: "c_x".repeat(5000) }));
    const presence = waitFor("presence");
    const res = await fetch(`${url}/api/v1/desk/presence`, {
      method: "PUT",
      headers: { authorization: `Bearer ${agentToken}`, "content-type": "application/json" },
      body: JSON.stringify({ presence: "away" }),
    });
    assert.equal(res.status, 200);
    await presence;
    assert.equal(socket.readyState, WebSocket.OPEN);
    assert.equal(frames.find((f) => f.type === "presence")?.presence, "away");
    // Closing removes its listeners: the router is left with none of this socket's.
    const listening = app.desk.router.events.listenerCount("desk");
    const closed = new Promise((resolve) => socket.once("close", resolve));
    socket.close();
    await closed;
    await until(() => app.desk.router.events.listenerCount("desk") === listening - 1);
  });
  test("the person a conversation is assigned to hears its messages; others only that one arrived", async () => {
    const otherToken = (await app.access.createToken({ name: "other desk", role: "agent" }, "test")).token;
    const post = (path: string, body: unknown, token?: string, method = "POST") =>
      fetch(`${url}${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const { id } = (await (await post("/api/v1/conversations", { locale: "en-US" })).json()) as {
      id: string;
    };
    for (const text of ["where is my order", CUSTOMER_EMAIL, "can I talk to a real person please"])
      assert.equal((await post(`/api/v1/conversations/${id}/messages`, { text })).status, 200);
    assert.equal(
      (await post("/api/v1/desk/presence", { presence: "available" }, agentToken, "PUT")).status,
      200,
    );
    assert.equal((await post(`/api/v1/desk/conversations/${id}/take`, {}, agentToken)).status, 200);

    const listen = async (token: string) => {
      const socket = new WebSocket(wsUrl(), { headers: { authorization: `Bearer ${token}` } });
      const frames: Array<Record<string, unknown>> = [];
      socket.on("message", (raw: Buffer) => frames.push(JSON.parse(raw.toString("utf8"))));
      await new Promise<void>((resolve) => {
        const hello = () => {
          if (frames.some((f) => f.type === "hello")) {
            socket.off("message", hello);
            resolve();
          }
        };
        socket.on("message", hello);
      });
      return { socket, frames };
    };
    const mine = await listen(agentToken);
    const other = await listen(otherToken);
    assert.equal(
      (await post(`/api/v1/conversations/${id}/messages`, { text: "it is the lamp order" })).status,
      200,
    );
    await until(() => mine.frames.some((f) => f.type === "message"));
    await until(() => other.frames.some((f) => f.type === "customer_message"));
    assert.deepEqual(
      mine.frames.find((f) => f.type === "message"),
      { type: "message", conversationId: id, role: "customer", text: "it is the lamp order" },
    );
    assert.ok(!other.frames.some((f) => f.type === "message"));
    assert.ok(
      !JSON.stringify(other.frames).includes("lamp"),
      "another person's socket carries no customer text",
    );
    for (const { socket } of [mine, other]) socket.close();
  });
});

describe("the /desk pages in a browser", { skip: missing || !sqlite }, () => {
  let storage: Storage;
  let app: App;
  let url: string;
  let browser: Browser;
  let customer: Page;
  let desk: Page;
  let conversationId = "";
  const pageErrors: string[] = [];

  before(async () => {
    const built = spawnSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], { encoding: "utf8" });
    assert.equal(built.status, 0, `building the web app failed:\n${built.stdout}\n${built.stderr}`);
    storage = await (sqlite as NonNullable<typeof sqlite>).open();
    // Real time throughout: the browser drops a session cookie that expired by its own clock.
    ({ app, url } = await startTestApp(storage, { clock: systemClock }));
    await app.access.createUser({ ...AGENT, role: "agent" }, "test");
    await app.access.createUser({ ...SUPERVISOR, role: "supervisor" }, "test");
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await storage?.close();
  });

  test("a customer on the chat widget verifies and asks for a person", async () => {
    customer = await browser.newPage({ locale: "en-US", viewport: { width: 420, height: 760 } });
    await customer.goto(`${url}/chat?locale=en-US`);
    await customer.locator(".msg.agent").first().waitFor();
    await say(customer, "where is my order");
    await say(customer, CUSTOMER_EMAIL);
    assert.match(await say(customer, "can I talk to a real person please"), /colleague/);
    conversationId = await customer.evaluate<string>(`sessionStorage.getItem("switchboard.conversation")`);
    assert.ok(conversationId);
  });

  test("an agent signs in to /desk, sets available, and sees it in the queue with its packet", async () => {
    desk = await browser.newPage({ locale: "en-US", viewport: { width: 1366, height: 900 } });
    desk.on("pageerror", (error) => pageErrors.push(error.message));
    desk.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    await signIn(desk, url, "/desk", AGENT);
    await desk.getByRole("heading", { level: 1, name: "Queue" }).waitFor();
    await desk.getByText("Live", { exact: true }).waitFor();
    const row = desk.locator(`tr[data-conversation="${conversationId}"]`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /Asked for a person/);
    assert.match((await row.textContent()) ?? "", /chat/);

    // Available: the router offers it to this agent, and the queue says so live.
    await desk.getByLabel("My status").selectOption("available");
    await row.getByText("Offered to you").waitFor();
    await desk.screenshot({ path: `${SHOTS}/desk-queue.png` });

    await desk.getByRole("link", { name: `Open conversation ${conversationId}` }).click();
    await desk.getByRole("heading", { level: 2, name: `Conversation ${conversationId}` }).waitFor();
    const packet = (await (
      await fetch(`${url}/api/v1/desk/conversations/${conversationId}`, { headers: admin })
    ).json()) as {
      packet: {
        customer: { name: string; verifiedBy: string };
        orders: Array<{ id: string }>;
        tried: Array<{ skill: string }>;
      };
    };
    const customerField = desk.locator('[data-field="customer"]');
    await customerField.waitFor();
    assert.match((await customerField.textContent()) ?? "", new RegExp(packet.packet.customer.name));
    assert.match(
      (await customerField.textContent()) ?? "",
      new RegExp(`verified by ${packet.packet.customer.verifiedBy}`),
    );
    assert.match(packet.packet.customer.verifiedBy, /email/);
    const firstOrder = packet.packet.orders[0]?.id as string;
    assert.ok(firstOrder, "the packet names the customer's orders");
    assert.match((await desk.locator('[data-field="orders"]').textContent()) ?? "", new RegExp(firstOrder));
    assert.ok(packet.packet.tried.length > 0, "the agent tried something");
    assert.match(
      (await desk.locator('[data-field="tried"]').textContent()) ?? "",
      new RegExp(packet.packet.tried[0]?.skill as string),
    );
    assert.match((await desk.locator('[data-field="sentiment"]').textContent()) ?? "", /last .+average/);
    // The order as the store has it now.
    await desk.locator(`[data-order="${firstOrder}"]`).waitFor();
    // The transcript so far.
    await desk.locator(".transcript .customer", { hasText: "can I talk to a real person" }).waitFor();
  });

  test("the agent takes it and replies with Enter; the customer's page shows the reply", async () => {
    await desk.getByRole("button", { name: "Take conversation" }).click();
    await desk.getByText("You have this conversation.").waitFor();
    await desk.getByLabel("Reply to the customer").fill(REPLY);
    await desk.getByLabel("Reply to the customer").press("Enter");
    await desk.locator(".transcript .human", { hasText: REPLY }).waitFor();
    assert.equal(await desk.getByLabel("Reply to the customer").inputValue(), "");
    await customer.locator(".msg.human", { hasText: REPLY }).waitFor();
    await customer.screenshot({ path: `${SHOTS}/customer-chat.png` });
  });

  test("the customer's next message reaches the open desk live", async () => {
    await customer.locator("#text").fill(FOLLOW_UP);
    await customer.keyboard.press("Enter");
    await desk.locator(".transcript .customer", { hasText: FOLLOW_UP }).waitFor();
    await desk.getByLabel("Add note").fill("Customer means the lamp order; check the carrier.");
    await desk.getByRole("button", { name: "Add note" }).click();
    await desk.locator(".notes", { hasText: "check the carrier" }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/desk-conversation.png`, fullPage: true });
  });

  test("the agent closes it with the wrap-up code resolved", async () => {
    await desk.getByLabel("Wrap-up").selectOption("resolved");
    await desk.getByRole("button", { name: "Close conversation" }).click();
    await desk.getByText("Closed: Resolved").waitFor();
    const res = await fetch(`${url}/api/v1/desk/conversations/${conversationId}`, { headers: admin });
    const closed = (await res.json()) as { handoff: { status: string; wrapUp: string } };
    assert.equal(closed.handoff.status, "closed");
    assert.equal(closed.handoff.wrapUp, "resolved");
    // Gone from the open queue.
    await desk.locator(`tr[data-conversation="${conversationId}"]`).waitFor({ state: "detached" });
    assert.deepEqual(pageErrors, []);
  });

  test("a supervisor sees it counted on /desk/floor", async () => {
    const floor = await browser.newPage({ locale: "en-US", viewport: { width: 1366, height: 900 } });
    floor.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(floor, url, "/desk/floor", SUPERVISOR);
    await floor.getByRole("heading", { level: 1, name: "Floor" }).waitFor();
    await floor.locator('[data-metric="closed"] .value', { hasText: /^1$/ }).waitFor();
    await floor.locator('tr[data-key="resolved"]', { hasText: "1" }).waitFor();
    await floor.locator('tr[data-key="customer_request"]', { hasText: "1" }).waitFor();
    await floor.getByRole("img", { name: "Bar chart of today's escalations by reason" }).waitFor();
    // The agent on the floor with no load now.
    await floor.getByRole("row", { name: /sam\.agent/ }).waitFor();
    await floor.screenshot({ path: `${SHOTS}/floor.png`, fullPage: true });
    assert.deepEqual(pageErrors, []);
    await floor.close();
  });
});
