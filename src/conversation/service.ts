import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { EscalationPacket } from "../agent/dialogue/packet.ts";
import type { DialogueState } from "../agent/dialogue/state.ts";
import type { AgentEvent } from "../agent/events.ts";
import type { Agent, AgentReply } from "../agent/runtime.ts";
import { findSpokenDigits } from "../agent/understanding/entities/index.ts";
import type { Understanding } from "../agent/understanding/types.ts";
import { type RedactionContext, type RedactionSettings, redact } from "../compliance/index.ts";
import { type Clock, FixedWindowLimiter, SwitchboardError, systemClock } from "../platform/index.ts";
import type { ConversationEvent, StoredEvent } from "./events.ts";
import { type ConversationRecord, type ConversationStatus, type ConversationStore, ERASED } from "./store.ts";

/** Longest customer message accepted: a long email fits; a pasted log file does not. */
export const MAX_MESSAGE_CHARS = 4000;

export interface ChannelReply {
  role: "agent";
  text: string;
  voice: string;
}

export interface SendResult {
  messages: ChannelReply[];
  ended: boolean;
  handoff: unknown;
  /** What the agent asked for and waits for now (a voice call listens for it), when anything. */
  expecting?: string | null;
  /** What the caller may name among the choices offered ("water bottle", "blue"), when any. */
  choices?: string[];
}

/** The names a customer may use for the choices offered, once each. */
function choicesOf(options: Array<{ say?: string[] }> | undefined): { choices?: string[] } {
  const names = [...new Set((options ?? []).flatMap((o) => o.say ?? []))];
  return names.length > 0 ? { choices: names } : {};
}

/** Strips control characters a chat box cannot have typed; keeps line breaks. */
export function cleanMessage(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127)) out += ch;
  }
  return out.trim();
}

/** A message the agent's catalogue renders (a key and its values), for hooks outside the agent. */
export interface KeyedMessage {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * What the desk does around a conversation (src/handoff): queue it when the agent hands it over,
 * and hear what the customer writes while a person has it.
 */
export interface DeskHooks {
  /** Returns what to tell the customer about the wait (the wait, a callback offer), if anything. */
  handedOff(packet: EscalationPacket): Promise<KeyedMessage[]>;
  /** The customer wrote while handed over; returns an automatic answer, if any, and a callback taken. */
  customerMessage(
    conversationId: string,
    text: string,
    yesNo: boolean | undefined,
  ): Promise<{ replies: KeyedMessage[]; callbackRequested?: boolean }>;
}

/** Messages as they happen, for the customer's open socket and the desk. */
export interface LiveMessage {
  conversationId: string;
  role: "customer" | "agent" | "human";
  text: string;
  author?: string;
}

/** Yes or no, as the agent reads it: the yes/no words, or a confident affirm or deny. */
function yesNoOf(u: Understanding): boolean | undefined {
  const answer = u.entities.find((e) => e.type === "yes_no")?.value;
  if (typeof answer === "boolean") return answer;
  if (u.confidence >= 0.6 && (u.intent === "affirm" || u.intent === "deny")) return u.intent === "affirm";
  return undefined;
}

function reply(r: AgentReply): ChannelReply {
  return { role: "agent", text: r.text, voice: r.voice };
}

/**
 * Conversations across channels: opens them, runs each customer message through the agent, and
 * appends everything that happened to the log. Messages to one conversation are handled one at a
 * time (in this process by a queue, across processes by the log's optimistic check).
 */
export class ConversationService {
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * Whether the conversation's last message was about a card, so that the rest of a number sent in
   * the next message is caught too. Holds no data; lost on restart, which only loses that one hint.
   */
  private readonly cardContext = new Map<string, RedactionContext>();

  constructor(
    private readonly store: ConversationStore,
    private readonly agent: Agent,
    private readonly options: {
      agentVersion: string;
      clock?: Clock;
      /** Kinds of data redacted from customer messages (all by default). */
      redaction?: Partial<RedactionSettings>;
      /** Messages one conversation may send per minute, on any channel (unlimited when unset). */
      messagesPerMinute?: number;
      /**
       * A canary: another agent version, and which new conversations it serves (by id, stably). A
       * conversation stays with the version that opened it.
       */
      canary?: { agentVersion: string; agent: Agent; serves: (conversationId: string) => boolean };
      /** The desk: without it a handed-over conversation only hears that a colleague will come. */
      desk?: DeskHooks;
    } = { agentVersion: "1" },
  ) {
    this.live.setMaxListeners(0);
  }

  /** Every message as it is stored: the customer's socket hears the desk's replies through it. */
  readonly live = new EventEmitter<{ message: [LiveMessage] }>();

  /** Later wiring (the desk needs the service, the service the desk). */
  setDesk(desk: DeskHooks): void {
    this.options.desk = desk;
  }

  /** The version that serves new conversations (outside a canary's share). */
  get agentVersion(): string {
    return this.options.agentVersion;
  }

  private agentFor(version: string): Agent {
    const canary = this.options.canary;
    return canary && version === canary.agentVersion ? canary.agent : this.agent;
  }

  /** Fixed one-minute windows per conversation: a flood on one channel cannot starve the others. */
  private limiter: FixedWindowLimiter | null = null;

  private admit(id: string): void {
    this.limiter ??= new FixedWindowLimiter(
      this.options.messagesPerMinute,
      (limit) => `Too many messages: at most ${limit} a minute in one conversation; try again shortly`,
    );
    this.limiter.admit(id);
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  async start(input: {
    channel: string;
    locale?: string | undefined;
  }): Promise<{ id: string; messages: ChannelReply[] }> {
    const id = `c_${randomBytes(12).toString("base64url")}`;
    const canary = this.options.canary;
    const agentVersion = canary?.serves(id) ? canary.agentVersion : this.options.agentVersion;
    const agent = this.agentFor(agentVersion);
    const opened = agent.open(id, input.channel, input.locale);
    await this.store.create({
      id,
      channel: input.channel,
      locale: opened.state.locale,
      language: opened.state.language,
      agentId: agent.definition.definition.id,
      agentVersion,
      state: opened.state,
    });
    await this.store.append(
      id,
      [
        {
          type: "conversation_started",
          channel: input.channel,
          locale: opened.state.locale,
          language: opened.state.language,
          agentId: agent.definition.definition.id,
          agentVersion,
        },
        ...opened.events,
      ],
      { expectedEventCount: 0, state: opened.state },
    );
    return { id, messages: opened.replies.map(reply) };
  }

  /**
   * Card numbers (typed, spoken, split over two messages), security codes, expiry dates, IBANs and
   * national ids are masked before anything reads or stores the message (PCI DSS, GDPR): the agent,
   * the log, the desk and the analytics only ever see the mask.
   */
  private redact(id: string, text: string): string {
    const redacted = redact(text, {
      ...(this.options.redaction ? { settings: this.options.redaction } : {}),
      context: this.cardContext.get(id) ?? { cardContext: false },
      spokenDigits: findSpokenDigits,
    });
    if (redacted.context.cardContext) this.cardContext.set(id, redacted.context);
    else this.cardContext.delete(id);
    if (this.cardContext.size > 100_000) this.cardContext.clear();
    return redacted.text;
  }

  async send(id: string, text: string): Promise<SendResult> {
    this.admit(id);
    const cleaned = cleanMessage(text);
    if (cleaned === "") throw new SwitchboardError("bad_request", "The message is empty");
    if (cleaned.length > MAX_MESSAGE_CHARS)
      throw new SwitchboardError("bad_request", `The message is longer than ${MAX_MESSAGE_CHARS} characters`);
    const message = this.redact(id, cleaned);
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => this.handle(id, message));
    this.queues.set(id, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(id) === run) this.queues.delete(id);
    }
  }

  private async handle(id: string, text: string): Promise<SendResult> {
    const conversation = await this.store.get(id);
    if (!conversation) throw new SwitchboardError("not_found", `Conversation ${id} not found`);
    if (conversation.state === ERASED)
      throw new SwitchboardError("gone", `Conversation ${id} was erased at the customer's request`);
    const desk = this.options.desk;
    if (desk && conversation.status === "handed_off") return this.toDesk(conversation, text, desk);
    const history = async () =>
      (await this.store.events(id))
        .map((e) => e.event)
        .filter((e): e is AgentEvent => e.type !== "conversation_started");
    let turn: Awaited<ReturnType<Agent["turn"]>>;
    try {
      turn = await this.agentFor(conversation.agentVersion).turn(
        id,
        conversation.channel,
        conversation.state as DialogueState,
        text,
        history,
      );
    } catch (error) {
      // The agent failed on this message: what the customer wrote is still kept, with the failure beside it.
      await this.store
        .append(
          id,
          [
            { type: "customer_message", text },
            { type: "tool_result", tool: "agent", ok: false, code: "internal_error" },
          ],
          { expectedEventCount: conversation.eventCount, state: conversation.state },
        )
        .catch(() => {});
      throw error;
    }
    return this.finishTurn(conversation, turn, text);
  }

  /** Stores a turn's events (with the desk's wait messages after a handoff) and tells the listeners. */
  private async finishTurn(
    conversation: ConversationRecord,
    turn: Awaited<ReturnType<Agent["turn"]>>,
    text: string | null,
  ): Promise<SendResult> {
    const id = conversation.id;
    const desk = this.options.desk;
    const status: ConversationStatus = turn.state.status;
    const replies = turn.replies.map(reply);
    const events: ConversationEvent[] = [...turn.events];
    if (desk && turn.handoff) {
      // In line for a person before the customer hears about the wait.
      const extra = await desk.handedOff(turn.handoff as EscalationPacket);
      const renderer = this.agentFor(conversation.agentVersion);
      for (const m of extra) {
        const rendered = {
          role: "agent" as const,
          text: renderer.renderer(turn.state, "text").render(m.key, m.params ?? {}),
          voice: renderer.renderer(turn.state, "voice").render(m.key, m.params ?? {}),
        };
        replies.push(rendered);
        events.push({ type: "agent_message", text: rendered.text, key: m.key });
      }
    }
    await this.store.append(id, events, {
      expectedEventCount: conversation.eventCount,
      state: turn.state,
      status,
      customerId: turn.state.customer?.id ?? null,
      language: turn.state.language,
    });
    if (text !== null) this.live.emit("message", { conversationId: id, role: "customer", text });
    for (const r of replies) this.live.emit("message", { conversationId: id, role: "agent", text: r.text });
    return {
      messages: replies,
      ended: turn.ended,
      handoff: turn.handoff,
      expecting: turn.state.pending?.expecting ?? null,
      ...choicesOf(turn.state.pending?.options),
    };
  }

  /** The caller pressed 0: a person takes over, as when they ask for one. */
  async operator(id: string): Promise<SendResult> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous
      .catch(() => {})
      .then(async () => {
        const conversation = await this.store.get(id);
        if (!conversation || conversation.state === ERASED)
          throw new SwitchboardError("not_found", `Conversation ${id} not found`);
        const history = async () =>
          (await this.store.events(id))
            .map((e) => e.event)
            .filter((e): e is AgentEvent => e.type !== "conversation_started");
        const turn = await this.agentFor(conversation.agentVersion).operator(
          id,
          conversation.channel,
          conversation.state as DialogueState,
          history,
        );
        return this.finishTurn(conversation, turn, null);
      });
    this.queues.set(id, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(id) === run) this.queues.delete(id);
    }
  }

  /** While a person has the conversation, the customer's messages go to them, not to the agent. */
  private async toDesk(conversation: ConversationRecord, text: string, desk: DeskHooks): Promise<SendResult> {
    const id = conversation.id;
    const state = conversation.state as DialogueState;
    const agent = this.agentFor(conversation.agentVersion);
    const understood = await agent.understanding.parse(text, {
      current: state.language,
      languages: agent.languages,
      today: this.clock.now().toISOString().slice(0, 10),
    });
    const yes = yesNoOf(understood);
    const { replies: automatic, callbackRequested } = await desk.customerMessage(id, text, yes);
    const replies: ChannelReply[] = automatic.map((m) => ({
      role: "agent",
      text: agent.renderer(state, "text").render(m.key, m.params ?? {}),
      voice: agent.renderer(state, "voice").render(m.key, m.params ?? {}),
    }));
    await this.store.append(
      id,
      [
        { type: "customer_message", text },
        ...(callbackRequested ? [{ type: "callback_requested" as const }] : []),
        ...replies.map((r, i) => ({
          type: "agent_message" as const,
          text: r.text,
          key: automatic[i]?.key ?? "",
        })),
      ],
      { expectedEventCount: conversation.eventCount, state },
    );
    this.live.emit("message", { conversationId: id, role: "customer", text });
    for (const r of replies) this.live.emit("message", { conversationId: id, role: "agent", text: r.text });
    return { messages: replies, ended: false, handoff: null };
  }

  /** Appends desk events to a conversation in order with the customer's messages. */
  private async deskAppend(
    id: string,
    events: ConversationEvent[],
    change?: (state: DialogueState) => { status: ConversationStatus },
  ): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous
      .catch(() => {})
      .then(async () => {
        const conversation = await this.store.get(id);
        if (!conversation) throw new SwitchboardError("not_found", `Conversation ${id} not found`);
        if (conversation.state === ERASED)
          throw new SwitchboardError("gone", `Conversation ${id} was erased at the customer's request`);
        const state = conversation.state as DialogueState;
        const next = change?.(state);
        await this.store.append(id, events, {
          expectedEventCount: conversation.eventCount,
          state,
          ...(next ? { status: next.status } : {}),
        });
      });
    this.queues.set(id, run);
    try {
      await run;
    } finally {
      if (this.queues.get(id) === run) this.queues.delete(id);
    }
  }

  /** What a call's voice layer measured or heard (timings, interruptions), in order with the turns. */
  async recordVoice(
    id: string,
    events: Extract<ConversationEvent, { type: `voice_${string}` }>[],
  ): Promise<void> {
    await this.deskAppend(id, events);
  }

  /** A person's reply: stored in the log and sent to the customer's open chat. */
  async deskReply(id: string, author: string, text: string): Promise<void> {
    const cleaned = cleanMessage(text);
    if (cleaned === "") throw new SwitchboardError("bad_request", "The reply is empty");
    if (cleaned.length > MAX_MESSAGE_CHARS)
      throw new SwitchboardError("bad_request", `The reply is longer than ${MAX_MESSAGE_CHARS} characters`);
    const message = this.redact(`desk:${id}`, cleaned);
    await this.deskAppend(id, [{ type: "human_message", author, text: message }]);
    this.live.emit("message", { conversationId: id, role: "human", text: message, author });
  }

  async deskNote(id: string, author: string, text: string): Promise<void> {
    const cleaned = cleanMessage(text);
    if (cleaned === "" || cleaned.length > MAX_MESSAGE_CHARS)
      throw new SwitchboardError("bad_request", `A note is 1 to ${MAX_MESSAGE_CHARS} characters`);
    await this.deskAppend(id, [{ type: "desk_note", author, text: this.redact(`desk:${id}`, cleaned) }]);
  }

  async deskAssigned(id: string, author: string): Promise<void> {
    await this.deskAppend(id, [{ type: "desk_assigned", author }]);
  }

  async deskClose(id: string, author: string, wrapUp: string): Promise<void> {
    await this.deskAppend(id, [{ type: "desk_closed", author, wrapUp }], (state) => {
      state.status = "ended";
      return { status: "ended" };
    });
  }

  /** The agent takes the conversation back: the customer's next message goes to it again. */
  async handBack(id: string, author: string): Promise<void> {
    await this.deskAppend(id, [{ type: "handed_back", author }], (state) => {
      state.status = "active";
      state.handoffReason = null;
      return { status: "active" };
    });
  }

  async get(id: string): Promise<{ conversation: ConversationRecord; events: StoredEvent[] } | null> {
    const conversation = await this.store.get(id);
    if (!conversation) return null;
    return { conversation, events: await this.store.events(id) };
  }

  list(filter: Parameters<ConversationStore["list"]>[0]): Promise<ConversationRecord[]> {
    return this.store.list(filter);
  }

  now(): Date {
    return this.clock.now();
  }
}
