import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type ConversationService, MAX_MESSAGE_CHARS } from "../../conversation/index.ts";
import { errorBody, type ZodServer } from "../../platform/index.ts";

const Reply = z.object({ role: z.literal("agent"), text: z.string() });
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
/** Also checked on the WebSocket: a locale that is not BCP 47 breaks every reply formatting a date. */
export const Locale = z
  .string()
  .max(35)
  .refine((l) => {
    try {
      return Intl.getCanonicalLocales(l).length === 1;
    } catch {
      return false;
    }
  }, "must be a BCP 47 locale such as en-US or de-DE");

export const CHANNELS = ["chat", "voice", "email", "sms", "whatsapp"] as const;

const ConversationSummary = z.object({
  id: z.string(),
  channel: z.string(),
  locale: z.string(),
  language: z.string(),
  agentId: z.string(),
  agentVersion: z.string(),
  customerId: z.string().nullable(),
  status: z.enum(["active", "handed_off", "ended"]),
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable(),
  eventCount: z.number(),
});
const StoredEvent = z.object({
  seq: z.number(),
  at: z.string(),
  event: z.object({ type: z.string() }).passthrough(),
});

export interface ChatRouteOptions {
  /** Admits staff with the permission to list conversations. */
  guardList: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** Conversations started per client address (messages are limited per conversation by the service). */
  startsPerMinute: number;
}

/** The chat API (HTTP): start a conversation, send messages, read it back. */
export function chatRoutes(app: ZodServer, service: ConversationService, options: ChatRouteOptions): void {
  app.post(
    "/api/v1/conversations",
    {
      config: { rateLimit: { max: options.startsPerMinute, timeWindow: "1 minute" } },
      schema: {
        tags: ["conversations"],
        summary: "Start a conversation; the agent's greeting comes back",
        body: z
          .object({ channel: z.enum(CHANNELS).default("chat"), locale: Locale.optional() })
          .strict()
          .default({ channel: "chat" }),
        response: {
          201: z.object({ id: z.string(), messages: z.array(Reply) }),
          400: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const started = await service.start({ channel: request.body.channel, locale: request.body.locale });
      return reply
        .status(201)
        .send({ id: started.id, messages: started.messages.map((m) => ({ role: m.role, text: m.text })) });
    },
  );

  app.post(
    "/api/v1/conversations/:id/messages",
    {
      schema: {
        tags: ["conversations"],
        summary: "Send the customer's message; the agent's replies come back",
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z
          .object({
            text: z.string().max(MAX_MESSAGE_CHARS, `text must be at most ${MAX_MESSAGE_CHARS} characters`),
          })
          .strict(),
        response: {
          200: z.object({ messages: z.array(Reply), ended: z.boolean(), handoff: z.unknown().nullable() }),
          400: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          410: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request) => {
      const result = await service.send(request.params.id, request.body.text);
      return {
        messages: result.messages.map((m) => ({ role: m.role, text: m.text })),
        ended: result.ended,
        handoff: result.handoff ?? null,
      };
    },
  );

  app.get(
    "/api/v1/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "A conversation with its events (the id is the capability: unguessable, 96 random bits)",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: ConversationSummary.extend({ events: z.array(StoredEvent) }), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await service.get(request.params.id);
      if (!found)
        return reply.status(404).send(errorBody("not_found", `Conversation ${request.params.id} not found`));
      const { conversation, events } = found;
      const { state: _state, ...rest } = conversation;
      return { ...rest, events };
    },
  );

  app.get(
    "/api/v1/conversations",
    {
      onRequest: options.guardList,
      schema: {
        tags: ["conversations"],
        summary: "Conversations, newest first",
        security: [{ bearer: [] }, { session: [] }],
        querystring: z.object({
          channel: z.enum(CHANNELS).optional(),
          status: z.enum(["active", "handed_off", "ended"]).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(20),
          before: z.string().max(40).optional(),
        }),
        response: {
          200: z.object({ conversations: z.array(ConversationSummary) }),
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request) => {
      const { channel, status, limit, before } = request.query;
      const rows = await service.list({
        ...(channel ? { channel } : {}),
        ...(status ? { status } : {}),
        limit,
        ...(before ? { before } : {}),
      });
      return { conversations: rows.map(({ state: _state, ...rest }) => rest) };
    },
  );
}
