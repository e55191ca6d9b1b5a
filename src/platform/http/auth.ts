import type { FastifyReply, FastifyRequest } from "fastify";
import { errorBody } from "./errors.ts";

/** The browser session cookie set at sign-in (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = "sb_session";
export const CSRF_HEADER = "x-csrf-token";

/** Decides one request; compliance/ implements it over users, sessions and tokens. */
export interface RequestAuthorizer<P extends string> {
  authorize(
    credentials: { bearer?: string | undefined; sessionId?: string | undefined },
    permission: P,
    request: { method: string; csrfHeader?: string | undefined },
  ): Promise<
    | { ok: true; principal: { kind: string; id: string; role: string } }
    | { ok: false; code: "unauthorized" | "forbidden"; message: string }
  >;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Who made the request, once a guard admitted it. */
    principal?: { kind: string; id: string; role: string };
  }
}

export function requestCredentials(request: FastifyRequest) {
  const header = request.headers.authorization ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  return { bearer, sessionId: bearer ? undefined : cookies?.[SESSION_COOKIE] };
}

/** "actor" for audit entries: who did it, by kind and id. */
export function actorOf(request: FastifyRequest): string {
  const p = request.principal;
  return p ? `${p.kind}:${p.id}` : `ip:${request.ip}`;
}

/**
 * An onRequest hook that admits the request only with the given permission: 401 without credentials,
 * 403 without the right. It runs before the body is parsed, so strangers learn nothing of the schema.
 */
export function guard<P extends string>(authorizer: RequestAuthorizer<P>, permission: P) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const csrf = request.headers[CSRF_HEADER];
    const decision = await authorizer.authorize(requestCredentials(request), permission, {
      method: request.method,
      csrfHeader: Array.isArray(csrf) ? csrf[0] : csrf,
    });
    if (!decision.ok) {
      if (decision.code === "unauthorized") reply.header("www-authenticate", 'Bearer realm="switchboard"');
      return reply
        .status(decision.code === "unauthorized" ? 401 : 403)
        .send(errorBody(decision.code, decision.message));
    }
    request.principal = decision.principal;
  };
}
