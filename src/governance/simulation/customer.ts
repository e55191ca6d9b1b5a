import { Rng } from "../../commerce/reference/seed/rng.ts";
import type { Address, Goal, ItemRef, PaymentRef, Persona, Swap } from "./personas.ts";
import { numberedOptions, type ReadMessage } from "./reader.ts";

/** What the simulated customer does after reading the agent's messages. */
export type CustomerMove = { say: string } | { stop: StopReason };
export type StopReason = "finished" | "handed_off" | "ended_by_agent" | "stuck" | "turn_limit";

/** Consecutive answers that moved nothing (not understood, unknown question) before the customer gives up. */
const PATIENCE = 3;

const listOf = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;

const addressLine = (a: Address) =>
  [a.address1, a.address2, a.city, `${a.state} ${a.zip}`, a.country].filter((p) => p.trim()).join(", ");

function paymentWords(method: PaymentRef): string {
  if (method.source === "paypal") return "my PayPal account";
  if (method.source === "gift_card") return "my gift card";
  if (method.last4) return `my ${method.brand ?? "credit"} card ending in ${method.last4}`;
  return "my credit card";
}

/**
 * A customer following a persona through a conversation: it reads each batch of agent messages,
 * keeps track of which of its goals are done, and answers what the agent asked from what the
 * persona knows. Deterministic for a persona and a seed.
 */
export class SimulatedCustomer {
  private readonly rng: Rng;
  private goal = 0;
  private stalls = 0;
  private declinedOnce = false;
  private lastYesNo = "yes";
  readonly finished: Goal[] = [];
  readonly failed: Goal[] = [];

  constructor(
    private readonly persona: Persona,
    seed: string,
  ) {
    this.rng = new Rng(`${seed}:customer:${persona.taskId}`);
  }

  private get current(): Goal | undefined {
    return this.persona.goals[this.goal];
  }

  /** The first thing the customer types. */
  opening(): string {
    return this.statement(true);
  }

  respond(messages: ReadMessage[]): CustomerMove {
    let answer: string | null = null;
    let progressed = false;
    for (const message of messages) {
      const outcome = this.read(message);
      if (outcome === "stop") return { stop: this.stopReason(message) };
      if (outcome === "progress") progressed = true;
      else if (outcome !== null) answer = outcome;
    }
    if (answer === null) answer = this.nextRequest();
    if (answer === null) return { stop: "finished" };
    if (!progressed && this.isRepeat(messages)) this.stalls++;
    else this.stalls = 0;
    if (this.stalls >= PATIENCE) return { stop: "stuck" };
    return { say: this.typos(answer) };
  }

  private previous = "";
  private isRepeat(messages: ReadMessage[]): boolean {
    const keys = messages.map((m) => m.key).join(",");
    const repeat =
      keys === this.previous ||
      messages.some((m) => m.key === "fallback.not_understood" || m.key === "unknown");
    this.previous = keys;
    return repeat;
  }

  private stopReason(message: ReadMessage): StopReason {
    if (message.key.startsWith("handoff.")) return "handed_off";
    if (message.key === "goodbye.bye" || message.key === "conversation.ended") return "ended_by_agent";
    return "stuck";
  }

  /** A message's effect: an answer to give, progress made, "stop", or nothing to say yet. */
  private read(m: ReadMessage): string | "progress" | "stop" | null {
    const goal = this.current;
    const p = this.persona;
    const key = m.key;
    if (key.startsWith("handoff.") || key === "conversation.ended" || key === "goodbye.bye") {
      if (goal?.kind === "human") this.advance(true);
      return "stop";
    }
    if (key === "identify.too_many") return "stop";
    if (key === "identify.ask" || key === "identify.not_found" || key === "reason.identity_not_verified")
      return this.identity();
    if (key === "identify.second_factor")
      return p.identifyBy === "email" ? p.email : `${p.firstName} ${p.lastName}, zip code ${p.zip}`;
    if (key === "identify.postcode_for_name") return p.zip;
    if (key === "identify.verified") return "progress";
    if (key === "order.which") return this.chooseOrder(m.text);
    if (key === "order.not_found") {
      const id = this.goalOrder();
      return id && p.knownOrders.includes(id) ? `It's ${id}.` : this.chooseOrderByItems();
    }
    if (key === "order.none" || key.endsWith(".no_orders")) {
      this.advance(false);
      return null;
    }
    if (/\.done(_many|_profile)?$/.test(key)) {
      this.advance(true);
      return "progress";
    }
    if (key.endsWith(".denied") || key === "change.refused" || key === "change.denied") {
      this.advance(false);
      return null;
    }
    if (key === "change.needs_approval") {
      this.advance(false);
      return null;
    }
    if (key.endsWith(".declined")) {
      if (this.declinedOnce && goal) return this.statement(false, "Sorry, I changed my mind. ");
      this.advance(false);
      return null;
    }
    if (/\.confirm(_many|_profile)?$/.test(key) || key === "return.continue_with_rest")
      return this.confirm(m.text);
    if (key === "confirm.yes_or_no") return this.lastYesNo;
    if (key === "return.which_items") return this.chooseItems(m.text);
    if (key === "exchange.which_item" || key === "change_items.which_item") return this.chooseItems(m.text);
    if (/^(exchange|change_items)\.(ask_variant|which_variant|no_match)$/.test(key))
      return this.chooseVariant(m.text, m.params.item);
    if (key.endsWith(".nothing_available")) {
      this.advance(false);
      return null;
    }
    if (key === "return.ask_reason") return "It's not what I expected.";
    if (key === "return.ask_opened") return "No, it's still unopened.";
    if (key === "return.ask_refund_method") {
      if (goal?.kind !== "return" || goal.refundTo === "original")
        return "To the original payment method, please.";
      return goal.refundTo === "gift_card"
        ? "To my gift card, please."
        : `To ${paymentWords(goal.refundMethod)}, please.`;
    }
    if (key === "cancel.ask_reason")
      return goal?.kind === "cancel" ? `Because it's ${goal.reason}.` : "No reason.";
    if (key === "change_address.ask" || key === "change_address.unclear")
      return goal && "address" in goal ? addressLine(goal.address) : "Never mind.";
    if (key === "change_address.profile_instead")
      return goal?.kind === "profile_address" ? "Yes please." : null;
    if (key === "difference.which_method")
      return goal && "method" in goal ? this.choosePayment(m.text, goal.method) : "The original one.";
    if (key === "change_payment.which")
      return goal?.kind === "payment" ? this.choosePayment(m.text, goal.method) : "Never mind.";
    if (key === "change_payment.no_other_methods") {
      this.advance(false);
      return null;
    }
    if (key === "anything_else.ask" || key === "thanks.reply" || key === "greeting.reply") return null;
    if (key === "complaint.sorry") return "No, I'd just like you to sort it out.";
    if (key === "fallback.not_understood" || key === "fallback.out_of_scope") return this.statement(false);
    if (key === "task.resume" || key === "anything_else.yes" || key === "anything_else.no") return null;
    return m.text.trim().endsWith("?") ? this.statement(false) : null;
  }

  private identity(): string {
    const p = this.persona;
    return p.identifyBy === "email"
      ? `My email is ${p.email}.`
      : `I'm ${p.firstName} ${p.lastName} and my zip code is ${p.zip}.`;
  }

  /** What to say when the agent waits for a request: the open goal, or goodbye. */
  private nextRequest(): string | null {
    if (!this.current)
      return this.goal === 0 && this.persona.goals.length === 0 ? null : "No, that's all. Thanks!";
    return this.statement(false);
  }

  private advance(done: boolean) {
    const goal = this.current;
    if (!goal) return;
    (done ? this.finished : this.failed).push(goal);
    this.goal++;
    this.declinedOnce = false;
  }

  private remainingSwaps(): Swap[] {
    const goal = this.current;
    if (!goal || (goal.kind !== "exchange" && goal.kind !== "change_items")) return [];
    return goal.swaps;
  }

  private goalOrder(): string | null {
    const goal = this.current;
    return goal && "orderId" in goal ? goal.orderId : null;
  }

  private orderWords(first: boolean): string {
    const id = this.goalOrder();
    if (!id) return "";
    if (this.persona.knownOrders.includes(id) && (!first || this.persona.traits.leadsWithOrder))
      return ` from order ${id}`;
    return "";
  }

  /** "my order #W…" when they know it, "my order with the grill" otherwise. */
  private whichOrder(first: boolean): string {
    const id = this.goalOrder();
    if (!id) return "my order";
    if (this.orderWords(first)) return `my order ${id}`;
    const item = this.distinctItem(id);
    return item ? `my order with the ${item}` : "my order";
  }

  /** A product on the order that the customer's other orders (of this task) do not have. */
  private distinctItem(id: string): string | undefined {
    const items = this.persona.orderItems[id] ?? [];
    const others = new Set(
      Object.entries(this.persona.orderItems)
        .filter(([other]) => other !== id)
        .flatMap(([, list]) => list.map((i) => i.name)),
    );
    return (items.find((i) => !others.has(i.name)) ?? items[0])?.name;
  }

  /** The open goal in the customer's words. */
  private statement(first: boolean, prefix = ""): string {
    const goal = this.current;
    const hello = first ? this.rng.pick(["Hi, ", "Hello, ", "Hi there. ", ""]) : prefix;
    if (!goal) return `${hello}I have a question about my order.`;
    const order = this.orderWords(first);
    const names = (items: ItemRef[]) => listOf(items.map((i) => `the ${this.describe(i)}`));
    switch (goal.kind) {
      case "return":
        return `${hello}I'd like to return ${names(goal.items)}${order}.`;
      case "exchange":
        return `${hello}I want to exchange ${names(goal.swaps.map((s) => s.item))}${order}.`;
      case "change_items":
        return `${hello}I'd like to change ${names(goal.swaps.map((s) => s.item))} on my order${order ? ` ${this.goalOrder()}` : ""} before it ships.`;
      case "cancel":
        return `${hello}I want to cancel ${this.whichOrder(first)}.`;
      case "order_address":
        return `${hello}I need to change the shipping address of ${this.whichOrder(first)}.`;
      case "profile_address":
        return `${hello}I'd like to update the default address on my account.`;
      case "payment":
        return `${hello}I want to change the payment method of ${this.whichOrder(first)}.`;
      case "human":
        return `${hello}I'd like to talk to a human agent, please.`;
    }
  }

  /** An item as the customer names it: with what sets it apart when the order holds two of them. */
  private describe(item: ItemRef): string {
    const id = this.goalOrder();
    const twins = (id ? (this.persona.orderItems[id] ?? []) : []).filter(
      (i) => i.name === item.name && i.itemId !== item.itemId,
    );
    if (twins.length === 0) return item.name;
    const own = Object.values(item.options).filter(
      (v) => !twins.some((t) => Object.values(t.options).includes(v)),
    );
    return own.length > 0 ? `${own.join(" ")} ${item.name}` : item.name;
  }

  private chooseOrder(text: string): string {
    const id = this.goalOrder();
    const option = numberedOptions(text).find((o) => id && o.label.includes(id));
    if (option)
      return this.rng.pick([`The ${ordinal(option.index)} one.`, `${option.index}`, `Order ${id}.`]);
    return this.chooseOrderByItems();
  }

  /** Describes the order by a product on it that the customer's other orders do not have. */
  private chooseOrderByItems(): string {
    const goal = this.current;
    const id = this.goalOrder();
    const items =
      goal?.kind === "return"
        ? goal.items
        : goal && "swaps" in goal
          ? goal.swaps.map((s) => s.item)
          : id
            ? (this.persona.orderItems[id] ?? [])
            : [];
    const others = new Set(
      Object.entries(this.persona.orderItems)
        .filter(([other]) => other !== id)
        .flatMap(([, list]) => list.map((i) => i.name)),
    );
    const item = items.find((i) => !others.has(i.name)) ?? items[0];
    return item ? `The one with the ${item.name}.` : "The most recent one.";
  }

  /** Names the goal's items among the numbered ones offered; by number when two share a name. */
  private chooseItems(text: string): string {
    const goal = this.current;
    const wanted = goal?.kind === "return" ? goal.items : this.remainingSwaps().map((s) => s.item);
    const chosen = wanted.map((item) => {
      const options = numberedOptions(text).filter((o) => o.label.toLowerCase().startsWith(item.name));
      if (options.length <= 1) return `the ${item.name}`;
      const exact = options.find((o) => Object.values(item.options).every((v) => o.label.includes(v)));
      return exact ? `number ${exact.index}` : `the ${item.name}`;
    });
    if (chosen.length === 0) return "Never mind.";
    return `${listOf(chosen)}.`.replace(/^./, (c) => c.toUpperCase());
  }

  /** Picks the offered version with the wanted options, or says which options it wants. */
  private chooseVariant(text: string, item: string | undefined): string {
    const swaps = this.remainingSwaps();
    const named = item?.toLowerCase() ?? "";
    const swap = swaps.find((s) => named.startsWith(s.item.name)) ?? swaps[0];
    if (!swap) return "Never mind.";
    const differing = Object.entries(swap.want).filter(([name, value]) => swap.item.options[name] !== value);
    if (differing.length === 0) return "The same one again, please: a new one exactly like mine.";
    // The agent lists how each version differs from the customer's item: the right one differs in
    // exactly the options the customer wants changed.
    let best: { index: number } | null = null;
    for (const option of numberedOptions(text)) {
      const label = option.label.toLowerCase();
      const hasAll = differing.every(([name, value]) => label.includes(`${name} ${value}`.toLowerCase()));
      const extra = Object.entries(swap.item.options).some(
        ([name, value]) => swap.want[name] === value && label.includes(`${name} `.toLowerCase()),
      );
      if (hasAll && !extra) {
        best = { index: option.index };
        break;
      }
    }
    if (best)
      return this.rng.pick([`Number ${best.index}.`, `The ${ordinal(best.index)} one.`, `${best.index}`]);
    return `I'd like the one with ${listOf(differing.map(([name, value]) => `${name} ${value}`))}.`;
  }

  private choosePayment(text: string, method: PaymentRef): string {
    const option = numberedOptions(text).find((o) => {
      const label = o.label.toLowerCase();
      if (method.source === "paypal") return label.includes("paypal");
      if (method.source === "gift_card") return label.includes("gift card");
      return method.last4 ? label.includes(method.last4) : false;
    });
    return option
      ? `Number ${option.index}.`
      : `${paymentWords(method)}.`.replace(/^./, (c) => c.toUpperCase());
  }

  /** Says yes to what it asked for, no to anything else (once no on purpose, when it changes its mind). */
  private confirm(text: string): string {
    const goal = this.current;
    const matches = goal ? this.confirmationMatches(goal, text) : false;
    if (matches && this.persona.traits.changesMind && !this.declinedOnce) {
      this.declinedOnce = true;
      this.lastYesNo = "no";
      return "Hmm, no, wait.";
    }
    this.lastYesNo = matches ? "yes" : "no";
    return matches ? this.rng.pick(["Yes, please.", "Yes", "Yes, go ahead.", "That's right, yes."]) : "No.";
  }

  private confirmationMatches(goal: Goal, text: string): boolean {
    const lower = text.toLowerCase();
    if ("orderId" in goal && !text.includes(goal.orderId)) return false;
    switch (goal.kind) {
      case "return":
        // The refund must go where they want it: a method the store does not offer gets a no.
        if (goal.refundTo === "other") return false;
        if (goal.refundTo === "gift_card" && !lower.includes("gift card")) return false;
        return goal.items.every((i) => lower.includes(i.name));
      case "exchange":
      case "change_items":
        return goal.swaps.every((s) => lower.includes(s.item.name));
      case "order_address":
      case "profile_address":
        return lower.includes(goal.address.zip) && lower.includes(goal.address.address1.toLowerCase());
      default:
        return true;
    }
  }

  /** Swaps two letters in some longer words (never in numbers, emails or order numbers). */
  private typos(text: string): string {
    const rate = this.persona.traits.typoRate;
    if (rate === 0) return text;
    return text.replace(/(?<=^|\s)[a-z]{6,}(?=[.,!?]?(?:\s|$))/g, (word) => {
      if (!this.rng.chance(rate)) return word;
      const i = this.rng.int(1, word.length - 3);
      return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
    });
  }
}

function ordinal(n: number): string {
  return (
    ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"][n] ?? `${n}th`
  );
}
