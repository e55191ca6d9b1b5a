import type { Customer, Order, PaymentMethod, Refusal } from "../../commerce/index.ts";
import type { Decision } from "../../policy/index.ts";
import type { Frame, Json } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import {
  list,
  type MessageParam,
  order as orderParam,
  product,
  sentences,
  text,
} from "../responses/params.ts";

/** How a payment method is named to the customer: "your Visa ending in 4242", "PayPal", "your gift card". */
export function paymentMethodName(method: PaymentMethod | undefined, id: string): MessageParam {
  if (!method) return text("payment.unknown");
  switch (method.kind) {
    case "credit_card":
      return text("payment.card", {
        brand: capitalize(method.brand ?? "card"),
        last4: method.lastFour ?? "",
      });
    case "paypal":
      return text("payment.paypal");
    case "gift_card":
      return text("payment.gift_card");
    case "invoice":
      return text("payment.invoice");
  }
  return id;
}

export function methodOf(customer: Customer | undefined, id: string): MessageParam {
  return paymentMethodName(
    customer?.paymentMethods.find((m) => m.id === id),
    id,
  );
}

export function capitalize(s: string): string {
  return s.length > 0 ? s[0]?.toUpperCase() + s.slice(1) : s;
}

/** "mechanical keyboard (clicky, RGB)": the name with its options, as the customer knows the item. */
export function itemLabel(
  item: { name: string; options: Record<string, string> },
  withOptions = false,
): MessageParam {
  return product(item.name, withOptions ? Object.values(item.options) : undefined);
}

export function itemsParam(order: Order, lineIds?: readonly string[]): MessageParam {
  return itemList(order.items.filter((i) => !lineIds || lineIds.includes(i.lineId)));
}

/** "2 × hiking boots and a yoga mat" rather than "hiking boots and hiking boots and yoga mat". */
export function itemList(items: ReadonlyArray<{ name: string }>): MessageParam {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  return list([...counts].map(([name, n]) => product(name, undefined, n)));
}

/** The policy's reasons in the customer's language, with the pack's parameters. */
export function reasonsParam(decision: Decision): MessageParam {
  const reasons = decision.reasons.filter((r) => r.code !== "confirmation_required");
  const unique = reasons.filter(
    (r, i) => reasons.findIndex((x) => x.code === r.code && x.message === r.message) === i,
  );
  return sentences(
    unique.map((r) => {
      const params: Record<string, MessageParam> = {};
      // Item names from the catalogue read as common nouns in the customer's language ("the sunglasses").
      for (const [k, v] of Object.entries(r.params))
        params[k] = typeof v === "number" ? v : k === "name" ? product(String(v ?? "")) : String(v ?? "");
      return text(`reason.${r.code}`, params);
    }),
  );
}

/** The order system's refusal in the customer's language. */
export function refusalParam(refusal: Refusal): MessageParam {
  return text(`refusal.${refusal.code}`);
}

export function explainRefusal(turn: Turn, refusal: Refusal): StepResult {
  turn.say("change.refused", { reason: refusalParam(refusal) });
  return { kind: "done", outcome: "refused" };
}

export function explainDenial(turn: Turn, decision: Decision, key = "change.denied"): StepResult {
  turn.say(key, { reasons: reasonsParam(decision) });
  return { kind: "done", outcome: "denied" };
}

/** A short description of an order for choosing between several. */
export function orderOption(order: Order, index: number): MessageParam {
  return text("order.option", {
    index,
    order: orderParam(order.id),
    date: { kind: "date", iso: order.placedAt },
    items: itemsParam(order),
  });
}

export function slot<T extends Json>(frame: Frame, name: string): T | undefined {
  return frame.slots[name] as T | undefined;
}
