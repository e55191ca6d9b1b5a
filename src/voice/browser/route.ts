import type {} from "@fastify/websocket";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { errorBody, FixedWindowLimiter, type Logger } from "../../platform/index.ts";
import { BrowserCall, type BrowserSessions } from "./call.ts";

export interface BrowserVoiceOptions {
  /** The app's voice sessions: each call opens one, and the page shows its transcript. */
  sessions: BrowserSessions;
  /** New calls per address and minute, as the chat's starts (unset: no limit). */
  startsPerMinute?: number;
  logger: Logger;
}

/**
 * Browsers apply no CORS to WebSockets, so any site's page could open calls on a visitor's behalf
 * (and their microphone's): an Origin other than our own is refused. Programs send no Origin.
 */
async function sameOrigin(request: FastifyRequest, reply: FastifyReply) {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host !== request.host)
    return reply.status(403).send(errorBody("forbidden", "Calls open only from the store's own /voice page"));
}

/**
 * The /voice page's call at GET /voice/ws (protocol in ./protocol.ts and docs/voice.md): the page's
 * microphone in, the agent's voice out, keypad presses, barge-in and the transcript. A plugin, so the
 * app mounts it with its voice sessions in one line.
 */
export async function browserVoice(app: FastifyInstance, options: BrowserVoiceOptions): Promise<void> {
  const starts = new FixedWindowLimiter(
    options.startsPerMinute,
    (limit) => `Too many new calls: at most ${limit} a minute; try again shortly`,
  );
  app.get(
    "/voice/ws",
    { websocket: true, onRequest: sameOrigin, schema: { hide: true } },
    (socket: WebSocket, request: FastifyRequest) => {
      new BrowserCall(socket, {
        sessions: options.sessions,
        admit: () => starts.admit(request.ip),
        logger: options.logger,
      });
    },
  );
}
