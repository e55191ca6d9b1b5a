import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import type { EscalationPacket } from "../src/agent/dialogue/packet.ts";
import type { App } from "../src/app.ts";
import { boostOf, priorityAt } from "../src/handoff/index.ts";
import { fixedClock, type Storage } from "../src/platform/index.ts";
import { startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";
import { ANCHOR } from "./support/store.ts";

const packet = (over: Partial<EscalationPacket>): EscalationPacket => ({
  conversationId: "c_x",
  reason: "customer_request",
  language: "en",
  channel: "chat",
  customer: null,
  orders: [],
  tried: [],
  decisions: [],
  sentiment: { last: 0, average: 0, trend: 0 },
  suggestedNextStep: "",
  ...over,
});

test("priority: an upset gold customer with a valuable order starts ahead, and waiting adds a point a minute", () => {
  const routine = boostOf(packet({}));
  const urgent = boostOf(
    packet({
      sentiment: { last: -0.8, average: -0.5, trend: -0.2 },
      customer: { id: "u", name: "U", verifiedBy: "email", tier: "gold" },
      orders: [{ id: "#W1", status: "delivered", placedAt: "", items: [], tracking: [], valueMinor: 95_000 }],
    }),
  );
  assert.equal(routine, 0);
  assert.equal(urgent, 10 + 10 + 9);
  const now = new Date("2026-11-26T12:30:00Z");
  assert.equal(priorityAt({ boost: 0, enqueued_at: "2026-11-26T12:00:00Z" }, now), 30);
  // Half an hour of waiting outranks a fresh urgent one: nobody waits forever.
  assert.ok(priorityAt({ boost: 0, enqueued_at: "2026-11-26T12:00:00Z" }, now) > urgent);
});

for (const database of await testDatabases()) {
  describe(`handoff to the desk on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    const clock = fixedClock(ANCHOR);
    let app: App;
    let url: string;
    const tokens: Record<string, string> = {};

    const start = async () => {
      // The same master key across the restart, as a deployment has: the sealed conversations stay readable.
      const started = await startTestApp(storage, {
        clock,
        config: { deskOfferTimeoutSeconds: 30, masterKey: Buffer.alloc(32, 7).toString("base64") },
      });
      app = started.app;
      url = started.url;
    };
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const chat = async (id: string, text: string) =>
      (await call("POST", `/api/v1/conversations/${id}/messages`, undefined, { text })).json as {
        messages: Array<{ text: string }>;
      };

    before(async () => {
      storage = await database.open();
      await start();
      for (const role of ["agent", "supervisor"] as const)
        tokens[role] = (await app.access.createToken({ name: role, role }, "test")).token;
      tokens.second = (await app.access.createToken({ name: "second agent", role: "agent" }, "test")).token;
    });
    after(async () => {
      await app.close();
      await storage.close();
    });

    let conversationId = "";

    test("nobody on shift: the customer hears so, is offered a callback, and the conversation waits in the queue", async () => {
      const opened = (
        await call("POST", "/api/v1/conversations", undefined, { channel: "chat", locale: "en-US" })
      ).json as { id: string };
      conversationId = opened.id;
      await chat(conversationId, "where is my order");
      await chat(conversationId, "amelia.patel6926@example.com");
      const handed = await chat(conversationId, "can I talk to a real person please");
      const said = handed.messages.map((m) => m.text).join(" ");
      assert.match(said, /passing you to a colleague/);
      assert.match(said, /No colleague is available at the moment/);
      assert.match(said, /call you back/);
      const queue = (await call("GET", "/api/v1/desk/queue", tokens.agent)).json as {
        handoffs: Array<{ conversationId: string; status: string; reason: string; queue: string }>;
      };
      const mine = queue.handoffs.find((h) => h.conversationId === conversationId);
      assert.equal(mine?.status, "waiting");
      assert.equal(mine?.reason, "customer_request");
      assert.equal(mine?.queue, "orders:en");
      // The customer takes the callback.
      const noted = await chat(conversationId, "yes please");
      assert.match(
        noted.messages.map((m) => m.text).join(" "),
        /call you back on the number on your account/,
      );
    });

    test("the queue survives a restart of the platform", async () => {
      await app.close();
      await start();
      const queue = (await call("GET", "/api/v1/desk/queue", tokens.agent)).json as {
        handoffs: Array<{ conversationId: string; status: string; callbackRequested: boolean }>;
      };
      const mine = queue.handoffs.find((h) => h.conversationId === conversationId);
      assert.equal(mine?.status, "waiting");
      assert.equal(mine?.callbackRequested, true);
    });

    test("routing respects language; an offer not taken in time goes back in line with its reason", async () => {
      // Someone who only takes German conversations is never offered this English one.
      await call("PUT", "/api/v1/desk/presence", tokens.second, { presence: "available", languages: ["de"] });
      let queue = (await call("GET", "/api/v1/desk/queue", tokens.agent)).json as {
        handoffs: Array<{
          conversationId: string;
          status: string;
          offeredTo: string | null;
          attempts: number;
          lastFailure: string | null;
        }>;
      };
      assert.equal(queue.handoffs.find((h) => h.conversationId === conversationId)?.status, "waiting");
      await call("PUT", "/api/v1/desk/presence", tokens.second, {
        presence: "available",
        languages: ["en", "de"],
      });
      queue = (await call("GET", "/api/v1/desk/queue", tokens.agent)).json as typeof queue;
      const offered = queue.handoffs.find((h) => h.conversationId === conversationId);
      assert.equal(offered?.status, "offered");
      assert.match(offered?.offeredTo ?? "", /^token:/);
      clock.advance(31_000);
      await app.desk.router.route();
      queue = (await call("GET", "/api/v1/desk/queue", tokens.agent)).json as typeof queue;
      const back = queue.handoffs.find((h) => h.conversationId === conversationId);
      assert.equal(back?.attempts, 1);
      assert.equal(back?.lastFailure, "offer_timeout");
      // The person who missed it was set away, so the next pass did not offer it to them again.
      const agents = (await call("GET", "/api/v1/desk/queue", tokens.agent)).json.agents as Array<{
        presence: string;
      }>;
      assert.ok(agents.some((a) => a.presence === "away"));
    });

    test("a person takes it, sees the packet, replies on the customer's channel, notes, and closes with a wrap-up", async () => {
      const socket = new WebSocket(`${url.replace("http", "ws")}/api/v1/chat/ws`);
      const frames: Array<{ type: string; text?: string }> = [];
      socket.on("message", (raw) => frames.push(JSON.parse(String(raw))));
      await new Promise((resolve) => socket.once("open", resolve));
      socket.send(JSON.stringify({ type: "resume", conversationId }));
      await waitFor(
        () => frames.some((f) => f.type === "resumed"),
        "the resumed frame",
        5000,
        () => JSON.stringify(frames),
      );

      assert.equal(
        (await call("PUT", "/api/v1/desk/presence", tokens.agent, { presence: "available" })).status,
        200,
      );
      const taken = await call("POST", `/api/v1/desk/conversations/${conversationId}/take`, tokens.agent);
      assert.equal(taken.status, 200, JSON.stringify(taken.json));
      // Someone else cannot reply to it.
      assert.equal(
        (
          await call("POST", `/api/v1/desk/conversations/${conversationId}/reply`, tokens.second, {
            text: "hi",
          })
        ).status,
        409,
      );
      const view = (await call("GET", `/api/v1/desk/conversations/${conversationId}`, tokens.agent)).json as {
        packet: EscalationPacket;
        messages: Array<{ role: string; text: string }>;
        handoff: { status: string };
      };
      assert.equal(view.handoff.status, "assigned");
      assert.equal(view.packet.customer?.verifiedBy, "email");
      assert.ok(view.packet.orders.length > 0);
      assert.ok(view.messages.some((m) => m.role === "customer" && m.text === "where is my order"));

      const reply = "Hi Amelia, I'm Sam from the store. I can see your order; let me check with the carrier.";
      assert.equal(
        (
          await call("POST", `/api/v1/desk/conversations/${conversationId}/reply`, tokens.agent, {
            text: reply,
          })
        ).status,
        200,
      );
      await waitFor(
        () => frames.some((f) => f.type === "human" && f.text === reply),
        `the reply on the socket (frames: ${JSON.stringify(frames)})`,
      );
      assert.equal(
        (
          await call("POST", `/api/v1/desk/conversations/${conversationId}/notes`, tokens.agent, {
            text: "carrier ticket 123",
          })
        ).status,
        200,
      );
      // What the customer writes now goes to the person, not to the agent.
      const answer = await chat(conversationId, "thanks, I'll wait");
      assert.deepEqual(answer.messages, []);
      const after = (await call("GET", `/api/v1/desk/conversations/${conversationId}`, tokens.agent))
        .json as {
        messages: Array<{ role: string; text: string }>;
        notes: Array<{ text: string }>;
      };
      assert.ok(after.messages.some((m) => m.role === "human" && m.text === reply));
      assert.ok(after.messages.some((m) => m.role === "customer" && m.text === "thanks, I'll wait"));
      assert.deepEqual(
        after.notes.map((n) => n.text),
        ["carrier ticket 123"],
      );
      assert.equal(
        (
          await call("POST", `/api/v1/desk/conversations/${conversationId}/close`, tokens.agent, {
            wrapUp: "nonsense",
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await call("POST", `/api/v1/desk/conversations/${conversationId}/close`, tokens.agent, {
            wrapUp: "resolved",
          })
        ).status,
        200,
      );
      const record = await app.conversations.get(conversationId);
      assert.equal(record?.conversation.status, "ended");
      socket.close();

      // The supervisor's floor counts it; an agent may not see the floor.
      assert.equal((await call("GET", "/api/v1/desk/floor", tokens.agent)).status, 403);
      const floor = (await call("GET", "/api/v1/desk/floor", tokens.supervisor)).json as {
        today: {
          escalations: number;
          closed: number;
          closedByWrapUp: Record<string, number>;
          callbacks: number;
        };
      };
      assert.equal(floor.today.escalations, 1);
      assert.equal(floor.today.closed, 1);
      assert.equal(floor.today.closedByWrapUp.resolved, 1);
      assert.equal(floor.today.callbacks, 1);
    });
  });
}

async function waitFor(check: () => boolean, what: string, ms = 5000, seen?: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${seen ? `: ${seen()}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
