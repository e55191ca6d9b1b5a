import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type AccessControl, ROLES, type Role } from "../src/compliance/index.ts";
import type { Storage } from "../src/platform/index.ts";
import { startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";

/**
 * What each route admits, written out by hand (not derived from the code under test). "public" needs
 * no credentials; "signed-in" needs any valid token or session; otherwise the roles allowed.
 */
const EXPECTED: Record<string, "public" | "signed-in" | readonly Role[]> = {
  "GET /health": "public",
  "GET /api/openapi.json": "public",
  "GET /metrics": ["admin", "supervisor"],
  "GET /chat": "public",
  "GET /chat/widget.js": "public",
  "GET /api/v1/chat/ws": "public",
  "POST /api/v1/conversations": "public",
  "POST /api/v1/conversations/:id/messages": "public",
  "GET /api/v1/conversations/:id": "public",
  "GET /api/v1/conversations": ["admin", "supervisor", "agent", "auditor"],
  "GET /api/v1/orders/:orderId": ["admin", "supervisor", "agent"],
  "GET /api/v1/customers/:id": ["admin", "supervisor", "agent"],
  "GET /api/v1/tools": ["admin", "designer"],
  "POST /api/v1/nlu/parse": ["admin", "designer"],
  "POST /api/v1/auth/sign-in": "public",
  "POST /api/v1/auth/sign-out": "public",
  "GET /api/v1/auth/me": "signed-in",
  "GET /api/v1/users": ["admin"],
  "POST /api/v1/users": ["admin"],
  "GET /api/v1/tokens": ["admin"],
  "POST /api/v1/tokens": ["admin"],
  "DELETE /api/v1/tokens/:id": ["admin"],
  "GET /api/v1/audit": ["admin", "auditor"],
  "GET /api/v1/audit/verify": ["admin", "auditor"],
  "GET /api/v1/customers/:id/personal-data": ["admin", "auditor"],
  "DELETE /api/v1/customers/:id/personal-data": ["admin"],
  "GET /api/v1/analytics": ["admin", "designer", "supervisor", "auditor"],
  "GET /api/v1/analytics/export.csv": ["admin", "designer", "supervisor", "auditor"],
  "GET /api/v1/agent/versions": ["admin", "designer", "supervisor", "auditor"],
  "GET /api/v1/agent/versions/:version/diff": ["admin", "designer", "supervisor", "auditor"],
  "POST /api/v1/agent/versions": ["admin", "designer"],
  // Staging needs agents:write; production additionally agents:deploy (admin only), tested in versions.test.ts.
  "POST /api/v1/agent/deployments": ["admin", "designer"],
  "POST /api/v1/agent/deployments/rollback": ["admin", "designer"],
  // The studio's files are public; what they show comes from the guarded API.
  "GET /studio": "public",
  "GET /studio/*": "public",
  "GET /desk": "public",
  "GET /desk/*": "public",
  "GET /assets/*": "public",
  // The customers' call page and its socket (same origin only, starts limited per address).
  "GET /voice": "public",
  "GET /voice/*": "public",
  "GET /voice/ws": "public",
  // The carrier's webhook and media stream: checked by Twilio's signature when a token is configured.
  "GET /voice/twiml": "public",
  "POST /voice/twiml": "public",
  "POST /voice/twiml/stream-ended": "public",
  "GET /voice/media-stream": "public",
  "GET /api/v1/desk/queue": ["admin", "supervisor", "agent"],
  "PUT /api/v1/desk/presence": ["admin", "supervisor", "agent"],
  "GET /api/v1/desk/conversations/:id": ["admin", "supervisor", "agent"],
  "POST /api/v1/desk/conversations/:id/take": ["admin", "supervisor", "agent"],
  "POST /api/v1/desk/conversations/:id/reply": ["admin", "supervisor", "agent"],
  "POST /api/v1/desk/conversations/:id/notes": ["admin", "supervisor", "agent"],
  "POST /api/v1/desk/conversations/:id/hand-back": ["admin", "supervisor", "agent"],
  "POST /api/v1/desk/conversations/:id/close": ["admin", "supervisor", "agent"],
  "GET /api/v1/desk/floor": ["admin", "supervisor"],
  "GET /api/v1/desk/ws": ["admin", "supervisor", "agent"],
};

/** Harmless requests: unknown ids and bodies that change nothing, so every role can be tried. */
const SAMPLE: Record<string, { path?: string; body?: unknown }> = {
  "POST /api/v1/conversations/:id/messages": {
    path: "/api/v1/conversations/c_unknown/messages",
    body: { text: "hi" },
  },
  "GET /api/v1/conversations/:id": { path: "/api/v1/conversations/c_unknown" },
  "GET /api/v1/orders/:orderId": { path: "/api/v1/orders/%23W2378156" },
  "GET /api/v1/customers/:id": { path: "/api/v1/customers/yusuf_rossi_9620" },
  "DELETE /api/v1/tokens/:id": { path: "/api/v1/tokens/0000000000000000" },
  "GET /api/v1/customers/:id/personal-data": { path: "/api/v1/customers/nobody_0000/personal-data" },
  "DELETE /api/v1/customers/:id/personal-data": {
    path: "/api/v1/customers/nobody_0000/personal-data",
    body: { confirm: "not the same id" },
  },
  "POST /api/v1/nlu/parse": { body: { text: "where is my order" } },
  "POST /api/v1/users": { body: { username: "x", password: "short", role: "agent" } },
  "POST /api/v1/tokens": { body: { name: "t", role: "nope" } },
  "POST /api/v1/auth/sign-in": { body: { username: "nobody", password: "wrong password" } },
  "POST /api/v1/conversations": { body: { channel: "chat" } },
  "GET /api/v1/analytics": { path: "/api/v1/analytics?from=2026-11-26&to=2026-11-26" },
  "GET /api/v1/analytics/export.csv": { path: "/api/v1/analytics/export.csv?from=2026-11-26&to=2026-11-26" },
  "GET /api/v1/agent/versions/:version/diff": { path: "/api/v1/agent/versions/999/diff" },
  "POST /api/v1/agent/versions": { body: { note: "" } },
  "POST /api/v1/agent/deployments": { body: { environment: "staging", version: 999 } },
  "POST /api/v1/agent/deployments/rollback": { body: { environment: "staging" } },
  "GET /studio/*": { path: "/studio/versions" },
  "GET /assets/*": { path: "/assets/none.js" },
  "PUT /api/v1/desk/presence": { body: { presence: "nope" } },
  "GET /api/v1/desk/conversations/:id": { path: "/api/v1/desk/conversations/c_unknown" },
  "POST /api/v1/desk/conversations/:id/take": { path: "/api/v1/desk/conversations/c_unknown/take" },
  "POST /api/v1/desk/conversations/:id/reply": {
    path: "/api/v1/desk/conversations/c_unknown/reply",
    body: { text: "hi" },
  },
  "POST /api/v1/desk/conversations/:id/notes": {
    path: "/api/v1/desk/conversations/c_unknown/notes",
    body: { text: "note" },
  },
  "POST /api/v1/desk/conversations/:id/hand-back": { path: "/api/v1/desk/conversations/c_unknown/hand-back" },
  "POST /api/v1/desk/conversations/:id/close": {
    path: "/api/v1/desk/conversations/c_unknown/close",
    body: { wrapUp: "resolved" },
  },
};

for (const database of await testDatabases()) {
  describe(`authorization on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let url: string;
    let close: () => Promise<void>;
    let routes: { method: string; url: string }[];
    const tokens = new Map<Role, string>();

    before(async () => {
      storage = await database.open();
      const started = await startTestApp(storage);
      url = started.url;
      close = () => started.app.close();
      routes = started.app.http.routeTable.filter((r) => r.method !== "HEAD" && r.method !== "OPTIONS");
      for (const role of ROLES)
        tokens.set(
          role,
          (await started.app.access.createToken({ name: `${role} token`, role }, "test")).token,
        );
    });
    after(async () => {
      await close();
      await storage.close();
    });

    /** The guard's refusal: 403, or 401 with the challenge header (a wrong password at sign-in is an answer). */
    const refused = (res: Response) =>
      res.status === 403 || (res.status === 401 && res.headers.has("www-authenticate"));

    const request = (key: string, authorization?: string) => {
      const [method, pattern] = key.split(" ") as [string, string];
      const sample = SAMPLE[key] ?? {};
      const headers: Record<string, string> = {};
      if (authorization) headers.authorization = `Bearer ${authorization}`;
      if (sample.body !== undefined) headers["content-type"] = "application/json";
      return fetch(`${url}${sample.path ?? pattern}`, {
        method,
        headers,
        ...(sample.body !== undefined ? { body: JSON.stringify(sample.body) } : {}),
      });
    };

    test("every route the server has is in the table, and every table row is a route", () => {
      const actual = new Set(routes.map((r) => `${r.method} ${r.url}`));
      assert.deepEqual(
        [...actual].filter((k) => !(k in EXPECTED)),
        [],
        "routes missing from the table",
      );
      assert.deepEqual(
        Object.keys(EXPECTED).filter((k) => !actual.has(k)),
        [],
        "table rows with no route",
      );
    });

    test("every route, with no token and with each role, answers as the table says", async () => {
      const mismatches: string[] = [];
      let checked = 0;
      for (const [key, rule] of Object.entries(EXPECTED)) {
        if (key === "GET /api/v1/chat/ws") continue; // a WebSocket upgrade; public, checked in chat-api
        const anonymous = await request(key);
        checked++;
        if (rule === "public" ? refused(anonymous) : anonymous.status !== 401)
          mismatches.push(`${key} without a token: ${anonymous.status}`);
        for (const role of ROLES) {
          const res = await request(key, tokens.get(role));
          checked++;
          const allowed = rule === "public" || rule === "signed-in" || rule.includes(role);
          if (allowed === refused(res)) mismatches.push(`${key} as ${role}: ${res.status}`);
          if (!allowed && res.status !== 403)
            mismatches.push(`${key} as ${role}: ${res.status}, expected 403`);
        }
      }
      assert.deepEqual(mismatches, []);
      assert.ok(checked >= 25 * 6, `checked ${checked} combinations`);
    });

    test("a token narrowed by scopes gets only those, and a revoked or forged token nothing", async () => {
      const { token, id } = await (await startAccess()).createToken(
        { name: "orders only", role: "supervisor", scopes: ["orders:read"] },
        "test",
      );
      assert.equal((await request("GET /api/v1/orders/:orderId", token)).status, 200);
      assert.equal((await request("GET /api/v1/customers/:id", token)).status, 403);
      await (await startAccess()).revokeToken(id, "test");
      assert.equal((await request("GET /api/v1/orders/:orderId", token)).status, 401);
      const forged = `${token.slice(0, -4)}AAAA`;
      assert.equal((await request("GET /api/v1/orders/:orderId", forged)).status, 401);
    });

    let access: AccessControl | undefined;
    async function startAccess(): Promise<AccessControl> {
      if (!access) {
        const { AccessControl, AuditLog, Vault } = await import("../src/compliance/index.ts");
        access = new AccessControl({
          db: storage.db,
          audit: new AuditLog({
            db: storage.db,
            dialect: storage.dialect,
            vault: Vault.ephemeral(storage.db),
          }),
        });
      }
      return access;
    }

    test("a signed-in browser needs the CSRF token for changes, and its session expires on sign-out", async () => {
      const admin = await startAccess();
      await admin.createUser(
        { username: "sam.supervisor", password: "a long passphrase 42", role: "admin" },
        "test",
      );
      const wrong = await fetch(`${url}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "sam.supervisor", password: "not the password" }),
      });
      assert.equal(wrong.status, 401);
      const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "Sam.Supervisor", password: "a long passphrase 42" }),
      });
      assert.equal(signIn.status, 200);
      const cookie = signIn.headers.get("set-cookie") ?? "";
      assert.match(cookie, /sb_session=[^;]+; .*HttpOnly/i);
      assert.match(cookie, /SameSite=Strict/i);
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const session = cookie.split(";")[0] as string;

      const me = await fetch(`${url}/api/v1/auth/me`, { headers: { cookie: session } });
      assert.equal(((await me.json()) as { role: string }).role, "admin");
      const body = JSON.stringify({ name: "from the desk", role: "agent" });
      const headers = { cookie: session, "content-type": "application/json" };
      const noCsrf = await fetch(`${url}/api/v1/tokens`, { method: "POST", headers, body });
      assert.equal(noCsrf.status, 403);
      const withCsrf = await fetch(`${url}/api/v1/tokens`, {
        method: "POST",
        headers: { ...headers, "x-csrf-token": csrfToken },
        body,
      });
      assert.equal(withCsrf.status, 201);

      await fetch(`${url}/api/v1/auth/sign-out`, { method: "POST", headers: { cookie: session } });
      assert.equal((await fetch(`${url}/api/v1/auth/me`, { headers: { cookie: session } })).status, 401);
    });

    test("responses carry security headers", async () => {
      const res = await fetch(`${url}/health`);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("x-frame-options"), "SAMEORIGIN");
      assert.match(res.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
      assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'self'/);
    });
  });
}
