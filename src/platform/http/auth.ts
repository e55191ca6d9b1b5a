import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { errorBody } from "./errors.ts";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A preHandler that admits only `Authorization: Bearer <token>`. */
export function requireBearer(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1] || !sameToken(match[1], token)) {
      reply.header("www-authenticate", 'Bearer realm="switchboard"');
      return reply
        .status(401)
        .send(errorBody("unauthorized", match ? "Invalid token" : "A bearer token is required"));
    }
  };
}
