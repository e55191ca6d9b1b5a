import { findMasks } from "../../compliance/index.ts";
import type { AgentEvent } from "../events.ts";
import { SKILL_REGISTRY } from "../skills/index.ts";
import { sentimentTrend } from "../understanding/sentiment/index.ts";
import type { Country, Language, Understanding } from "../understanding/types.ts";
import { buildPacket, type EscalationPacket } from "./packet.ts";
import {
  ANSWER_MAX_WORDS,
  DIGRESSION_CONFIDENCE,
  FREE_TEXT_DIGRESSION_CONFIDENCE,
  INTENT_SKILL,
  intentIsClear,
  MIN_INTENT_CONFIDENCE,
  mergeClosings,
} from "./routing.ts";
import { type DialogueState, type Frame, initialState, type SkillName } from "./state.ts";
import { type AgentServices, type Reply, type StepResult, Turn } from "./turn.ts";
import { turnCache } from "./turn-cache.ts";

/** The understanding back-end the engine uses (embedded, or an LLM behind the same interface). */
export interface UnderstandingEngine {
  parse(text: string, context: ParseContext): Promise<Understanding>;
}

export interface ParseContext {
  current?: Language | undefined;
  languages: readonly Language[];
  expecting?: Understanding["entities"][number]["type"] | undefined;
  today: string;
  country?: Country | undefined;
  orderItems?: Array<{ lineId: string; name: string; options: Record<string, string> }>;
}

export interface TurnResult {
  state: DialogueState;
  replies: Reply[];
  events: AgentEvent[];
  handoff: EscalationPacket | null;
  ended: boolean;
}

/** Skills no agent can do without. */
const ALWAYS_ON = new Set<SkillName>(["identify", "handoff", "goodbye"]);
/** Bounds the skill loop of one turn (a skill finishing resumes the one below it). */
const MAX_STEPS = 12;

export const DEFAULT_LOCALE: Record<Language, string> = {
  en: "en-US",
  de: "de-DE",
  fr: "fr-FR",
  es: "es-ES",
  it: "it-IT",
  nl: "nl-NL",
};

function localeFor(language: Language, region: string | undefined): string {
  const candidate = region ? `${language}-${region}` : DEFAULT_LOCALE[language];
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? DEFAULT_LOCALE[language];
  } catch {
    return DEFAULT_LOCALE[language];
  }
}

/**
 * One turn: understand the message against what was asked, route it (answer, new task, digression,
 * handoff), run the skill stack until the agent has something to ask or nothing left to do.
 */
export class DialogueEngine {
  constructor(
    private readonly services: AgentServices,
    private readonly understanding: UnderstandingEngine,
    private readonly languages: readonly Language[],
  ) {}

  open(conversationId: string, channel: string, language: Language, locale: string): TurnResult {
    const state = initialState(language, locale);
    const turn = new Turn(state, null, this.services, conversationId, channel);
    // Callers hear that the call is recorded and transcribed before anything else is said.
    if (channel === "voice" && this.services.definition.voice.recordingNotice)
      turn.say("greeting.recording_notice", { store: this.services.definition.store });
    turn.say("greeting.open", { store: this.services.definition.store });
    return { state, replies: turn.replies, events: [], handoff: null, ended: false };
  }

  async turn(
    conversationId: string,
    channel: string,
    previous: DialogueState,
    text: string,
    /** Earlier events of the conversation, read only if this turn hands over (the packet needs them). */
    history: () => Promise<AgentEvent[]>,
  ): Promise<TurnResult> {
    const state = structuredClone(previous);
    state.turns += 1;
    const services = { ...this.services, connector: turnCache(this.services.connector) };
    const turn = new Turn(state, null, services, conversationId, channel);
    turn.record({ type: "customer_message", text });
    // Card details were masked before the agent saw them: say so, and point to the safe way to pay.
    if (findMasks(text).some((m) => m.card)) turn.say("privacy.card_removed");

    if (state.status !== "active") {
      turn.say(state.status === "handed_off" ? "handoff.waiting" : "conversation.ended");
      return {
        state,
        replies: turn.replies,
        events: turn.events,
        handoff: null,
        ended: state.status !== "handed_off",
      };
    }

    const u = mergeClosings(await this.understand(turn, text));
    turn.understanding = u;
    state.language = u.language;
    turn.record({
      type: "interpretation",
      language: u.language,
      intent: u.intent,
      confidence: Math.round(u.confidence * 1000) / 1000,
      entities: u.entities.map((e) => ({ type: e.type, value: e.value })),
      sentiment: u.sentiment.score,
    });
    state.sentiment.push(u.sentiment.score);

    let handoff: string | null = null;
    try {
      handoff = this.route(turn, u);
      if (!handoff) handoff = await this.runStack(turn);
    } catch (error) {
      turn.record({ type: "tool_result", tool: "dialogue", ok: false, code: "internal_error" });
      turn.say("error.internal");
      handoff = "internal_error";
      this.onError?.(error);
    }

    let packet: EscalationPacket | null = null;
    if (handoff) {
      packet = await buildPacket(turn, handoff, await history());
      state.status = "handed_off";
      state.handoffReason = handoff;
      state.stack = [];
      state.pending = null;
      if (handoff === "negative_sentiment" || handoff === "complaint") turn.say("handoff.sorry");
      turn.say("handoff.transfer");
      turn.record({ type: "handoff", reason: handoff, packet });
    }
    return {
      state,
      replies: turn.replies,
      events: turn.events,
      handoff: packet,
      ended: (state.status as DialogueState["status"]) === "ended",
    };
  }

  /**
   * The caller pressed 0 for a person: the agent hands over at once, with the same packet and words
   * as when they ask for one.
   */
  async operator(
    conversationId: string,
    channel: string,
    previous: DialogueState,
    history: () => Promise<AgentEvent[]>,
  ): Promise<TurnResult> {
    const state = structuredClone(previous);
    const turn = new Turn(state, null, this.services, conversationId, channel);
    turn.record({ type: "keys_pressed", keys: "0" });
    if (state.status !== "active")
      return { state, replies: turn.replies, events: turn.events, handoff: null, ended: false };
    const packet = await buildPacket(turn, "customer_request", await history());
    state.status = "handed_off";
    state.handoffReason = "customer_request";
    state.stack = [];
    state.pending = null;
    turn.say("handoff.transfer");
    turn.record({ type: "handoff", reason: "customer_request", packet });
    return { state, replies: turn.replies, events: turn.events, handoff: packet, ended: false };
  }

  /** Set by the runtime to log faults; the customer only ever hears the fixed apology. */
  onError?: (error: unknown) => void;

  private async understand(turn: Turn, text: string): Promise<Understanding> {
    const state = turn.state;
    let orderItems: ParseContext["orderItems"];
    if (state.focusOrderId && state.customer) {
      const order = await turn.services.connector.getOrder(state.focusOrderId);
      if (order && order.customerId === state.customer.id)
        orderItems = order.items.map((i) => ({ lineId: i.lineId, name: i.name, options: i.options }));
    }
    const region = state.customer?.region ?? state.locale.split("-")[1];
    const u = await this.understanding.parse(text, {
      current: state.turns > 1 || state.stack.length > 0 ? state.language : undefined,
      languages: this.languages,
      expecting: state.pending?.expecting,
      today: turn.now().toISOString().slice(0, 10),
      country: region as Country | undefined,
      ...(orderItems ? { orderItems } : {}),
    });
    if (u.language !== state.language) state.locale = localeFor(u.language, state.customer?.region);
    return u;
  }

  private push(turn: Turn, skill: SkillName, digression = false): Frame {
    const frame: Frame = { id: turn.state.nextFrameId++, skill, slots: {}, digression };
    // What the request itself named ("return my sunglasses") still counts after identification.
    const u = turn.understanding;
    if (u && skill !== "identify") {
      const products = [
        ...new Set(u.entities.flatMap((e) => (e.type === "product" ? [e.value.productId] : []))),
      ];
      const values = u.entities.flatMap((e) => (e.type === "option_value" ? [e.value.value] : []));
      if (products.length > 0) frame.slots.seedProducts = products;
      frame.slots.seedText = u.text.slice(0, 500);
      const orderId = u.entities.find((e) => e.type === "order_id")?.value;
      if (typeof orderId === "string") frame.slots.seedOrderId = orderId;
      if (values.length > 0) frame.slots.seedOptions = values;
    }
    turn.state.stack.push(frame);
    turn.record({ type: "skill_started", skill, digression });
    return frame;
  }

  /** Decides what this message does to the stack; returns a handoff reason when it ends the agent's part. */
  private route(turn: Turn, u: Understanding): string | null {
    const state = turn.state;
    const definition = this.services.definition;
    if (definition.escalation.negativeSentiment && sentimentTrend(state.sentiment).escalate)
      return "negative_sentiment";
    const skill = intentIsClear(u) ? INTENT_SKILL[u.intent] : undefined;
    if (skill === "handoff" && u.confidence >= 0.6) return "customer_request";
    if (
      skill &&
      !ALWAYS_ON.has(skill) &&
      !definition.skills.includes(skill) &&
      u.confidence >= DIGRESSION_CONFIDENCE
    ) {
      // The store keeps this kind of request for its people.
      turn.say("handoff.not_offered");
      return "not_offered";
    }

    const pending = state.pending;
    const top = state.stack.at(-1);
    if (pending && top && pending.frameId === top.id) {
      const words = u.text.split(/\s+/).filter(Boolean).length;
      const newRequest =
        skill !== undefined && skill !== top.skill && u.confidence >= 0.85 && words > ANSWER_MAX_WORDS;
      const answers =
        (!newRequest && pending.expecting && u.entities.some((e) => e.type === pending.expecting)) ||
        ((pending.slot === "confirm" || pending.expecting === "yes_no") && turn.yesNo() !== undefined);
      if (skill === "goodbye" && !answers && u.confidence >= DIGRESSION_CONFIDENCE) {
        // "Bye" mid-task ends the conversation; the open task is left as it was.
        for (const frame of state.stack)
          turn.record({ type: "skill_completed", skill: frame.skill, outcome: "abandoned" });
        state.stack = [];
        state.pending = null;
        this.push(turn, "goodbye");
        return null;
      }
      // An open question with no entity to wait for (a reason, a refund destination) takes almost any
      // message as its answer; only an unmistakable new request interrupts it.
      const bar = pending.expecting ? DIGRESSION_CONFIDENCE : FREE_TEXT_DIGRESSION_CONFIDENCE;
      if (skill && skill !== top.skill && !answers && u.confidence >= bar) {
        state.pending = null;
        this.push(turn, skill, true);
        return null;
      }
      const explicitNo = turn.entity("yes_no") === false;
      const freeText = pending.slot === "reason";
      if (
        !answers &&
        !freeText &&
        u.intent === "deny" &&
        (u.confidence >= 0.9 || (explicitNo && u.confidence >= 0.6)) &&
        pending.slot !== "confirm"
      ) {
        // "Never mind": the open task is dropped, not answered.
        state.stack.pop();
        state.pending = null;
        turn.record({ type: "skill_completed", skill: top.skill, outcome: "abandoned" });
        turn.say("task.dropped");
        return null;
      }
      state.pending = null;
      state.misunderstood = 0;
      return null;
    }

    state.pending = null;
    if (skill) {
      state.misunderstood = 0;
      if (!(skill === top?.skill)) this.push(turn, skill);
      return null;
    }
    if (u.intent === "greeting" && u.confidence >= MIN_INTENT_CONFIDENCE) {
      turn.say("greeting.reply");
      return null;
    }
    if (u.intent === "thanks" && u.confidence >= MIN_INTENT_CONFIDENCE) {
      turn.say("thanks.reply");
      return null;
    }
    if (
      (u.intent === "affirm" || u.intent === "deny") &&
      u.confidence >= MIN_INTENT_CONFIDENCE &&
      top === undefined
    ) {
      turn.say(u.intent === "deny" ? "anything_else.no" : "anything_else.yes");
      if (u.intent === "deny") this.push(turn, "goodbye");
      return null;
    }
    if (top) return null;
    if (
      !state.customer &&
      u.entities.some((e) => e.type === "email" || e.type === "order_id" || e.type === "phone")
    ) {
      // Details given before a request ("here's my order number"): check who it is, then ask.
      this.push(turn, "identify");
      return null;
    }
    state.misunderstood += 1;
    if (state.misunderstood >= this.services.definition.escalation.misunderstoodTurns)
      return "not_understood";
    turn.say(
      u.intent === "out_of_scope" && u.confidence >= MIN_INTENT_CONFIDENCE
        ? "fallback.out_of_scope"
        : "fallback.not_understood",
    );
    return null;
  }

  /** The agent's cross-sell offer for what was just resolved, once per conversation. */
  private async crossSell(turn: Turn, frame: Frame): Promise<void> {
    if (turn.state.offered) return;
    for (const rule of this.services.definition.crossSell) {
      if (!rule.after.includes(frame.skill)) continue;
      if (rule.products) {
        const orderId =
          typeof frame.slots.orderId === "string" ? frame.slots.orderId : turn.state.focusOrderId;
        const order = orderId ? await turn.services.connector.getOrder(orderId) : null;
        if (!order?.items.some((i) => rule.products?.includes(i.name))) continue;
      }
      turn.say(rule.message);
      turn.state.offered = rule.message;
      return;
    }
  }

  /** Runs the top skill until one asks a question, all finish, or the agent hands over. */
  private async runStack(turn: Turn): Promise<string | null> {
    const state = turn.state;
    let resumed = false;
    for (let steps = 0; steps < MAX_STEPS; steps++) {
      const frame = state.stack.at(-1);
      if (!frame) return null;
      const skill = SKILL_REGISTRY[frame.skill];
      if (skill.requiresCustomer && !state.customer && !state.stack.some((f) => f.skill === "identify")) {
        this.push(turn, "identify");
        continue;
      }
      if (resumed) {
        turn.say("task.resume");
        resumed = false;
      }
      const result: StepResult = await skill.step(turn, frame);
      switch (result.kind) {
        case "ask":
          return null;
        case "push":
          this.push(turn, result.skill);
          continue;
        case "handoff":
          return result.reason;
        case "end":
          state.status = "ended";
          state.stack = [];
          turn.record({ type: "conversation_ended", reason: "goodbye" });
          return null;
        case "done": {
          state.stack.pop();
          turn.record({ type: "skill_completed", skill: frame.skill, outcome: result.outcome });
          if (frame.digression) {
            // What the digression answered must not be read again by the task it interrupted.
            turn.understanding = null;
            resumed = true;
          }
          if (state.stack.length === 0) {
            if (result.outcome === "resolved" || result.outcome === "answered")
              await this.crossSell(turn, frame);
            if (frame.skill !== "identify") turn.say("anything_else.ask");
            return null;
          }
        }
      }
    }
    return null;
  }
}

export type { Reply };
