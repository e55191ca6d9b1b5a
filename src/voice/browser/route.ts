import type {} from "@fastify/websocket";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import { FixedWindowLimiter, type Logger, sameOrigin } from "../../platform/index.ts";
import { BrowserCall, type BrowserSessions } from "./call.ts";

export interface BrowserVoiceOptions {
  /** The app's voice sessions: each call opens one, and the page shows its transcript. */
  sessions: BrowserSessions;
  /** New calls per address and minute, as the chat's starts (unset: no limit). */
  startsPerMinute?: number;
  logger: Logger;
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
    {
      websocket: true,
      // Any site's page could otherwise open calls from a visitor's browser (and microphone).
      onRequest: sameOrigin("Calls open only from the store's own /voice page"),
      schema: { hide: true },
    },
    (socket: WebSocket, request: FastifyRequest) => {
      new BrowserCall(socket, {
        sessions: options.sessions,
        admit: () => starts.admit(request.ip),
        logger: options.logger,
      });
    },
  );
}
