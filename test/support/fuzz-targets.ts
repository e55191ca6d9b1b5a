import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import vm from "node:vm";
import fc from "fast-check";
import WebSocket from "ws";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { AgentDefinitionSchema, loadAgent } from "../../src/agent/index.ts";
import { findSpokenDigits } from "../../src/agent/understanding/entities/index.ts";
import type { App } from "../../src/app.ts";
import { CHANNELS } from "../../src/channels/chat/routes.ts";
import { type RedactionContext, redact } from "../../src/compliance/index.ts";
import { cardNumber, noise } from "../../src/compliance/redaction/test-helpers.ts";
import { cleanMessage, MAX_MESSAGE_CHARS } from "../../src/conversation/index.ts";
import {
  ConfigSchema,
  ENVIRONMENT_KEYS,
  isSwitchboardError,
  loadConfig,
  type Storage,
} from "../../src/platform/index.ts";
import { loadPolicyPack, PolicyEngine } from "../../src/policy/index.ts";
import { startTestApp } from "./app.ts";
import { testDatabases } from "./databases.ts";

/**
 * Property-based fuzz targets for every parser that faces the outside. test/fuzz.test.ts runs them with a
 * bounded number of cases in `npm test`; bench/fuzz.ts runs the same properties long. Each property says:
 * no crash, no hang (a per-case time limit), a clear error of the documented kind, and nothing lost.
 * A new outside parser (SIP, RTP, webhooks) is one more `...Properties(env)` list in `fuzzProperties`.
 */

export interface FuzzProperty {
  /** The parser facing the outside, e.g. "chat HTTP API". */
  surface: string;
  name: string;
  /** Cases relative to the base count: an HTTP round trip or an agent turn costs more than a parse. */
  weight: number;
  property: fc.IAsyncProperty<unknown[]>;
}

/** A case that runs longer than this is a hang, reported with its input like any other failure. */
export const HANG_MS = 5_000;

/** Cases per property in `npm test` unless FUZZ_RUNS says otherwise; the long run passes a large one. */
export function baseRuns(fallback: number): number {
  const configured = Number(process.env.FUZZ_RUNS);
  return Number.isFinite(configured) && configured > 0 ? configured : fallback;
}

export function runsFor(property: FuzzProperty, base: number): number {
  return Math.max(1, Math.round(base * property.weight));
}

/** Rejects when the promise overruns, so a hang fails the case instead of stalling the run. */
export async function within<T>(what: string, promise: Promise<T>, ms = HANG_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, overrun]);
  } finally {
    clearTimeout(timer);
  }
}

const sandbox = vm.createContext({});
/**
 * The same for synchronous parsers, which a timer cannot interrupt: V8 stops the call (vm's watchdog
 * terminates whatever runs, the function passed in included). Errors come through unchanged.
 */
export function bounded<T>(what: string, run: () => T, ms = HANG_MS): T {
  sandbox.run = run;
  try {
    return vm.runInContext("run()", sandbox, { timeout: ms }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT")
      throw new Error(`hang: ${what} did not finish within ${ms} ms`);
    throw error;
  } finally {
    sandbox.run = undefined;
  }
}

/** A thrown value, in full, for a failure message (the stack shows where a wrong error type came from). */
function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}

/** The parser may only fail with a SwitchboardError of these codes; anything else is a bug. */
function expectSwitchboardError(error: unknown, codes: readonly string[]): Error & { code: string } {
  if (!isSwitchboardError(error) || !codes.includes(error.code))
    assert.fail(`expected a SwitchboardError (${codes.join(" or ")}), got: ${describeError(error)}`);
  assert.ok(error.message.trim().length > 0, "the error has a message");
  return error;
}

/** What the properties share: the running platform, started once, and scratch directories. */
export class FuzzEnvironment {
  private chatServer: Promise<{ app: App; storage: Storage; url: string; liveId: string }> | undefined;
  private readonly dirs: string[] = [];

  /** The whole platform on an in-memory SQLite, limits raised so fuzzing is not answered with 429s. */
  chat(): Promise<{ url: string; liveId: string }> {
    this.chatServer ??= (async () => {
      const [sqlite] = await testDatabases();
      if (!sqlite) throw new Error("no SQLite test database");
      const storage = await sqlite.open();
      const { app, url } = await startTestApp(storage, {
        config: { chatStartsPerMinute: 100_000, chatMessagesPerMinute: 100_000 },
      });
      // One conversation that exists, so fuzzed messages also reach a real one and not only 404s.
      const started = await app.conversations.start({ channel: "chat" });
      return { app, storage, url, liveId: started.id };
    })();
    return this.chatServer;
  }

  tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), `sb-fuzz-${prefix}-`));
    this.dirs.push(dir);
    return dir;
  }

  async close(): Promise<void> {
    if (this.chatServer) {
      const { app, storage } = await this.chatServer;
      await app.close();
      await storage.close();
    }
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Shared generators

// Character units are built once: fast-check maps each built-in unit over all of Unicode when it is
// made, and making one per string arbitrary cost seconds at load.
const GRAPHEME = fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 });
const LATIN1 = fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 });
/** Any code point, now and then a lone surrogate half (JSON carries them; UTF-8 cannot). */
const ANY_CHAR = fc.oneof(
  { weight: 30, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff") },
);
const anyString = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: ANY_CHAR, maxLength }),
    fc.string({ unit: GRAPHEME, maxLength }),
    fc.string({ unit: LATIN1, maxLength }),
  );

/** Words the parsers know, so mutations hit real keys and names and not only noise. */
const TRICKY_WORDS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "",
  " ",
  "\u0000",
];

/** Nested arrays or objects `depth` deep, as JSON text. */
function nested(depth: number, kind: "array" | "object" | "text"): string {
  if (kind === "array") return `${"[".repeat(depth)}${"]".repeat(depth)}`;
  if (kind === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  return `${'{"text":'.repeat(depth)}"x"${"}".repeat(depth)}`;
}

/** A JSON value with the shape a route expects, its fields' values fuzzed, and stray fields. */
function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.constantFrom(...TRICKY_WORDS), fc.string()), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 2,
      }),
      fc.boolean(),
    )
    .map(([known, extra, withExtra]) => JSON.stringify(withExtra ? { ...extra, ...known } : known));
}

/** A request body: mostly the expected JSON shape, then any JSON, any text, raw bytes, deep and huge. */
function requestBody(expected: fc.Arbitrary<string>): fc.Arbitrary<string | Uint8Array | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: expected },
    { weight: 3, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? "null") },
    { weight: 3, arbitrary: anyString(300) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 1, max: 20_000 }),
          fc.constantFrom("array", "object", "text") as fc.Arbitrary<"array" | "object" | "text">,
        )
        .map(([depth, kind]) => nested(depth, kind)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 4_000, max: 100_000 }), fc.constantFrom("x", "é", "😀", "\u0000", " "))
        .map(([n, ch]) => JSON.stringify({ text: ch.repeat(Math.ceil(n / ch.length)) })),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Content types: mostly JSON, then what clients get wrong. Printable ASCII only: fetch refuses the rest. */
const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 10, arbitrary: fc.constant("application/json") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/json; charset=utf-16",
      "application/json;charset=latin1",
      "text/plain",
      "text/plain; charset=utf-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/octet-stream",
      "application/vnd.api+json",
      "application/problem+json",
      "*/*",
      "json",
      ";",
      "",
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,40}$/) },
  { weight: 2, arbitrary: fc.constant(undefined) },
);

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as any client would send it). */
function encodePath(segment: string): string {
  return [...Buffer.from(segment, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, "0")}`,
    )
    .join("");
}

const LIVE = Symbol("the live conversation");
/** A path id: the live conversation, any text encoded, or raw text that is not a clean path segment. */
const pathId: fc.Arbitrary<string | typeof LIVE> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(LIVE) },
  { weight: 4, arbitrary: anyString(80).map(encodePath) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "%",
      "%ZZ",
      "%C3%28",
      "%FF",
      "%00",
      "%2F",
      "..",
      ".",
      "%2e%2e",
      "a/b",
      "a?b=1",
      "a#b",
      ";",
      "",
      `c_${"A".repeat(62)}`,
      `c_${"A".repeat(63)}`,
    ),
  },
);

// ---------------------------------------------------------------------------------------------------
// Chat HTTP API (src/channels/chat/routes.ts)

/** Every status the chat API may answer with. A 5xx is always a bug. */
const CHAT_STATUSES = new Set([200, 201, 400, 404, 409, 410, 413, 415, 429]);

interface HttpRequest {
  method: "GET" | "POST";
  path: string;
  body?: string | Uint8Array | undefined;
  contentType?: string | undefined;
}

async function send(url: string, request: HttpRequest) {
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers["content-type"] = request.contentType;
  const res = await within(
    `${request.method} ${request.path}`,
    fetch(`${url}${request.path}`, { method: request.method, headers, body: request.body }).then(
      async (r) => ({ status: r.status, type: r.headers.get("content-type") ?? "", text: await r.text() }),
    ),
  );
  return res;
}

/** The status is one the API documents, the body is JSON, and an error says what was wrong. */
function checkAnswer(res: { status: number; type: string; text: string }): Record<string, unknown> {
  const context = `${res.status} ${res.text.slice(0, 300)}`;
  assert.ok(CHAT_STATUSES.has(res.status), `unexpected status: ${context}`);
  assert.match(res.type, /^application\/json/, `not JSON: ${context}`);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  if (res.status >= 400) {
    const error = body.error as { code?: unknown; message?: unknown } | undefined;
    assert.equal(typeof error?.code, "string", `error body without a code: ${context}`);
    assert.ok(typeof error?.message === "string" && error.message.trim() !== "", `no message: ${context}`);
  }
  return body;
}

async function stillHealthy(url: string): Promise<void> {
  const health = await send(url, { method: "GET", path: "/health" });
  assert.equal(health.status, 200, `GET /health after the case: ${health.text.slice(0, 200)}`);
}

const startBody = shaped({
  channel: fc.oneof(fc.constantFrom(...CHANNELS), fc.jsonValue({ maxDepth: 1 })),
  locale: fc.oneof(fc.constantFrom("en-US", "de-DE", "fr", "xx", "en-!!"), anyString(40), fc.jsonValue()),
});
const messageBody = shaped({
  text: fc.oneof(
    { weight: 5, arbitrary: anyString(200) },
    { weight: 1, arbitrary: anyString(5_000) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  ),
});

/** What customers type: any text, real requests among noise, and text that is nothing once cleaned. */
const REALISTIC = [
  "where is my order #W8770097?",
  "ivan.santos3158@example.com",
  "my card is 4242 4242 4242 4242",
  "exp 12/27 cvv 123",
  "four two four two",
  "DE89 3704 0044 0532 0130 00",
  "I want to speak to a human",
  "I want to return the coffee maker",
  "Wo ist meine Bestellung W 237 8156?",
  "bye",
  "yes",
];
const customerText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: anyString(MAX_MESSAGE_CHARS).map((s) => s.slice(0, MAX_MESSAGE_CHARS)) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...REALISTIC), fc.string({ unit: GRAPHEME, maxLength: 12 })), {
        minLength: 1,
        maxLength: 8,
      })
      .map((parts) => parts.join(" ")),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(" ", "\t", "\n", "\r", "\u0000", "\u0007", "\u001b", "\u007f"),
      minLength: 1,
      maxLength: 50,
    }),
  },
);

function chatHttpProperties(env: FuzzEnvironment): FuzzProperty[] {
  const surface = "chat HTTP API";
  const resolveId = (id: string | typeof LIVE, liveId: string) => (id === LIVE ? liveId : id);
  return [
    {
      surface,
      name: "POST /api/v1/conversations: any body, any content type",
      weight: 1,
      property: fc.asyncProperty(
        fc.record({ body: requestBody(startBody), contentType }),
        async ({ body, contentType }) => {
          const { url } = await env.chat();
          const res = await send(url, { method: "POST", path: "/api/v1/conversations", body, contentType });
          const answer = checkAnswer(res);
          if (res.status === 201) {
            assert.match(String(answer.id), /^c_/);
            assert.ok(Array.isArray(answer.messages) && answer.messages.length > 0, "a greeting");
          }
          await stillHealthy(url);
        },
      ),
    },
    {
      surface,
      name: "POST /api/v1/conversations/:id/messages: any id, any body, any content type",
      weight: 1,
      property: fc.asyncProperty(
        fc.record({ id: pathId, body: requestBody(messageBody), contentType }),
        async ({ id, body, contentType }) => {
          const { url, liveId } = await env.chat();
          const path = `/api/v1/conversations/${resolveId(id, liveId)}/messages`;
          const res = await send(url, { method: "POST", path, body, contentType });
          const answer = checkAnswer(res);
          if (res.status === 200) assert.ok(Array.isArray(answer.messages), "the agent's replies");
          await stillHealthy(url);
        },
      ),
    },
    {
      surface,
      name: "GET /api/v1/conversations/:id: any id",
      weight: 1,
      property: fc.asyncProperty(pathId, async (id) => {
        const { url, liveId } = await env.chat();
        const res = await send(url, {
          method: "GET",
          path: `/api/v1/conversations/${resolveId(id, liveId)}`,
        });
        const answer = checkAnswer(res);
        if (res.status === 200) assert.ok(Array.isArray(answer.events), "the events");
      }),
    },
    {
      surface,
      name: "nothing lost: every accepted message is in the log, in order, as cleaned and redacted",
      weight: 0.25,
      property: fc.asyncProperty(fc.array(customerText, { minLength: 1, maxLength: 4 }), async (texts) => {
        const { url } = await env.chat();
        const json = "application/json";
        const started = await send(url, {
          method: "POST",
          path: "/api/v1/conversations",
          body: "{}",
          contentType: json,
        });
        assert.equal(started.status, 201, started.text);
        const id = String(JSON.parse(started.text).id);
        // The service's own steps: clean, refuse what is left empty, redact with the context carried over.
        let context: RedactionContext = { cardContext: false };
        const expected: string[] = [];
        let accepted = 0;
        for (const text of texts) {
          const res = await send(url, {
            method: "POST",
            path: `/api/v1/conversations/${id}/messages`,
            body: JSON.stringify({ text }),
            contentType: json,
          });
          checkAnswer(res);
          const cleaned = cleanMessage(text);
          if (cleaned === "") {
            assert.equal(res.status, 400, `a message with nothing in it is refused: ${res.text}`);
            continue;
          }
          assert.equal(res.status, 200, `a message with text is accepted: ${res.text.slice(0, 300)}`);
          accepted++;
          const redacted = redact(cleaned, { context, spokenDigits: findSpokenDigits });
          context = redacted.context;
          expected.push(redacted.text);
        }
        const log = await send(url, { method: "GET", path: `/api/v1/conversations/${id}` });
        const events = (checkAnswer(log).events as Array<{ event: { type: string; text?: string } }>)
          .filter((e) => e.event.type === "customer_message")
          .map((e) => String(e.event.text));
        assert.equal(events.length, accepted, "one customer_message per accepted message");
        for (const text of events) assert.ok(text.length > 0, "no empty customer_message");
        assert.deepEqual(events, expected);
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Chat WebSocket (src/channels/chat/websocket.ts)

/** The server's frame limit (maxPayload in app.ts): a larger frame closes the socket with 1009. */
const WS_MAX_PAYLOAD = 64 * 1024;

type Frame =
  | { kind: "text"; data: string }
  | { kind: "text-bytes"; data: Uint8Array }
  | { kind: "binary"; data: Uint8Array }
  | { kind: "large"; bytes: number };

type Incoming = { frame: Record<string, unknown> } | { closed: number } | { unreadable: string };

/** A client socket whose frames and close are read in order, each within the hang limit. */
async function openSocket(url: string) {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/api/v1/chat/ws`);
  const queue: Incoming[] = [];
  let wake: (() => void) | undefined;
  const push = (item: Incoming) => {
    queue.push(item);
    wake?.();
  };
  // Judged by checkFrame, not here: a throw in a listener would end the process, not fail the case.
  ws.on("message", (data, isBinary) => {
    try {
      if (isBinary) throw new Error("a binary frame");
      push({ frame: JSON.parse(String(data)) as Record<string, unknown> });
    } catch {
      push({ unreadable: String(data).slice(0, 300) });
    }
  });
  ws.on("close", (code) => push({ closed: code }));
  ws.on("error", () => {}); // a close follows; the property judges the close code
  await within("WebSocket open", new Promise((resolveOpen) => ws.once("open", resolveOpen)));
  const next = () =>
    within(
      "a WebSocket answer",
      new Promise<Incoming>((resolveNext) => {
        const take = () => {
          const item = queue.shift();
          if (item) {
            wake = undefined;
            resolveNext(item);
          } else wake = take;
        };
        take();
      }),
    );
  return { ws, next };
}

/** One answer per frame: messages, resumed, or an error with a code and a message (never "internal"). */
function checkFrame(got: Incoming, sent: string): Record<string, unknown> {
  assert.ok(!("unreadable" in got), `not a JSON text frame: ${"unreadable" in got ? got.unreadable : ""}`);
  assert.ok("frame" in got, `the socket closed (${"closed" in got ? got.closed : ""}) after ${sent}`);
  const frame = got.frame;
  assert.ok(["messages", "resumed", "error"].includes(String(frame.type)), JSON.stringify(frame));
  if (frame.type === "error") {
    assert.ok(typeof frame.code === "string" && frame.code !== "", JSON.stringify(frame));
    assert.notEqual(frame.code, "internal", `an internal error for ${sent}`);
    assert.ok(typeof frame.message === "string" && frame.message.trim() !== "", JSON.stringify(frame));
  }
  return frame;
}

const frameObject = fc
  .tuple(
    fc.option(
      fc.oneof(fc.constantFrom("start", "resume", "message", "messages", "START", ""), fc.jsonValue()),
      {
        nil: undefined,
      },
    ),
    fc.dictionary(
      fc.oneof(fc.constantFrom("text", "locale", "channel", "conversationId", ...TRICKY_WORDS), fc.string()),
      fc.oneof(
        anyString(200),
        anyString(MAX_MESSAGE_CHARS + 100),
        fc.constantFrom("$live", ...CHANNELS, "en-US", "de-!!"),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      { maxKeys: 4 },
    ),
  )
  .map(([type, fields]) => JSON.stringify(type === undefined ? fields : { ...fields, type }));

const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 6, arbitrary: frameObject.map((data) => ({ kind: "text" as const, data })) },
  { weight: 2, arbitrary: anyString(300).map((data) => ({ kind: "text" as const, data })) },
  {
    weight: 1,
    arbitrary: fc.jsonValue().map((v) => ({ kind: "text" as const, data: JSON.stringify(v) ?? "null" })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 200 }).map((data) => ({ kind: "binary" as const, data })),
  },
  // Text frames whose bytes need not be UTF-8: the server must close with 1007, not fall over.
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 50 }).map((data) => ({ kind: "text-bytes" as const, data })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 16 * 1024, max: 80 * 1024 })
      .map((bytes) => ({ kind: "large" as const, bytes })),
  },
);

function describeFrame(f: Frame): string {
  if (f.kind === "text") return `text ${JSON.stringify(f.data.slice(0, 200))}`;
  if (f.kind === "large") return `a ${f.bytes}-byte text frame`;
  return `${f.kind} [${f.data.length} bytes]`;
}

/** A start then a message: the socket (or a new one) still holds a conversation. */
async function stillChats(url: string, socket?: Awaited<ReturnType<typeof openSocket>>): Promise<void> {
  const s = socket && socket.ws.readyState === WebSocket.OPEN ? socket : await openSocket(url);
  s.ws.send(JSON.stringify({ type: "start" }));
  assert.equal(checkFrame(await s.next(), "start").type, "messages");
  s.ws.send(JSON.stringify({ type: "message", text: "where is my order?" }));
  assert.equal(checkFrame(await s.next(), "message").type, "messages");
  s.ws.close();
}

/** Starts a conversation with the locale over HTTP or the WebSocket; null when the locale is refused. */
async function startWithLocale(url: string, overSocket: boolean, locale: string) {
  if (!overSocket) {
    const res = await send(url, {
      method: "POST",
      path: "/api/v1/conversations",
      body: JSON.stringify({ locale }),
      contentType: "application/json",
    });
    const body = checkAnswer(res);
    if (res.status === 400) return null;
    assert.equal(res.status, 201, res.text);
    const id = String(body.id);
    return {
      id,
      say: async (text: string) => {
        const reply = await send(url, {
          method: "POST",
          path: `/api/v1/conversations/${id}/messages`,
          body: JSON.stringify({ text }),
          contentType: "application/json",
        });
        checkAnswer(reply);
        assert.equal(
          reply.status,
          200,
          `${JSON.stringify(text)} in a conversation in ${locale}: ${reply.text}`,
        );
      },
      close: () => {},
    };
  }
  const socket = await openSocket(url);
  socket.ws.send(JSON.stringify({ type: "start", locale }));
  const first = checkFrame(await socket.next(), "start");
  if (first.type === "error") {
    assert.equal(first.code, "bad_request");
    socket.ws.close();
    return null;
  }
  return {
    id: String(first.conversationId),
    say: async (text: string) => {
      socket.ws.send(JSON.stringify({ type: "message", text }));
      const reply = checkFrame(await socket.next(), `${JSON.stringify(text)} in a conversation in ${locale}`);
      assert.equal(reply.type, "messages", JSON.stringify(reply));
    },
    close: () => socket.ws.close(),
  };
}

/** Locales as people and browsers write them, and as they should not. */
const localeLike: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("en", "de", "fr", "es", "it", "nl", "EN", "Fr", "xx", ""),
      fc.oneof(fc.constant("-"), fc.constantFrom("_", "", " ", "--", "-u-nu-")),
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom("US", "DE", "CH-1996", "!!", "arab", "x-private"),
      ),
    )
    .map(([language, separator, rest]) => `${language}${separator}${rest}`),
  anyString(40),
);

function chatWebSocketProperties(env: FuzzEnvironment): FuzzProperty[] {
  const surface = "chat WebSocket";
  return [
    {
      surface,
      name: "any frames: each answered (or a proper close), and the chat still works after",
      weight: 0.5,
      property: fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 6 }), async (frames) => {
        const { url, liveId } = await env.chat();
        const socket = await openSocket(url);
        for (const f of frames) {
          if (socket.ws.readyState !== WebSocket.OPEN) break;
          if (f.kind === "text") socket.ws.send(f.data.replaceAll("$live", liveId));
          else if (f.kind === "large") socket.ws.send("x".repeat(f.bytes));
          else socket.ws.send(f.data, { binary: f.kind === "binary" });
          const got = await socket.next();
          if ("closed" in got) {
            // Only two frames may end the socket: one over the size limit, and text that is not UTF-8.
            const allowed =
              f.kind === "large" && f.bytes > WS_MAX_PAYLOAD
                ? 1009
                : f.kind === "text-bytes" && !isUtf8(f.data)
                  ? 1007
                  : undefined;
            assert.equal(got.closed, allowed, `closed with ${got.closed} after ${describeFrame(f)}`);
            break;
          }
          checkFrame(got, describeFrame(f));
        }
        await stillChats(url, socket);
        await stillHealthy(url);
      }),
    },
    {
      surface,
      name: "a conversation started with any locale the start accepts carries on (HTTP and WebSocket)",
      weight: 0.3,
      property: fc.asyncProperty(localeLike, fc.boolean(), async (locale, overSocket) => {
        const { url } = await env.chat();
        const chat = await startWithLocale(url, overSocket, locale);
        if (!chat) return;
        try {
          // What a start accepts is kept as the conversation's locale, so it must be a real one.
          const log = checkAnswer(
            await send(url, { method: "GET", path: `/api/v1/conversations/${chat.id}` }),
          );
          assert.doesNotThrow(
            () => Intl.getCanonicalLocales(String(log.locale)),
            `${JSON.stringify(locale)} was kept as the locale ${JSON.stringify(log.locale)}`,
          );
          // Verification and order status: the replies format dates, amounts and lists in the locale.
          await chat.say("where is my order #W8770097?");
          await chat.say("ivan.santos3158@example.com");
        } finally {
          chat.close();
        }
      }),
    },
  ];
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// YAML documents: the real file's keys with mutated values, and any text

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
  /** The containers above the slot, its parent last (the document's wrapper left out). */
  ancestors: Container[];
  /** The keys from each ancestor down: `ancestors[i][keys[i]]`... leads to this slot. */
  keys: Array<string | number>;
}

/** Every place a value sits, depth first; a container met twice (an alias) is walked once. */
function slots(root: { doc: unknown }): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, ancestors: Container[], keys: Array<string | number>) => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const entries: Array<[string | number, unknown]> = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node);
    for (const [key, value] of entries) {
      const below = { ancestors: [...ancestors, node as Container], keys: [...keys, key] };
      out.push({ parent: node as Container, key, ...below });
      walk(value, below.ancestors, below.keys);
    }
  };
  // The document itself is a place too: a mapping may become a list, a scalar, or nothing.
  out.push({ parent: root, key: "doc", ancestors: [], keys: [] });
  walk(root.doc, [], []);
  return out;
}

interface Mutation {
  op: "replace" | "delete" | "rename" | "add" | "alias" | "cycle" | "deepen";
  at: number;
  target: number;
  key: string;
  value: unknown;
  levels: number;
}

/**
 * Sets an own property, as a YAML or JSON parser does: `obj.__proto__ = date` would change the
 * object's prototype instead, and no parsed document can hold such an object.
 */
function put(container: object, key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A copy of `node` with the value down `keys` replaced by `leaf`. */
function along(node: unknown, keys: ReadonlyArray<string | number>, leaf: unknown): unknown {
  const [first, ...rest] = keys;
  if (first === undefined || node === null || typeof node !== "object") return leaf;
  const copy = structuredClone(node) as Record<string | number, unknown>;
  put(copy, first, along((node as Record<string | number, unknown>)[first], rest, leaf));
  return copy;
}

/**
 * Applies the mutations to a copy. "alias" makes one place refer to another's container (YAML writes an
 * anchor and an alias); "cycle" to one of its own ancestors (an alias inside its anchor); "deepen"
 * repeats the path from an ancestor down to the place up to a thousand times (conditions nest).
 */
function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  const root = { doc: structuredClone(base) as unknown };
  for (const m of mutations) {
    const all = slots(root);
    const slot = all[m.at % all.length];
    if (!slot) continue;
    const { parent, key, ancestors, keys } = slot;
    const set = (value: unknown) => put(parent, key, value);
    if (m.op === "replace") set(m.value);
    else if (m.op === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (m.op === "rename" && !Array.isArray(parent)) {
      const value = parent[key];
      delete parent[key];
      put(parent, m.key, value);
    } else if (m.op === "add") {
      if (Array.isArray(parent)) parent.push(m.value);
      else put(parent, m.key, m.value);
    } else if (m.op === "alias") {
      const target = all[m.target % all.length];
      if (target) set(target.parent);
    } else if (m.op === "cycle" && ancestors.length > 0) {
      set(ancestors[ancestors.length - 1 - (m.target % Math.min(3, ancestors.length))]);
    } else if (m.op === "deepen" && ancestors.length > 0) {
      // One of the nearest three ancestors, repeated; fewer levels for a larger one (the file stays small).
      const from = ancestors.length - 1 - (m.target % Math.min(3, ancestors.length));
      let size: number;
      try {
        size = JSON.stringify(ancestors[from])?.length ?? 1;
      } catch {
        continue; // it holds a cycle already
      }
      const segment = keys.length - from;
      const levels = Math.min(m.levels, Math.floor(1_000 / segment), Math.floor(30_000 / size));
      let value = (parent as Record<string | number, unknown>)[key];
      for (let i = 0; i < levels; i++) value = along(ancestors[from], keys.slice(from), value);
      set(value);
    }
  }
  return root.doc;
}

/** A YAML file's content: text, or bytes that need not be UTF-8. */
type Document = { text: string } | { bytes: Uint8Array };

function documentOf(value: unknown): Document {
  try {
    // A document deleted whole is an empty file (stringify gives undefined).
    return { text: stringifyYaml(value) ?? "" };
  } catch {
    // Too deep for the YAML writer: JSON is YAML too (flow style).
    try {
      return { text: JSON.stringify(value) ?? "" };
    } catch {
      return { text: String(value) };
    }
  }
}

/** Scraps of YAML syntax, shuffled: anchors, aliases, merges, tags, directives, flow and block. */
const YAML_SCRAPS = [
  ":",
  ": ",
  "- ",
  "\n",
  "  ",
  "&a ",
  "*a",
  "<<: *a",
  "[",
  "]",
  "{",
  "}",
  ",",
  "? ",
  "'",
  '"',
  "#",
  "|",
  ">",
  "!!binary ",
  "!!str ",
  "!!int ",
  "!!set ",
  "!custom ",
  "%YAML 1.1\n---\n",
  "---\n",
  "...\n",
  "\t",
  "~",
  "null",
  "1e400",
  "0x1F",
  ".nan",
  "-.inf",
  "\ufeff",
];

/** A YAML document built from a real file's data: values mutated, keys renamed, aliases, cycles. */
function yamlDocument(
  base: unknown,
  words: readonly string[],
  /** Values that mean something to this parser (file names, say), tried more often than other words. */
  hints: readonly string[] = [],
): fc.Arbitrary<Document> {
  const word = fc.constantFrom(...words, ...hints, ...TRICKY_WORDS);
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: word },
    { weight: hints.length > 0 ? 2 : 0, arbitrary: fc.constantFrom(...hints, "") },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: anyString(40) },
    { weight: 1, arbitrary: fc.array(word, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(word, fc.oneof(word, fc.integer()), { maxKeys: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        0,
        -1,
        -0,
        1.5,
        2 ** 53,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        true,
        false,
        null,
        "",
        new Date(0),
      ),
    },
  );
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    // Deep documents are slow to write and read: rare, so the bounded run stays quick.
    op: fc.oneof(
      { weight: 30, arbitrary: fc.constant("replace" as const) },
      { weight: 15, arbitrary: fc.constantFrom("delete" as const, "rename" as const, "add" as const) },
      { weight: 6, arbitrary: fc.constantFrom("alias" as const, "cycle" as const) },
      { weight: 1, arbitrary: fc.constant("deepen" as const) },
    ),
    at: fc.nat(),
    target: fc.nat(),
    levels: fc.integer({ min: 1, max: 1_000 }),
    key: fc.oneof(word, fc.string({ maxLength: 10 })),
    value,
  });
  const scraps = fc.constantFrom(...YAML_SCRAPS, ...words);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 4 })
        .map((mutations) => documentOf(mutate(base, mutations))),
    },
    {
      weight: 2,
      arbitrary: fc.array(scraps, { maxLength: 40 }).map((parts) => ({ text: parts.join("") })),
    },
    { weight: 1, arbitrary: anyString(300).map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })) },
    // Alias expansion (billion laughs): each level doubles the last.
    {
      weight: 1,
      arbitrary: fc.integer({ min: 2, max: 30 }).map((levels) => ({
        text: [
          "a0: &a0 [x, x]",
          ...Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`),
        ].join("\n"),
      })),
    },
  );
}

function writeDocument(file: string, doc: Document): void {
  writeFileSync(file, "text" in doc ? doc.text : doc.bytes);
}

/** Every key and string value in the data, for mutations that use the file's own words. */
function wordsOf(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === "string" && node.length < 60) out.add(node);
    else if (node && typeof node === "object")
      for (const [key, child] of Object.entries(node)) {
        out.add(key);
        walk(child);
      }
  };
  walk(value);
  return [...out];
}

// ---------------------------------------------------------------------------------------------------
// Configuration (src/platform/config.ts)

const CONFIG_SAMPLE = {
  port: 3000,
  host: "127.0.0.1",
  dataDir: "./data",
  databaseUrl: "postgres://switchboard@localhost/switchboard",
  adminToken: "a-long-enough-admin-token",
  masterKey: Buffer.alloc(32, 7).toString("base64"),
  initialAdminPassword: "correct horse battery",
  sessionTtlMinutes: 480,
  chatStartsPerMinute: 60,
  chatMessagesPerMinute: 60,
  signInsPerMinute: 10,
  chatFrameAncestors: "*",
  agentDir: "agents/default",
  logLevel: "info",
  seedOnFirstStart: true,
};

const envValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: anyString(60) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "0",
      "1",
      "-1",
      "80",
      "65535",
      "65536",
      "1e3",
      "0x1F",
      " 8080 ",
      "NaN",
      "Infinity",
      "true",
      "FALSE",
      "yes",
      "off",
      "postgres://u@h/db",
      "postgresql://",
      "mysql://u@h/db",
      "info",
      "silent",
      "*",
      " ",
      "\u0000",
    ),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.base64String({ minLength: 40, maxLength: 48 }) },
);

const ENV_NAMES = Object.keys(ENVIRONMENT_KEYS);
const envArb = fc.record(
  {
    ...Object.fromEntries(ENV_NAMES.map((name) => [name, envValue])),
    SWITCHBOARD_CONFIG: fc.constantFrom(".", "missing.yaml", "/dev/null", "\u0000"),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

const CONFIG_KEYS = Object.keys(ConfigSchema.shape);
/**
 * Loads, or fails with config_invalid where every problem names the setting (its variable, the file,
 * or the key). What loads holds exactly what the environment said.
 */
function checkConfig(load: () => unknown, env: Record<string, string>, file?: string): void {
  let config: Record<string, unknown>;
  try {
    config = bounded("loadConfig", load) as Record<string, unknown>;
  } catch (error) {
    const e = expectSwitchboardError(error, ["config_invalid"]);
    // Each problem opens with where the setting came from: its variable, the file, or its name.
    const openings = [
      ...Object.keys(env).map((name) => `environment variable ${name}:`),
      ...(file ? [`${file}: `] : []),
      ...CONFIG_KEYS.map((key) => `${key}:`),
      "unknown setting",
      "Configuration file",
    ];
    const problems = ((e as { details?: unknown }).details as string[] | undefined) ?? [e.message];
    for (const problem of problems)
      assert.ok(
        openings.some((o) => problem.startsWith(o)),
        `a problem that does not name the setting: ${problem}`,
      );
    return;
  }
  assert.ok(ConfigSchema.safeParse(config).success, "what loads is a valid configuration");
  // Nothing lost: a text or number setting holds what its variable said, read by the setting's own schema.
  for (const [name, key] of Object.entries(ENVIRONMENT_KEYS)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    const alone = ConfigSchema.shape[key].safeParse(value);
    if (alone.success && ["string", "number"].includes(typeof alone.data))
      assert.equal(config[key], alone.data, `${name}=${JSON.stringify(value)}`);
  }
}

/** Every setting's name (new ones included) and values that sit on a boundary of some setting. */
const CONFIG_WORDS = [...wordsOf(CONFIG_SAMPLE), ...Object.keys(ConfigSchema.shape)];
const CONFIG_HINTS = ["0", "65535", "65536", "postgres://", "iban", "nationalIds", "x".repeat(16), "."];

function configProperties(env: FuzzEnvironment): FuzzProperty[] {
  const surface = "configuration";
  let dir: string | undefined;
  const scratch = () => {
    dir ??= env.tempDir("config");
    return dir;
  };
  return [
    {
      surface,
      name: "loadConfig: any value for every environment variable",
      weight: 2,
      property: fc.asyncProperty(envArb, async (vars) => {
        checkConfig(() => loadConfig({ env: vars, cwd: scratch() }), vars);
      }),
    },
    {
      surface,
      name: "loadConfig: any YAML file (mutated settings, any text, any bytes)",
      weight: 1,
      property: fc.asyncProperty(yamlDocument(CONFIG_SAMPLE, CONFIG_WORDS, CONFIG_HINTS), async (doc) => {
        const file = join(scratch(), "switchboard.yaml");
        writeDocument(file, doc);
        checkConfig(() => loadConfig({ env: {}, cwd: scratch(), file }), {}, file);
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Policy packs (src/policy/load.ts) and agent definitions (src/agent/definition.ts)

const DEFAULT_AGENT = "agents/default";

function policyPackProperties(env: FuzzEnvironment): FuzzProperty[] {
  const pack = parseYaml(readFileSync(join(DEFAULT_AGENT, "policy.yaml"), "utf8")) as unknown;
  let dir: string | undefined;
  return [
    {
      surface: "policy packs",
      name: "loadPolicyPack: the standard pack mutated, any YAML, any bytes",
      weight: 1,
      property: fc.asyncProperty(yamlDocument(pack, wordsOf(pack)), async (doc) => {
        dir ??= env.tempDir("policy");
        const file = join(dir, "policy.yaml");
        writeDocument(file, doc);
        let loaded: ReturnType<typeof loadPolicyPack>;
        try {
          loaded = bounded("loadPolicyPack", () => loadPolicyPack(file));
        } catch (error) {
          const e = expectSwitchboardError(error, ["policy_pack_invalid"]);
          assert.ok(e.message.includes(file), `the error names the file: ${e.message}`);
          const problems = (e as { details?: unknown }).details as string[];
          assert.ok(problems.length > 0 && problems.every((p) => typeof p === "string" && p.trim() !== ""));
          return;
        }
        // A pack that loads can be used: the engine compiles every rule.
        bounded("building the engine", () => new PolicyEngine(loaded));
      }),
    },
  ];
}

function agentProperties(env: FuzzEnvironment): FuzzProperty[] {
  // The files agent.yaml may name are spelled out (they have defaults), so mutations reach them.
  const definition = {
    ...(parseYaml(readFileSync(join(DEFAULT_AGENT, "agent.yaml"), "utf8")) as Record<string, unknown>),
    productNames: "product-names.yaml",
    optionNames: "option-names.yaml",
  };
  const words = [...wordsOf(definition), ...Object.keys(AgentDefinitionSchema.shape)];
  // Paths it may point at: directories, the wrong file, nothing there, a device.
  const files = [
    ".",
    "..",
    "utterances",
    "tests",
    "policy.yaml",
    "agent.yaml",
    "option-names.yaml",
    "missing.yaml",
    "/dev/null",
  ];
  let dir: string | undefined;
  return [
    {
      surface: "agent definitions",
      name: "loadAgent: agent.yaml mutated (file names included), any YAML, any bytes",
      weight: 1,
      property: fc.asyncProperty(yamlDocument(definition, words, files), async (doc) => {
        if (!dir) {
          dir = env.tempDir("agent");
          cpSync(DEFAULT_AGENT, dir, { recursive: true });
          // agent.yaml is the target; the files it points to are kept small and valid (their own parsers
          // are fuzzed above), so a case costs a few milliseconds instead of parsing 1,000 lines of names.
          writeFileSync(
            join(dir, "product-names.yaml"),
            "Espresso Machine: { en: [espresso maker], de: [Espressomaschine] }\n",
          );
          writeFileSync(join(dir, "option-names.yaml"), "values: { Red: { de: [rot] } }\noptions: {}\n");
          writeFileSync(
            join(dir, "policy.yaml"),
            "pack: small\nversion: 1\nname: Small\nreasons: { r: x }\nactions: {}\n",
          );
        }
        const agentDir = dir;
        writeDocument(join(agentDir, "agent.yaml"), doc);
        try {
          bounded("loadAgent", () => loadAgent(agentDir));
        } catch (error) {
          // A bad policy file named by the agent is reported by the policy loader, with its own code.
          const e = expectSwitchboardError(error, ["agent_invalid", "policy_pack_invalid"]);
          // The message names the file at fault: agent.yaml or one it points to.
          const named = "text" in doc ? parseMaybe(doc.text) : undefined;
          const candidates = [
            "agent.yaml",
            "policy.yaml",
            "product-names.yaml",
            "option-names.yaml",
            ...["policy", "productNames", "optionNames"]
              .map((k) => named?.[k])
              .filter((v) => typeof v === "string"),
          ].map((f) => resolve(agentDir, f as string));
          assert.ok(
            candidates.some((c) => e.message.includes(c)),
            `the error names the file: ${e.message.slice(0, 300)}`,
          );
        }
      }),
    },
  ];
}

function parseMaybe(text: string): Record<string, unknown> | undefined {
  try {
    const value = parseYaml(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Redaction (src/compliance/redaction): it has property tests beside it; this is its catalogue entry.

/** Long inputs built to make a digit search go quadratic. */
const ADVERSARIAL = ["1 ".repeat(2000), "4 2 ".repeat(1000), "4242-".repeat(800), "four two ".repeat(440)];

function redactionProperties(): FuzzProperty[] {
  const options = (cardContext: boolean) => ({ context: { cardContext }, spokenDigits: findSpokenDigits });
  return [
    {
      surface: "redaction",
      name: "redact: never throws, idempotent, and no card survives",
      weight: 2,
      property: fc.asyncProperty(
        fc.record({
          before: fc.oneof(
            { weight: 10, arbitrary: anyString(200) },
            { weight: 1, arbitrary: fc.constantFrom(...ADVERSARIAL) },
          ),
          card: cardNumber,
          after: noise,
          cardContext: fc.boolean(),
        }),
        async ({ before, card, after, cardContext }) => {
          // Arbitrary text alone: it must not throw, and a second pass changes nothing.
          const once = bounded("redact", () => redact(before, options(cardContext)).text);
          assert.equal(
            bounded("redact again", () => redact(once, options(cardContext)).text),
            once,
          );
          // With a card in it, apart from its neighbours: the card's digits are gone.
          const out = bounded(
            "redact",
            () => redact(`${before} ${card} ${after}`, options(cardContext)).text,
          );
          assert.ok(!out.includes(card), `the card survived: ${out.slice(0, 300)}`);
        },
      ),
    },
  ];
}

/** Every property, by surface. SIP, RTP and webhook parsers join here when they exist. */
export function fuzzProperties(env: FuzzEnvironment): FuzzProperty[] {
  return [
    ...chatHttpProperties(env),
    ...chatWebSocketProperties(env),
    ...configProperties(env),
    ...policyPackProperties(env),
    ...agentProperties(env),
    ...redactionProperties(),
  ];
}
