import type {} from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import { z } from "zod";
import { type ConversationService, type LiveMessage, MAX_MESSAGE_CHARS } from "../../conversation/index.ts";
import { FixedWindowLimiter, isSwitchboardError, type Logger } from "../../platform/index.ts";
import { CHANNELS, Locale } from "./routes.ts";

/** Frames the browser may send. Anything else is answered with an error frame, never a dropped socket. */
const ClientFrame = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    locale: Locale.optional(),
    channel: z.enum(CHANNELS).optional(),
  }),
  z.object({ type: z.literal("resume"), conversationId: z.string().min(1).max(64) }),
  z.object({ type: z.literal("message"), text: z.string().min(1).max(MAX_MESSAGE_CHARS) }),
]);

/** Largest frame read (a message plus JSON framing). */
const MAX_FRAME_BYTES = MAX_MESSAGE_CHARS * 4 + 1024;

/**
 * The chat over a WebSocket at /api/v1/chat/ws: `{type:"start"}` or `{type:"resume"}` then
 * `{type:"message", text}`; the server answers with `{type:"messages", ...}` or `{type:"error", ...}`,
 * and sends `{type:"human", text}` whenever a person at the desk replies.
 */
export function chatWebSocket(
  app: FastifyInstance,
  service: ConversationService,
  logger: Logger,
  options: { startsPerMinute?: number } = {},
): void {
  // The same per-address limit on new conversations as POST /api/v1/conversations.
  const starts = new FixedWindowLimiter(
    options.startsPerMinute,
    (limit) => `Too many new conversations: at most ${limit} a minute; try again shortly`,
  );
  app.get("/api/v1/chat/ws", { websocket: true, schema: { hide: true } }, (socket: WebSocket, request) => {
    let conversationId: string | null = null;
    let busy = Promise.resolve();
    const send = (frame: unknown) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    // A person's replies from the desk arrive whenever they are written.
    const fromDesk = (m: LiveMessage) => {
      if (m.conversationId === conversationId && m.role === "human")
        send({ type: "human", conversationId, text: m.text });
    };
    service.live.on("message", fromDesk);
    socket.on("close", () => service.live.off("message", fromDesk));
    socket.on("message", (raw: Buffer, isBinary: boolean) => {
      busy = busy.then(async () => {
        if (isBinary || raw.length > MAX_FRAME_BYTES)
          return send({
            type: "error",
            code: "bad_request",
            message: "Frames are JSON text of at most 16 KiB",
          });
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw.toString("utf8"));
        } catch {
          return send({ type: "error", code: "bad_request", message: "Frames must be JSON" });
        }
        const frame = ClientFrame.safeParse(parsed);
        if (!frame.success)
          return send({
            type: "error",
            code: "bad_request",
            message: frame.error.issues.map((i) => `${i.path.join(".") || "frame"}: ${i.message}`).join("; "),
          });
        try {
          if (frame.data.type === "start") {
            starts.admit(request.ip);
            const started = await service.start({
              channel: frame.data.channel ?? "chat",
              locale: frame.data.locale,
            });
            conversationId = started.id;
            return send({
              type: "messages",
              conversationId,
              messages: started.messages,
              ended: false,
              handoff: null,
            });
          }
          if (frame.data.type === "resume") {
            const found = await service.get(frame.data.conversationId);
            if (!found) return send({ type: "error", code: "not_found", message: "Conversation not found" });
            conversationId = found.conversation.id;
            return send({ type: "resumed", conversationId, status: found.conversation.status });
          }
          if (!conversationId)
            return send({
              type: "error",
              code: "bad_request",
              message: "Start or resume a conversation first",
            });
          const result = await service.send(conversationId, frame.data.text);
          return send({ type: "messages", conversationId, ...result });
        } catch (error) {
          if (
            isSwitchboardError(error) &&
            error.code !== "internal" &&
            error.code !== "storage_unavailable"
          ) {
            return send({ type: "error", code: error.code, message: error.message });
          }
          logger.error({ err: error, conversationId }, "chat websocket message failed");
          return send({ type: "error", code: "internal", message: "Something went wrong; please try again" });
        }
      });
    });
  });
}
