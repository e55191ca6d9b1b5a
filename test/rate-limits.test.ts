import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import type { App } from "../src/app.ts";
import type { Storage } from "../src/platform/index.ts";
import { startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";

const [sqlite] = await testDatabases();

describe("rate limits on public endpoints", () => {
  let storage: Storage;
  let app: App;
  let url: string;

  before(async () => {
    storage = await (sqlite as { open(): Promise<Storage> }).open();
    ({ app, url } = await startTestApp(storage, {
      config: { chatStartsPerMinute: 3, chatMessagesPerMinute: 3, signInsPerMinute: 2 },
    }));
  });
  after(async () => {
    await app.close();
    await storage.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  test("starting conversations is limited per client address, with a clear 429", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post("/api/v1/conversations", {})).status);
    const refused = await post("/api/v1/conversations", {});
    assert.deepEqual(statuses, [201, 201, 201]);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "rate_limited");
    assert.match(body.error.message, /at most 3/);
  });

  test("starting conversations over the WebSocket is limited per address too", async () => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/chat/ws`);
    await new Promise((resolve) => ws.once("open", resolve));
    const next = () =>
      new Promise<Record<string, unknown>>((resolve) =>
        ws.once("message", (d) => resolve(JSON.parse(String(d)))),
      );
    const types: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      ws.send(JSON.stringify({ type: "start" }));
      const frame = await next();
      types.push(frame.type === "error" ? frame.code : frame.type);
    }
    ws.close();
    // Its own window: three starts, then refused; the socket stays open for the refusal.
    assert.deepEqual(types, ["messages", "messages", "messages", "rate_limited"]);
  });

  test("messages are limited per conversation across HTTP and WebSocket; other conversations go on", async () => {
    const { id } = await app.conversations.start({ channel: "chat" });
    const { id: other } = await app.conversations.start({ channel: "chat" });
    for (let i = 0; i < 2; i++)
      assert.equal((await post(`/api/v1/conversations/${id}/messages`, { text: "hi" })).status, 200);
    const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/chat/ws`);
    await new Promise((resolve) => ws.once("open", resolve));
    const next = () =>
      new Promise<Record<string, unknown>>((resolve) =>
        ws.once("message", (d) => resolve(JSON.parse(String(d)))),
      );
    ws.send(JSON.stringify({ type: "resume", conversationId: id }));
    assert.equal((await next()).type, "resumed");
    ws.send(JSON.stringify({ type: "message", text: "third" }));
    assert.equal((await next()).type, "messages");
    ws.send(JSON.stringify({ type: "message", text: "fourth" }));
    const refused = await next();
    ws.close();
    assert.equal(refused.type, "error");
    assert.equal(refused.code, "rate_limited");
    const overHttp = await post(`/api/v1/conversations/${id}/messages`, { text: "fifth" });
    assert.equal(overHttp.status, 429);
    assert.equal((await post(`/api/v1/conversations/${other}/messages`, { text: "hi" })).status, 200);
    // Refused messages are not half-handled: the log holds exactly the three accepted ones.
    const events = (await app.conversations.get(id))?.events ?? [];
    assert.equal(events.filter((e) => e.event.type === "customer_message").length, 3);
  });

  test("sign-in attempts are limited per client address", async () => {
    const body = { username: "nobody", password: "wrong password" };
    assert.equal((await post("/api/v1/auth/sign-in", body)).status, 401);
    assert.equal((await post("/api/v1/auth/sign-in", body)).status, 401);
    assert.equal((await post("/api/v1/auth/sign-in", body)).status, 429);
  });
});
