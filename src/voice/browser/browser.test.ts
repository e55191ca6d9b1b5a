import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { after, before, describe, test } from "node:test";
import websocket from "@fastify/websocket";
import Fastify, { type FastifyInstance } from "fastify";
import WebSocket from "ws";
import { silentLogger } from "../../platform/index.ts";
import type { CallInfo, VoiceTransport } from "../session/transport.ts";
import { type BrowserSession, type BrowserSessions, browserVoice, type TranscriptLine } from "./index.ts";

/** A stand-in for a voice session: keeps what it hears; the test speaks through its transport. */
class StubSession extends EventEmitter<{ transcript: [TranscriptLine] }> implements BrowserSession {
  readonly heard: Int16Array[] = [];
  readonly digits: string[] = [];
  readonly closed: string[] = [];

  constructor(
    readonly conversationId: string,
    readonly caller: CallInfo,
    readonly transport: VoiceTransport,
  ) {
    super();
  }

  audio(frame: Int16Array): void {
    this.heard.push(frame);
  }

  dtmf(digit: string): void {
    this.digits.push(digit);
  }

  close(reason: string): void {
    this.closed.push(reason);
  }
}

/** VoiceSessions' part the route uses: `opened` before the greeting, `open` once it is under way. */
class StubSessions extends EventEmitter<{ opened: [BrowserSession] }> implements BrowserSessions {
  readonly calls: StubSession[] = [];
  failNextOpen = false;
  openDelayMs = 0;

  async open(transport: VoiceTransport, info: CallInfo): Promise<StubSession> {
    if (this.failNextOpen) {
      this.failNextOpen = false;
      throw new Error("no speech today");
    }
    const session = new StubSession(`c_${this.calls.length + 1}`, info, transport);
    this.calls.push(session);
    this.emit("opened", session);
    session.emit("transcript", { role: "agent", text: "Hello, how can I help?" });
    await new Promise((resolve) => setTimeout(resolve, this.openDelayMs));
    return session;
  }
}

type Frame = { type: string; [key: string]: unknown };

/** A client of /voice/ws that keeps every frame it receives. */
class Client {
  readonly json: Frame[] = [];
  readonly audio: Buffer[] = [];
  readonly closed: Promise<number>;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on("message", (raw: Buffer, isBinary: boolean) => {
      if (isBinary) this.audio.push(raw);
      else this.json.push(JSON.parse(raw.toString("utf8")));
      for (const w of this.waiters) w();
    });
    this.closed = new Promise((resolve) => socket.on("close", (code) => resolve(code)));
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
    const client = new Client(new WebSocket(url, { headers }));
    await new Promise((resolve, reject) => {
      client.socket.once("open", resolve);
      client.socket.once("error", reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The nth frame (from 0) of a type, once it has arrived. */
  async next(type: string, nth = 0): Promise<Frame> {
    for (const deadline = Date.now() + 5_000; ; ) {
      const found = this.json.filter((f) => f.type === type)[nth];
      if (found) return found;
      assert.ok(Date.now() < deadline, `timed out waiting for a ${type} frame`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
      this.waiters = [];
    }
  }
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, "timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the browser voice socket (GET /voice/ws)", () => {
  let app: FastifyInstance;
  let url: string;
  const sessions = new StubSessions();
  const last = () => sessions.calls.at(-1) as StubSession;

  before(async () => {
    app = Fastify();
    await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
    await app.register(browserVoice, { logger: silentLogger, startsPerMinute: 7, sessions });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    url = `${address.replace(/^http/, "ws")}/voice/ws`;
  });
  after(() => app.close());

  test("a call: audio of any chunk size in 20 ms frames, keys, the agent's voice, clear, transcript, stop", async () => {
    const client = await Client.connect(url);
    client.send({ type: "start", locale: "en-US" });
    const started = await client.next("started");
    const call = last();
    assert.equal(started.conversationId, call.conversationId);
    assert.equal(call.transport.kind, "browser");
    assert.equal(call.transport.sampleRate, 16_000);
    assert.equal(call.caller.locale, "en-US");
    assert.match(call.caller.callId ?? "", /^browser-/);
    // The greeting's line, said as the session opened, is on the page too.
    assert.deepEqual(await client.next("transcript"), {
      type: "transcript",
      role: "agent",
      text: "Hello, how can I help?",
    });

    // 1,000 samples of a ramp in chunks of 7, 333 and 660 samples: three whole frames and 40 left over.
    const ramp = Int16Array.from({ length: 1000 }, (_, i) => i * 31 - 15_000);
    for (const [from, to] of [
      [0, 7],
      [7, 340],
      [340, 1000],
    ])
      client.socket.send(Buffer.from(ramp.slice(from, to).buffer));
    await until(() => call.heard.length === 3);
    assert.ok(call.heard.every((f) => f.length === 320));
    assert.deepEqual(Array.from(call.heard.flatMap((f) => Array.from(f))), Array.from(ramp.slice(0, 960)));

    client.send({ type: "dtmf", digit: "5" });
    client.send({ type: "dtmf", digit: "#" });
    await until(() => call.digits.length === 2);
    assert.deepEqual(call.digits, ["5", "#"]);

    const tone = Int16Array.from({ length: 320 }, (_, i) => Math.round(8000 * Math.sin(i / 3)));
    call.transport.play(tone);
    call.transport.clear();
    call.emit("transcript", { role: "caller", text: "where is my order" });
    await client.next("clear");
    await until(() => client.audio.length === 1);
    const heard = client.audio[0] as Buffer;
    assert.equal(heard.length, 640);
    assert.equal(heard.readInt16LE(2), tone[1]);
    assert.deepEqual(await client.next("transcript", 1), {
      type: "transcript",
      role: "caller",
      text: "where is my order",
    });

    client.send({ type: "stop" });
    assert.deepEqual(await client.next("ended"), { type: "ended", reason: "caller hung up" });
    assert.equal(await client.closed, 1000);
    assert.deepEqual(call.closed, ["caller hung up"]);
    assert.equal(call.listenerCount("transcript"), 0, "the transcript is no longer followed");
    assert.equal(sessions.listenerCount("opened"), 0);
  });

  test("bad and oversize frames are refused one by one; the call goes on", async () => {
    const client = await Client.connect(url);
    // Before a call: audio is ignored, keys are refused.
    client.socket.send(Buffer.alloc(640));
    client.send({ type: "dtmf", digit: "1" });
    await client.next("error");
    client.send({ type: "start" });
    await client.next("started");
    const call = last();
    client.socket.send("not json {");
    client.send({ type: "dial", number: "911" });
    client.send({ type: "dtmf", digit: "99" });
    client.send({ type: "start", locale: "not a locale at all" });
    client.send({ type: "start" });
    client.socket.send(JSON.stringify({ type: "stop", pad: "x".repeat(600) }));
    client.socket.send(Buffer.alloc(641));
    client.socket.send(Buffer.alloc(40_000));
    await client.next("error", 7);
    assert.deepEqual(
      client.json.filter((f) => f.type === "error").map((f) => f.code),
      [...Array(6).fill("bad_request"), "too_large", "too_large"],
    );
    client.send({ type: "dtmf", digit: "7" });
    client.socket.send(Buffer.alloc(640));
    await until(() => call.digits.length === 1 && call.heard.length === 1);
    assert.deepEqual(call.digits, ["7"]);
    assert.equal(client.socket.readyState, WebSocket.OPEN);
    client.socket.close();
    await client.closed;
    await until(() => call.closed.length === 1);
  });

  test("a frame past the socket's limit closes it (1009), and the session hears the call ended", async () => {
    const client = await Client.connect(url);
    client.send({ type: "start" });
    await client.next("started");
    const call = last();
    client.socket.send(Buffer.alloc(70_000));
    assert.equal(await client.closed, 1009);
    await until(() => call.closed.length === 1);
  });

  test("audio faster than real time is dropped past a two-second burst", async () => {
    const client = await Client.connect(url);
    client.send({ type: "start" });
    await client.next("started");
    const call = last();
    // Ten seconds sent at once: about two get through.
    for (let i = 0; i < 20; i++) client.socket.send(Buffer.alloc(16_000));
    client.send({ type: "dtmf", digit: "1" });
    await until(() => call.digits.length === 1);
    assert.ok(call.heard.length >= 100 && call.heard.length <= 110, `${call.heard.length} frames`);
    client.socket.close();
    await client.closed;
  });

  test("the session hangs up: the page is told and the socket closes; the session is not told back", async () => {
    const client = await Client.connect(url);
    client.send({ type: "start" });
    await client.next("started");
    const call = last();
    call.transport.hangup();
    assert.deepEqual(await client.next("ended"), { type: "ended", reason: "agent ended the call" });
    assert.equal(await client.closed, 1000);
    assert.deepEqual(call.closed, []);
  });

  test("audio sent while the session opens reaches it once open, in order", async () => {
    sessions.openDelayMs = 300;
    const client = await Client.connect(url);
    client.send({ type: "start" });
    for (let i = 1; i <= 5; i++) client.socket.send(Buffer.from(new Int16Array(320).fill(i).buffer));
    await client.next("started");
    sessions.openDelayMs = 0;
    const call = last();
    await until(() => call.heard.length === 5);
    assert.deepEqual(
      call.heard.map((f) => f[0]),
      [1, 2, 3, 4, 5],
    );
    client.socket.close();
    await client.closed;
  });

  test("a session that fails to open is an error frame and an ended call, not a dropped socket", async () => {
    sessions.failNextOpen = true;
    const client = await Client.connect(url);
    client.send({ type: "start" });
    assert.equal((await client.next("error")).code, "unavailable");
    await client.next("ended");
    assert.equal(await client.closed, 1000);
  });

  test("another site's page may not open it", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { origin: "https://evil.example" } });
      socket.on("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.on("open", () => reject(new Error("opened")));
      socket.on("error", () => undefined);
    });
    assert.equal(status, 403);
    const ours = await Client.connect(url, { origin: url.replace(/^ws/, "http").replace("/voice/ws", "") });
    ours.socket.close();
  });

  test("new calls per address are limited like the chat's starts", async () => {
    // Seven a minute: this file's earlier calls used them up.
    const client = await Client.connect(url);
    client.send({ type: "start" });
    const refused = await client.next("error");
    assert.equal(refused.code, "rate_limited");
    assert.match(refused.message as string, /at most 7 a minute/);
    assert.equal(client.socket.readyState, WebSocket.OPEN);
    client.socket.close();
  });
});
