import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { type Clock, systemClock } from "../../platform/clock.ts";
import { SwitchboardError } from "../../platform/errors.ts";
import type { AuditSink } from "../audit/index.ts";
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";
import { isPermission, isRole, type Permission, ROLE_PERMISSIONS, type Role } from "./roles.ts";
import type { AccessTables, ApiTokenRow } from "./tables.ts";

export interface Principal {
  kind: "user" | "token" | "root";
  id: string;
  name: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  /** Set for browser sessions: unsafe requests must echo it (CSRF). */
  csrfToken?: string;
}

/** What a request presents: a bearer token, or the session cookie of a signed-in browser. */
export interface Credentials {
  bearer?: string | undefined;
  sessionId?: string | undefined;
}

export type Authorization =
  | { ok: true; principal: Principal }
  | { ok: false; code: "unauthorized" | "forbidden"; message: string };

export interface SignedIn {
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  user: { id: string; username: string; role: Role };
}

export interface AccessOptions {
  db: Kysely<object>;
  audit: AuditSink;
  clock?: Clock;
  /** The configured admin token (SWITCHBOARD_ADMIN_TOKEN): full rights, for bootstrap and automation. */
  rootToken?: string;
  sessionTtlMinutes?: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const TOKEN = /^sbt_([0-9a-f]{16})_([A-Za-z0-9_-]{32})$/;

/** Users, sessions and API tokens, and the one decision every protected route asks for. */
export class AccessControl {
  private readonly db: Kysely<AccessTables>;
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(private readonly options: AccessOptions) {
    this.db = options.db.withTables<AccessTables>();
    this.clock = options.clock ?? systemClock;
    this.ttlMs = (options.sessionTtlMinutes ?? 480) * 60_000;
  }

  async createUser(input: { username: string; password: string; role: string }, actor: string) {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._@-]{3,64}$/.test(username))
      throw new SwitchboardError(
        "bad_request",
        "username must be 3-64 characters: letters, digits, dot, dash, underscore, @",
      );
    if (!isRole(input.role))
      throw new SwitchboardError(
        "bad_request",
        `role must be one of ${Object.keys(ROLE_PERMISSIONS).join(", ")}`,
      );
    const problem = passwordProblem(input.password);
    if (problem) throw new SwitchboardError("bad_request", `password ${problem}`);
    const exists = await this.db
      .selectFrom("auth_users")
      .select("id")
      .where("username", "=", username)
      .executeTakeFirst();
    if (exists) throw new SwitchboardError("conflict", `User ${username} already exists`);
    const id = `u_${randomBytes(9).toString("base64url")}`;
    await this.db
      .insertInto("auth_users")
      .values({
        id,
        username,
        password_hash: await hashPassword(input.password),
        role: input.role,
        created_at: this.clock.now().toISOString(),
        disabled_at: null,
      })
      .execute();
    await this.options.audit.append({
      actor,
      action: "user_created",
      subject: { type: "user", id },
      data: { username, role: input.role },
    });
    return { id, username, role: input.role };
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom("auth_users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listUsers() {
    const rows = await this.db.selectFrom("auth_users").selectAll().orderBy("username").execute();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      role: r.role,
      createdAt: r.created_at,
      disabled: r.disabled_at !== null,
    }));
  }

  /** Checks the password (constant work whether or not the user exists); audits success and failure. */
  async signIn(username: string, password: string, context: { ip: string }): Promise<SignedIn | null> {
    const name = username.trim().toLowerCase();
    const user = await this.db
      .selectFrom("auth_users")
      .selectAll()
      .where("username", "=", name)
      .executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled_at) {
      await this.options.audit.append({
        actor: `ip:${context.ip}`,
        action: "sign_in_failed",
        subject: { type: "user", id: user?.id ?? "unknown" },
        data: {
          username: name.slice(0, 64),
          reason: !user ? "unknown_user" : !ok ? "wrong_password" : "disabled",
        },
      });
      return null;
    }
    const sessionId = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.ttlMs).toISOString();
    await this.db
      .insertInto("auth_sessions")
      .values({
        id_hash: sha256(sessionId),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
    await this.options.audit.append({
      actor: `user:${user.id}`,
      action: "sign_in",
      subject: { type: "user", id: user.id },
      data: { ip: context.ip, expiresAt },
    });
    return {
      sessionId,
      csrfToken,
      expiresAt,
      user: { id: user.id, username: user.username, role: user.role as Role },
    };
  }

  async signOut(sessionId: string): Promise<void> {
    await this.db.deleteFrom("auth_sessions").where("id_hash", "=", sha256(sessionId)).execute();
  }

  async purgeExpiredSessions(): Promise<number> {
    const result = await this.db
      .deleteFrom("auth_sessions")
      .where("expires_at", "<=", this.clock.now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Creates an API token; the secret is returned once and only its hash is kept. */
  async createToken(
    input: { name: string; role: string; scopes?: string[] | undefined; expiresAt?: string | undefined },
    actor: string,
  ) {
    if (!isRole(input.role)) throw new SwitchboardError("bad_request", `Unknown role ${input.role}`);
    const allowed = ROLE_PERMISSIONS[input.role];
    for (const scope of input.scopes ?? []) {
      if (!isPermission(scope)) throw new SwitchboardError("bad_request", `Unknown scope ${scope}`);
      if (!allowed.includes(scope))
        throw new SwitchboardError("bad_request", `Scope ${scope} is not part of the ${input.role} role`);
    }
    const id = randomBytes(8).toString("hex");
    const secret = randomBytes(24).toString("base64url");
    await this.db
      .insertInto("auth_tokens")
      .values({
        id,
        name: input.name,
        secret_hash: sha256(secret),
        role: input.role,
        scopes: input.scopes ? JSON.stringify(input.scopes) : null,
        created_by: actor,
        created_at: this.clock.now().toISOString(),
        expires_at: input.expiresAt ?? null,
        revoked_at: null,
      })
      .execute();
    await this.options.audit.append({
      actor,
      action: "token_created",
      subject: { type: "token", id },
      data: {
        name: input.name,
        role: input.role,
        scopes: input.scopes ?? null,
        expiresAt: input.expiresAt ?? null,
      },
    });
    return { id, token: `sbt_${id}_${secret}` };
  }

  async revokeToken(id: string, actor: string): Promise<boolean> {
    const result = await this.db
      .updateTable("auth_tokens")
      .set({ revoked_at: this.clock.now().toISOString() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) === 1;
    if (revoked)
      await this.options.audit.append({
        actor,
        action: "token_revoked",
        subject: { type: "token", id },
        data: null,
      });
    return revoked;
  }

  async listTokens() {
    const rows = await this.db.selectFrom("auth_tokens").selectAll().orderBy("created_at").execute();
    return rows.map((r: ApiTokenRow) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      scopes: r.scopes ? (JSON.parse(r.scopes) as string[]) : null,
      createdBy: r.created_by,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revoked: r.revoked_at !== null,
    }));
  }

  async authenticate(credentials: Credentials): Promise<Principal | null> {
    const now = this.clock.now().toISOString();
    if (credentials.bearer) {
      const bearer = credentials.bearer;
      if (this.options.rootToken && sameSecret(bearer, this.options.rootToken))
        return {
          kind: "root",
          id: "root",
          name: "admin token",
          role: "admin",
          permissions: new Set(ROLE_PERMISSIONS.admin),
        };
      const match = TOKEN.exec(bearer);
      if (!match) return null;
      const row = await this.db
        .selectFrom("auth_tokens")
        .selectAll()
        .where("id", "=", match[1] as string)
        .executeTakeFirst();
      if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
      if (!sameSecret(sha256(match[2] as string), row.secret_hash) || !isRole(row.role)) return null;
      const scopes = row.scopes ? (JSON.parse(row.scopes) as Permission[]) : ROLE_PERMISSIONS[row.role];
      const permissions = new Set(scopes.filter((s) => ROLE_PERMISSIONS[row.role as Role].includes(s)));
      return { kind: "token", id: row.id, name: row.name, role: row.role, permissions };
    }
    if (credentials.sessionId) {
      const row = await this.db
        .selectFrom("auth_sessions")
        .innerJoin("auth_users", "auth_users.id", "auth_sessions.user_id")
        .select(["auth_users.id", "auth_users.username", "auth_users.role", "auth_users.disabled_at"])
        .select(["auth_sessions.csrf_token", "auth_sessions.expires_at"])
        .where("auth_sessions.id_hash", "=", sha256(credentials.sessionId))
        .executeTakeFirst();
      if (!row || row.expires_at <= now || row.disabled_at || !isRole(row.role)) return null;
      return {
        kind: "user",
        id: row.id,
        name: row.username,
        role: row.role,
        permissions: new Set(ROLE_PERMISSIONS[row.role]),
        csrfToken: row.csrf_token,
      };
    }
    return null;
  }

  /**
   * The decision for one request. Browser sessions ride on a cookie the browser sends by itself, so
   * a state-changing request must also carry the session's CSRF token in a header another site's
   * page cannot read or set.
   */
  async authorize(
    credentials: Credentials,
    permission: Permission,
    request: { method: string; csrfHeader?: string | undefined },
  ): Promise<Authorization> {
    const principal = await this.authenticate(credentials);
    if (!principal)
      return {
        ok: false,
        code: "unauthorized",
        message:
          credentials.bearer || credentials.sessionId
            ? "The token or session is invalid or has expired"
            : "Sign in or send a bearer token",
      };
    const unsafe = !["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase());
    if (
      principal.csrfToken &&
      unsafe &&
      !(request.csrfHeader && sameSecret(request.csrfHeader, principal.csrfToken))
    )
      return { ok: false, code: "forbidden", message: "Missing or wrong CSRF token (x-csrf-token header)" };
    if (!principal.permissions.has(permission))
      return { ok: false, code: "forbidden", message: `The ${principal.role} role may not ${permission}` };
    return { ok: true, principal };
  }
}
