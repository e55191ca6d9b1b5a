import type { Order } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { options, order as orderParam } from "../responses/params.ts";
import { itemList, orderOption } from "./common.ts";

export interface OrderChoice {
  /** Orders worth offering when the customer has not said which (e.g. delivered ones for a return). */
  candidates: (order: Order) => boolean;
  /** Said when no order qualifies. */
  noneKey: string;
}

/**
 * Which order the customer means: one they name, the one being discussed, the only candidate, or a
 * choice between the candidates ("the second one", "the one with the kettle", "the other one").
 */
export async function chooseOrder(
  turn: Turn,
  frame: Frame,
  choice: OrderChoice,
): Promise<Order | StepResult> {
  const customer = turn.state.customer;
  if (!customer) return { kind: "push", skill: "identify" };

  const named = turn.entity("order_id");
  if (named) {
    const order = await turn.ownOrder(named);
    if (!order) {
      delete frame.slots.orderId;
      return turn.ask(
        frame,
        "order",
        "order.not_found",
        { order: orderParam(named) },
        { expecting: "order_id" },
      );
    }
    return select(turn, frame, order);
  }

  // The order the request itself named ("cancel order #W6231698"), once the customer is known.
  if (typeof frame.slots.seedOrderId === "string") {
    const seededId = frame.slots.seedOrderId;
    delete frame.slots.seedOrderId;
    const order = await turn.ownOrder(seededId);
    if (order) return select(turn, frame, order);
  }

  if (turn.isAnswer(frame, "order") && turn.answering?.options) {
    const options = turn.answering.options;
    const ordinal =
      turn.entity("ordinal") ?? turn.entities("number").find((n) => n >= 1 && n <= options.length);
    const byOrdinal = ordinal !== undefined ? options.at(ordinal > 0 ? ordinal - 1 : ordinal) : undefined;
    let picked = typeof byOrdinal?.value === "string" ? byOrdinal.value : undefined;
    if (!picked)
      picked = await byContents(
        turn,
        options.map((o) => String(o.value)),
      );
    // "The one with the skateboard" may be an order beyond the few listed.
    if (!picked) {
      const all = await turn.services.connector.listOrders(customer.id, { limit: 20 });
      picked = await byContents(
        turn,
        all.filter(choice.candidates).map((o) => o.id),
      );
    }
    if (
      !picked &&
      options.length === 2 &&
      /\b(other|andere|anderen|autre|otro|otra|altro|altra|ander|andere)\b/i.test(
        turn.understanding?.text ?? "",
      )
    ) {
      picked = String(
        options.find((o) => o.value !== frame.slots.previousOrderId)?.value ?? options[1]?.value,
      );
    }
    if (picked) {
      const order = await turn.ownOrder(picked);
      if (order) return select(turn, frame, order);
    }
  }

  const current = typeof frame.slots.orderId === "string" ? frame.slots.orderId : undefined;
  if (current) {
    const order = await turn.ownOrder(current);
    if (order) return order;
  }

  // The order being discussed, unless the request names a product that is not on it
  // ("return the gaming mouse" after talking about another order).
  const focus = turn.state.focusOrderId;
  const seedProducts = (frame.slots.seedProducts as string[] | undefined) ?? [];
  if (focus) {
    const order = await turn.ownOrder(focus);
    const holdsNamed =
      seedProducts.length === 0 || order?.items.some((i) => seedProducts.includes(i.productId)) === true;
    if (order && choice.candidates(order) && holdsNamed) return select(turn, frame, order);
  }

  const orders = await turn.services.connector.listOrders(customer.id, { limit: 20 });
  const candidates = orders.filter(choice.candidates);
  if (candidates.length === 0) {
    turn.say(choice.noneKey);
    return { kind: "done", outcome: "no_order" };
  }
  if (candidates.length === 1) {
    const only = candidates[0] as Order;
    turn.say("order.using", { order: orderParam(only.id), items: itemList(only.items) });
    return select(turn, frame, only);
  }
  const seeded = await bySeed(turn, frame, candidates);
  if (seeded) {
    turn.say("order.using", {
      order: orderParam(seeded.id),
      items: itemList(seeded.items),
    });
    return select(turn, frame, seeded);
  }
  const shown = candidates.slice(0, 4);
  return turn.ask(
    frame,
    "order",
    "order.which",
    { options: options(shown.map((o, i) => orderOption(o, i + 1))) },
    {
      expecting: "order_id",
      // Callers name an order by what is in it ("the one with the skateboard").
      options: shown.map((o, i) => ({
        value: o.id,
        label: String(i + 1),
        say: o.items.map((item) => item.name),
      })),
    },
  );
}

/** The one candidate holding the product the request named ("return my sunglasses"). */
async function bySeed(_turn: Turn, frame: Frame, candidates: Order[]): Promise<Order | undefined> {
  const products = (frame.slots.seedProducts as string[] | undefined) ?? [];
  if (products.length === 0) return undefined;
  const matching = candidates.filter((o) => o.items.some((i) => products.includes(i.productId)));
  return matching.length === 1 ? matching[0] : undefined;
}

/** The one offered order holding what the customer named: "the one with the kettle", "the clicky one". */
async function byContents(turn: Turn, orderIds: string[]): Promise<string | undefined> {
  const products = new Set(turn.entities("product").map((p) => p.productId));
  const values = turn.entities("option_value").map((o) => o.value.toLowerCase());
  if (products.size === 0 && values.length === 0) return undefined;
  const matching: string[] = [];
  for (const id of orderIds) {
    const order = await turn.ownOrder(id);
    const hit = order?.items.some(
      (i) =>
        products.has(i.productId) ||
        values.some((v) => Object.values(i.options).some((o) => o.toLowerCase() === v)),
    );
    if (hit) matching.push(id);
  }
  return matching.length === 1 ? matching[0] : undefined;
}

function select(turn: Turn, frame: Frame, order: Order): Order {
  if (frame.slots.orderId && frame.slots.orderId !== order.id)
    frame.slots.previousOrderId = frame.slots.orderId;
  frame.slots.orderId = order.id;
  turn.state.focusOrderId = order.id;
  return order;
}

export function isStep(value: unknown): value is StepResult {
  return typeof value === "object" && value !== null && "kind" in value && !("id" in value);
}
