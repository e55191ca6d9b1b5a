import type {} from "@fastify/websocket";
import type { FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import type { LiveMessage } from "../conversation/index.ts";
import type { DeskEvent } from "../handoff/index.ts";
import { actorOf, sameOrigin, type ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";

/**
 * The desk, live, at /api/v1/desk/ws: every DeskEvent of the router (offers, queue changes,
 * presence, closures), and the messages of the conversations assigned to the signed-in person as
 * they are written (`{type:"message", conversationId, role, text}`). Customer text of conversations
 * that are someone else's is not pushed: the event says only that one arrived. The socket is
 * one-way; whatever the browser sends is ignored.
 */
export function deskLive(app: ZodServer, parts: AppParts): void {
  const { desk, conversations } = parts;
  app.get(
    "/api/v1/desk/ws",
    {
      websocket: true,
      // The session cookie is SameSite=Strict, but a sibling subdomain is the same site.
      onRequest: [
        parts.guard("desk:handle"),
        sameOrigin("The desk socket opens only from the desk's own pages"),
      ],
      schema: { hide: true },
    },
    (socket: WebSocket, request: FastifyRequest) => {
      const me = actorOf(request);
      const send = (frame: unknown) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      // This person's conversations, kept from the router's events rather than read per message: every
      // desk socket hears every message on the platform.
      const mine = new Set<string>();
      const onDesk = (event: DeskEvent) => {
        if (event.type === "assigned" && event.userId === me) mine.add(event.conversationId);
        if (event.type === "closed") mine.delete(event.conversationId);
        send(
          event.type === "customer_message"
            ? { type: event.type, conversationId: event.conversationId }
            : event,
        );
      };
      const onMessage = (message: LiveMessage) => {
        if (mine.has(message.conversationId))
          send({
            type: "message",
            conversationId: message.conversationId,
            role: message.role,
            text: message.text,
          });
      };
      desk.router.events.on("desk", onDesk);
      conversations.live.on("message", onMessage);
      const stop = () => {
        desk.router.events.off("desk", onDesk);
        conversations.live.off("message", onMessage);
      };
      socket.on("close", stop);
      socket.on("error", stop);
      // Frames from the browser carry nothing; a bad one must not bring anything down.
      socket.on("message", () => undefined);
      // Listening first, then what is already assigned: nothing assigned in between is missed.
      desk.queue
        .open()
        .then((open) => {
          for (const h of open)
            if (h.status === "assigned" && h.assignedTo === me) mine.add(h.conversationId);
          send({ type: "hello", userId: me });
        })
        .catch((error: unknown) => {
          request.log.error({ err: error }, "desk socket could not read the queue");
          socket.close(1011, "try again");
        });
    },
  );
}
