import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import type { App } from "../src/app.ts";
import type { Storage } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";

async function post(url: string, body: unknown, raw = false, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

for (const database of await testDatabases()) {
  describe(`chat API on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let app: App;
    let url: string;

    before(async () => {
      storage = await database.open();
      ({ app, url } = await startTestApp(storage));
    });
    after(async () => {
      await app.close();
      await storage.close();
    });

    test("a conversation: greeting, verification, order status, and the log behind it", async () => {
      const started = await post(`${url}/api/v1/conversations`, { channel: "chat", locale: "en-US" });
      assert.equal(started.status, 201);
      const id = started.body.id as string;
      assert.match(id, /^c_/);
      assert.deepEqual(Object.keys((started.body.messages as object[])[0] ?? {}), ["role", "text"]);
      const first = await post(`${url}/api/v1/conversations/${id}/messages`, {
        text: "where is my order #W8770097?",
      });
      assert.equal(first.status, 200);
      assert.equal(first.body.ended, false);
      assert.equal(first.body.handoff, null);
      const second = await post(`${url}/api/v1/conversations/${id}/messages`, {
        text: "ivan.santos3158@example.com",
      });
      const text = (second.body.messages as Array<{ text: string }>).map((m) => m.text).join(" ");
      assert.match(text, /#W8770097/);
      const log = (await (await fetch(`${url}/api/v1/conversations/${id}`)).json()) as {
        customerId: string;
        events: Array<{ event: { type: string } }>;
      };
      assert.equal(log.customerId, "ivan_santos_6635");
      const types = log.events.map((e) => e.event.type);
      for (const type of [
        "conversation_started",
        "customer_message",
        "interpretation",
        "identity_verified",
        "agent_message",
      ])
        assert.ok(types.includes(type), type);
    });

    test("asking for a person returns the escalation packet", async () => {
      const { body } = await post(`${url}/api/v1/conversations`, {});
      const reply = await post(`${url}/api/v1/conversations/${body.id}/messages`, {
        text: "I want to speak to a human",
      });
      const packet = reply.body.handoff as {
        reason: string;
        conversationId: string;
        suggestedNextStep: string;
      };
      assert.equal(packet.reason, "customer_request");
      assert.equal(packet.conversationId, body.id);
      assert.ok(packet.suggestedNextStep.length > 10);
    });

    test("bad requests get clear errors and change nothing", async () => {
      assert.equal((await post(`${url}/api/v1/conversations/c_nope/messages`, { text: "hi" })).status, 404);
      const { body } = await post(`${url}/api/v1/conversations`, {});
      const id = body.id as string;
      const empty = await post(`${url}/api/v1/conversations/${id}/messages`, { text: "   " });
      assert.equal(empty.status, 400);
      assert.match(String((empty.body.error as { message: string }).message), /empty/);
      const huge = await post(`${url}/api/v1/conversations/${id}/messages`, { text: "x".repeat(5000) });
      assert.equal(huge.status, 400);
      const badJson = await post(`${url}/api/v1/conversations/${id}/messages`, "{not json", true);
      assert.equal(badJson.status, 400);
      const badLocale = await post(`${url}/api/v1/conversations`, { locale: "not a locale!!" });
      assert.equal(badLocale.status, 400);
      const log = (await (await fetch(`${url}/api/v1/conversations/${id}`)).json()) as { eventCount: number };
      assert.equal(log.eventCount, 2, "only the start and the greeting");
    });

    test("the conversation list needs the admin token and is newest first", async () => {
      assert.equal((await fetch(`${url}/api/v1/conversations?channel=chat`)).status, 401);
      const res = await fetch(`${url}/api/v1/conversations?channel=chat&limit=2`, { headers: admin });
      assert.equal(res.status, 200);
      const { conversations } = (await res.json()) as {
        conversations: Array<{ createdAt: string; channel: string }>;
      };
      assert.equal(conversations.length, 2);
      assert.ok((conversations[0]?.createdAt ?? "") >= (conversations[1]?.createdAt ?? ""));
    });

    test("the chat works over a WebSocket, and bad frames are answered, not dropped", async () => {
      const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/chat/ws`);
      const frames: Array<Record<string, unknown>> = [];
      const next = () =>
        new Promise<Record<string, unknown>>((resolve) =>
          ws.once("message", (data) => resolve(JSON.parse(String(data)))),
        );
      await new Promise((resolve) => ws.once("open", resolve));
      ws.send("not json");
      frames.push(await next());
      ws.send(JSON.stringify({ type: "message", text: "hello" }));
      frames.push(await next());
      ws.send(JSON.stringify({ type: "start", locale: "de-DE" }));
      frames.push(await next());
      ws.send(JSON.stringify({ type: "message", text: "Ich möchte mit einem Mitarbeiter sprechen" }));
      frames.push(await next());
      ws.close();
      assert.equal(frames[0]?.type, "error");
      assert.match(String(frames[1]?.message), /Start or resume/);
      assert.equal(frames[2]?.type, "messages");
      const greeting = frames[2]?.messages as Array<{ text: string }> | undefined;
      assert.match(String(greeting?.[0]?.text), /Hallo/);
      const packet = frames[3]?.handoff as { reason: string } | undefined;
      assert.equal(packet?.reason, "customer_request");
    });

    test("a call opens with the recording notice in the caller's language; a chat does not", async () => {
      const call = await post(`${url}/api/v1/conversations`, { channel: "voice", locale: "de-DE" });
      const said = call.body.messages as Array<{ text: string }>;
      assert.match(said[0]?.text ?? "", /aufgezeichnet und transkribiert/);
      assert.match(said[1]?.text ?? "", /Switchboard Demo Store/);
      const chat = await post(`${url}/api/v1/conversations`, { channel: "chat", locale: "de-DE" });
      assert.doesNotMatch(JSON.stringify(chat.body.messages), /aufgezeichnet/);
    });

    test("the chat page and the embed script are served", async () => {
      const page = await fetch(`${url}/chat`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /text\/html/);
      assert.match(await page.text(), /Switchboard Demo Store/);
      // The page runs only its own inline script and may be framed by shops; nothing else loads.
      const csp = page.headers.get("content-security-policy") ?? "";
      assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+'/);
      assert.match(csp, /frame-ancestors \*/);
      assert.match(csp, /default-src 'none'/);
      const widget = await fetch(`${url}/chat/widget.js`);
      assert.match(await widget.text(), /iframe/);
      assert.equal(widget.headers.get("cross-origin-resource-policy"), "cross-origin");
    });

    test("the NLU endpoint returns language, intent, entities and sentiment", async () => {
      const { status, body } = await post(
        `${url}/api/v1/nlu/parse`,
        { text: "Wo ist meine Bestellung W 237 8156?" },
        false,
        admin,
      );
      assert.equal(status, 200);
      assert.equal(body.language, "de");
      assert.equal(body.intent, "order_status");
      assert.deepEqual(
        (body.entities as Array<{ type: string; value: unknown }>).find((e) => e.type === "order_id")?.value,
        "#W2378156",
      );
      assert.equal((await post(`${url}/api/v1/nlu/parse`, { text: "" }, false, admin)).status, 400);
      assert.equal((await post(`${url}/api/v1/nlu/parse`, { text: "hi" })).status, 401);
    });
  });
}
