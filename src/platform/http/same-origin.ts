import type { FastifyReply, FastifyRequest } from "fastify";
import { errorBody } from "./errors.ts";

/**
 * An `onRequest` hook for WebSockets that browsers open from our own pages. Browsers apply no CORS to
 * WebSockets: any site's page may open one to us, with the visitor's cookies (a sibling subdomain is
 * even the same site, so SameSite does not stop it). An Origin other than our own host is refused
 * with 403 and `refusal`; programs send no Origin and pass.
 */
export function sameOrigin(refusal: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== request.host) return reply.status(403).send(errorBody("forbidden", refusal));
  };
}
