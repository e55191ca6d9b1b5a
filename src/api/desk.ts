import { z } from "zod";
import type { ConversationEvent } from "../conversation/index.ts";
import { PRESENCE, WRAP_UP_CODES } from "../handoff/index.ts";
import { actorOf, SwitchboardError, type ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";
import { errorResponses, security } from "./schemas.ts";

const Id = z.object({ id: z.string().min(1).max(64) });
const Text = z.object({ text: z.string().min(1).max(4000) });
const ok = z.object({ ok: z.literal(true) });
const HandoffView = z.object({
  conversationId: z.string(),
  queue: z.string(),
  language: z.string(),
  channel: z.string(),
  reason: z.string(),
  status: z.enum(["waiting", "offered", "assigned", "closed"]),
  priority: z.number(),
  enqueuedAt: z.string(),
  offeredTo: z.string().nullable(),
  assignedTo: z.string().nullable(),
  attempts: z.number(),
  lastFailure: z.string().nullable(),
  callbackRequested: z.boolean(),
  wrapUp: z.string().nullable(),
  closedAt: z.string().nullable(),
});
const AgentView = z.object({
  userId: z.string(),
  displayName: z.string(),
  presence: z.enum(PRESENCE),
  languages: z.array(z.string()),
  maxChats: z.number(),
  maxCalls: z.number(),
  updatedAt: z.string(),
});
const mutation = (summary: string, body?: z.ZodType) => ({
  tags: ["desk"],
  summary,
  security,
  params: Id,
  ...(body ? { body } : {}),
  response: {
    200: ok,
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
    409: errorResponses[400].describe("Not yours, or not in that state"),
  },
});

/** The transcript as the desk shows it: who said what, with the desk's own notes apart. */
function transcript(events: Array<{ at: string; event: ConversationEvent }>) {
  const messages: Array<{ role: "customer" | "agent" | "human"; text: string; at: string; author?: string }> =
    [];
  const notes: Array<{ author: string; text: string; at: string }> = [];
  for (const { at, event } of events) {
    if (event.type === "customer_message") messages.push({ role: "customer", text: event.text, at });
    else if (event.type === "agent_message") messages.push({ role: "agent", text: event.text, at });
    else if (event.type === "human_message")
      messages.push({ role: "human", text: event.text, at, author: event.author });
    else if (event.type === "desk_note") notes.push({ author: event.author, text: event.text, at });
  }
  return { messages, notes };
}

/**
 * The desk's API: the queue, presence, one conversation with its escalation packet and transcript,
 * and what a person does with it (take, reply, note, hand back, close with a wrap-up code); the
 * floor's figures for supervisors.
 */
export function deskRoutes(app: ZodServer, parts: AppParts): void {
  const { desk } = parts;

  app.get(
    "/api/v1/desk/queue",
    {
      onRequest: parts.guard("desk:handle"),
      schema: {
        tags: ["desk"],
        summary: "Open handoffs, highest priority first, and the people at the desk",
        security,
        response: {
          200: z.object({ handoffs: z.array(HandoffView), agents: z.array(AgentView) }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async () => ({ handoffs: await desk.queue.open(), agents: await desk.agents.list() }),
  );

  app.put(
    "/api/v1/desk/presence",
    {
      onRequest: parts.guard("desk:handle"),
      schema: {
        tags: ["desk"],
        summary: "Set your presence, languages and capacity (several chats, one call)",
        security,
        body: z
          .object({
            presence: z.enum(PRESENCE),
            displayName: z.string().min(1).max(100).optional(),
            languages: z
              .array(z.enum(["en", "de", "fr", "es", "it", "nl"]))
              .min(1)
              .max(6)
              .optional(),
            maxChats: z.number().int().min(1).max(10).optional(),
            maxCalls: z.number().int().min(0).max(1).optional(),
          })
          .strict(),
        response: {
          200: AgentView,
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request) => {
      const userId = actorOf(request);
      const { displayName, ...rest } = request.body;
      return desk.setPresence(userId, {
        ...rest,
        displayName: displayName ?? request.principal?.id ?? userId,
      });
    },
  );

  app.get(
    "/api/v1/desk/conversations/:id",
    {
      onRequest: parts.guard("desk:handle"),
      schema: {
        tags: ["desk"],
        summary: "A handed-over conversation: the handoff, the escalation packet, the transcript and notes",
        security,
        params: Id,
        response: {
          200: z.object({
            handoff: HandoffView,
            packet: z.unknown(),
            status: z.string(),
            messages: z.array(
              z.object({
                role: z.enum(["customer", "agent", "human"]),
                text: z.string(),
                at: z.string(),
                author: z.string().optional(),
              }),
            ),
            notes: z.array(z.object({ author: z.string(), text: z.string(), at: z.string() })),
          }),
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      const handoff = await desk.queue.get(id);
      const found = await parts.conversations.get(id);
      if (!handoff || !found)
        throw new SwitchboardError("not_found", `Conversation ${id} was not handed over`);
      const packet = [...found.events]
        .reverse()
        .map((e) => e.event)
        .find((e): e is Extract<ConversationEvent, { type: "handoff" }> => e.type === "handoff")?.packet;
      return {
        handoff,
        packet: packet ?? null,
        status: found.conversation.status,
        ...transcript(found.events),
      };
    },
  );

  app.post(
    "/api/v1/desk/conversations/:id/take",
    { onRequest: parts.guard("desk:handle"), schema: mutation("Take a waiting or offered conversation") },
    async (request) => {
      await desk.take(request.params.id, actorOf(request));
      return { ok: true as const };
    },
  );
  app.post(
    "/api/v1/desk/conversations/:id/reply",
    {
      onRequest: parts.guard("desk:handle"),
      schema: mutation("Reply to the customer on their channel", Text),
    },
    async (request) => {
      await desk.reply(request.params.id, actorOf(request), (request.body as z.infer<typeof Text>).text);
      return { ok: true as const };
    },
  );
  app.post(
    "/api/v1/desk/conversations/:id/notes",
    {
      onRequest: parts.guard("desk:handle"),
      schema: mutation("An internal note the customer never sees", Text),
    },
    async (request) => {
      await desk.note(request.params.id, actorOf(request), (request.body as z.infer<typeof Text>).text);
      return { ok: true as const };
    },
  );
  app.post(
    "/api/v1/desk/conversations/:id/hand-back",
    { onRequest: parts.guard("desk:handle"), schema: mutation("Give the conversation back to the agent") },
    async (request) => {
      await desk.handBack(request.params.id, actorOf(request));
      return { ok: true as const };
    },
  );
  const WrapUp = z.object({ wrapUp: z.enum(WRAP_UP_CODES) });
  app.post(
    "/api/v1/desk/conversations/:id/close",
    {
      onRequest: parts.guard("desk:handle"),
      schema: mutation("Close the conversation with a wrap-up code", WrapUp),
    },
    async (request) => {
      await desk.close(request.params.id, actorOf(request), (request.body as z.infer<typeof WrapUp>).wrapUp);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/v1/desk/floor",
    {
      onRequest: parts.guard("desk:supervise"),
      schema: {
        tags: ["desk"],
        summary: "The floor now: queues and waits, people and their load, escalations and closures today",
        security,
        response: {
          200: z.object({
            queues: z.array(
              z.object({ queue: z.string(), waiting: z.number(), longestWaitSeconds: z.number() }),
            ),
            agents: z.array(AgentView.extend({ load: z.number() })),
            open: z.object({
              byStatus: z.record(z.string(), z.number()),
              byChannel: z.record(z.string(), z.number()),
            }),
            today: z.object({
              escalations: z.number(),
              escalationsByReason: z.record(z.string(), z.number()),
              closed: z.number(),
              closedByWrapUp: z.record(z.string(), z.number()),
              callbacks: z.number(),
            }),
          }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async () => {
      const now = desk.queue.now();
      const open = await desk.queue.open();
      const dayStart = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
      const closed = await desk.queue.closedSince(dayStart);
      const count = <T>(items: T[], key: (t: T) => string) =>
        items.reduce<Record<string, number>>((acc, t) => {
          acc[key(t)] = (acc[key(t)] ?? 0) + 1;
          return acc;
        }, {});
      const queues = new Map<string, { waiting: number; longestWaitSeconds: number }>();
      for (const h of open.filter((x) => x.status === "waiting")) {
        const q = queues.get(h.queue) ?? { waiting: 0, longestWaitSeconds: 0 };
        q.waiting++;
        q.longestWaitSeconds = Math.max(
          q.longestWaitSeconds,
          Math.round((now.getTime() - Date.parse(h.enqueuedAt)) / 1000),
        );
        queues.set(h.queue, q);
      }
      const today = [...open, ...closed].filter((h) => Date.parse(h.enqueuedAt) >= dayStart.getTime());
      return {
        queues: [...queues].map(([queue, q]) => ({ queue, ...q })),
        agents: (await desk.agents.list()).map((a) => ({
          ...a,
          load: open.filter((h) => h.assignedTo === a.userId && h.status === "assigned").length,
        })),
        open: { byStatus: count(open, (h) => h.status), byChannel: count(open, (h) => h.channel) },
        today: {
          escalations: today.length,
          escalationsByReason: count(today, (h) => h.reason),
          closed: closed.length,
          closedByWrapUp: count(closed, (h) => h.wrapUp ?? "none"),
          callbacks: today.filter((h) => h.callbackRequested).length,
        },
      };
    },
  );
}
