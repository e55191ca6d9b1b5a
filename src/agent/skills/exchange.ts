import type { CommerceChange, Customer, Order, OrderItem, Product, Variant } from "../../commerce/index.ts";
import type { Frame, Json } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { list, type MessageParams, money, options, order as orderParam, text } from "../responses/params.ts";
import { methodFromText } from "./change-payment.ts";
import { explainDenial, itemLabel, methodOf, paymentMethodName } from "./common.ts";
import { confirmThenApply } from "./confirm.ts";
import { orderEligibility, orderLevelDenial } from "./eligibility.ts";
import { chooseLines } from "./lines.ts";
import { chooseOrder, isStep } from "./order-choice.ts";
import type { Skill } from "./types.ts";
import { namedOptions, pickVariant, variantDifference, wantedOptions } from "./variants.ts";

export interface SwapSpec {
  kind: "create_exchange" | "modify_items";
  prefix: "exchange" | "change_items";
  orderFilter: (o: Order) => boolean;
}

/**
 * The same item again, in the six languages: a whole phrase ("the same one", "dasselbe", "le même
 * modèle"), never "the same colour", which asks for a change.
 */
export const SAME_ITEM = new RegExp(
  [
    "\\bsame (?:one|item|thing|product|model|version|specs?|kind)\\b",
    "\\b(?:exactly the same|identical|exactly like (?:mine|it|the old one))\\b",
    "\\b(?:denselben|dieselbe|dasselbe|derselbe|identisch|genau so einen|genau den gleichen)\\b",
    "\\b(?:le|la) même(?: (?:article|modèle|produit|chose))?(?=\\s*(?:[.,!?]|$))|\\bidentique\\b",
    "\\b(?:el|la|lo) mism[oa](?: (?:artículo|modelo|producto))?(?=\\s*(?:[.,!?]|$))|\\bidéntic[oa]\\b",
    "\\b(?:lo|la) stess[oa](?: (?:articolo|modello|prodotto))?(?=\\s*(?:[.,!?]|$))|\\bidentic[oa]\\b",
    "\\b(?:dezelfde|hetzelfde)(?: (?:artikel|model|product))?(?=\\s*(?:[.,!?]|$))|\\bidentiek\\b",
  ].join("|"),
  "iu",
);

function swappable(order: Order): OrderItem[] {
  const taken = new Set([
    ...order.returns.flatMap((r) => r.lineIds),
    ...order.exchanges.flatMap((e) => e.lines.map((l) => l.lineId)),
  ]);
  return order.items.filter((i) => !taken.has(i.lineId));
}

/**
 * Swaps items for other variants of the same products: for a delivered order an exchange, for a
 * pending one an item change, one or several items at once. The price difference is shown before the customer says yes.
 */
export function swapSkill(name: "exchange" | "change_items", spec: SwapSpec): Skill {
  return {
    name,
    requiresCustomer: true,
    async step(turn: Turn, frame: Frame): Promise<StepResult> {
      if (turn.isAnswer(frame, "confirm") && turn.yesNo() !== true && wantedOptions(turn).length > 0) {
        // "Actually the red one": choose again with what they said now.
        delete frame.slots.variantId;
        delete frame.slots.variants;
        delete frame.slots.digest;
        turn.answering = null;
      }
      const chosen = await chooseOrder(turn, frame, {
        candidates: (o) => spec.orderFilter(o) && swappable(o).length > 0,
        noneKey: `${spec.prefix}.no_orders`,
      });
      if (isStep(chosen)) return chosen;
      const order = chosen;
      const early = orderLevelDenial(await orderEligibility(turn, spec.kind, order), turn);
      if (early) return explainDenial(turn, early, `${spec.prefix}.denied`);

      // Several items go in one change ("the keyboard and the thermostat"): the store allows one
      // exchange per order, and a pending order's items can be changed only once.
      const lineIds = chooseLines(turn, frame, order, swappable(order), `${spec.prefix}.which_item`);
      if (isStep(lineIds)) return lineIds;
      const picked = (frame.slots.variants ?? {}) as Record<string, string>;
      const swaps: Array<{ line: OrderItem; variant: Variant }> = [];
      let answered = false;
      for (const lineId of lineIds) {
        const line = order.items.find((i) => i.lineId === lineId) as OrderItem;
        const product = await turn.services.connector.getProduct(line.productId);
        if (!product) return { kind: "done", outcome: "failed" };
        let variant = product.variants.find((v) => v.id === picked[lineId]);
        if (!variant) {
          // What this message said chose the previous item's version, not this one's.
          const result = await chooseVariant(turn, frame, product, line, spec, answered);
          if (!result || "kind" in result) return result ?? { kind: "done", outcome: "failed" };
          variant = result;
          picked[lineId] = variant.id;
          frame.slots.variants = picked;
          delete frame.slots.variantId;
          delete frame.slots.wanted;
          answered = true;
        }
        swaps.push({ line, variant });
      }

      const customer = await turn.services.connector.getCustomer(order.customerId);
      const method = choosePaymentMethod(turn, frame, order, customer);
      if (typeof method !== "string") return method;
      const paymentMethodId = method;
      const change: CommerceChange = {
        kind: spec.kind,
        orderId: order.id,
        items: swaps.map((s) => ({ lineId: s.line.lineId, newVariantId: s.variant.id })),
        paymentMethodId,
      };
      const single = swaps.length === 1 ? swaps[0] : undefined;
      const described: MessageParams = single
        ? { item: itemLabel(single.line, true), replacement: variantDifference(single.line, single.variant) }
        : {
            swaps: list(
              swaps.map((s) =>
                text(`${spec.prefix}.line`, {
                  item: itemLabel(s.line, true),
                  replacement: variantDifference(s.line, s.variant),
                }),
              ),
            ),
          };
      return confirmThenApply(turn, frame, {
        change,
        confirmKey: single ? `${spec.prefix}.confirm` : `${spec.prefix}.confirm_many`,
        confirmParams: (p) => ({
          ...described,
          order: orderParam(order.id),
          difference: text(
            `${single ? "difference" : "difference_many"}.${
              p.preview.amountMinor > 0 ? "pay" : p.preview.amountMinor < 0 ? "refund" : "none"
            }`,
            {
              amount: money(Math.abs(p.preview.amountMinor), order.currency),
              method: methodOf(customer ?? undefined, paymentMethodId),
            },
          ),
        }),
        declinedKey: `${spec.prefix}.declined`,
        deniedKey: `${spec.prefix}.denied`,
        applied: () => {
          if (single)
            turn.say(`${spec.prefix}.done`, {
              item: itemLabel(single.line),
              replacement: variantDifference(single.line, single.variant),
              order: orderParam(order.id),
            });
          else turn.say(`${spec.prefix}.done_many`, { ...described, order: orderParam(order.id) });
          turn.state.resolved.push({
            skill: name,
            key: `summary.${spec.prefix}`,
            params: { order: order.id, item: swaps.map((s) => s.line.name).join(", ") },
          });
          return { kind: "done", outcome: "resolved" };
        },
      });
    },
  };
}

/**
 * The payment method for the price difference: the order's original one, or (where the store asks)
 * the one the customer names or picks from their methods.
 */
function choosePaymentMethod(
  turn: Turn,
  frame: Frame,
  order: Order,
  customer: Customer | null,
): string | StepResult {
  const original =
    order.transactions.find((t) => t.kind === "payment")?.paymentMethodId ??
    customer?.paymentMethods[0]?.id ??
    "";
  const methods = (customer?.paymentMethods ?? []).filter((m) => m.kind !== "invoice");
  if (!turn.services.definition.changes.askPaymentForDifference || methods.length < 2) return original;
  if (typeof frame.slots.methodId === "string") return frame.slots.methodId;
  if (turn.understanding) {
    const said = `${turn.understanding.text} ${typeof frame.slots.seedText === "string" ? frame.slots.seedText : ""}`;
    const ordinal = turn.isAnswer(frame, "method")
      ? (turn.entity("ordinal") ?? turn.entity("number"))
      : undefined;
    const picked =
      methodFromText(said, methods) ??
      (ordinal !== undefined ? methods.at(ordinal > 0 ? ordinal - 1 : ordinal) : undefined);
    if (picked) {
      frame.slots.methodId = picked.id;
      return picked.id;
    }
  }
  return turn.ask(frame, "method", "difference.which_method", {
    methods: options(
      methods.map((m, i) => text("item.option", { index: i + 1, item: paymentMethodName(m, m.id) })),
    ),
  });
}

async function chooseVariant(
  turn: Turn,
  frame: Frame,
  product: Product,
  line: OrderItem,
  spec: SwapSpec,
  /** This message already answered for another item: ask about this one afresh. */
  answered = false,
): Promise<Variant | StepResult | undefined> {
  if (typeof frame.slots.variantId === "string")
    return product.variants.find((v) => v.id === frame.slots.variantId);
  // "The same one again": a replacement for a faulty item, in an exchange.
  if (!answered && spec.kind === "create_exchange") {
    const seed = typeof frame.slots.seedText === "string" ? frame.slots.seedText : "";
    const said = `${turn.isAnswer(frame, "variant") ? (turn.understanding?.text ?? "") : ""} ${seed}`;
    const same = product.variants.find((v) => v.id === line.variantId && v.available);
    if (same && SAME_ITEM.test(said)) {
      frame.slots.variantId = same.id;
      return same;
    }
  }
  if (!answered && turn.isAnswer(frame, "variant") && turn.answering?.options) {
    // "The size 9 one": a number is a position only when no option value is named with it.
    const ordinal =
      turn.entity("ordinal") ?? (wantedOptions(turn).length === 0 ? turn.entity("number") : undefined);
    const picked =
      ordinal !== undefined
        ? turn.answering.options.at(ordinal > 0 ? ordinal - 1 : ordinal)?.value
        : undefined;
    const variant = product.variants.find((v) => v.id === picked);
    if (variant) {
      frame.slots.variantId = variant.id;
      return variant;
    }
  }
  // Options named in the request itself ("swap it for one with clicky switches") count once.
  const seeded = ((frame.slots.seedOptions as string[] | undefined) ?? []).map((value) => ({ value }));
  delete frame.slots.seedOptions;
  const wanted = [
    ...((frame.slots.wanted as Array<{ option?: string; value: string }> | undefined) ?? []),
    ...seeded,
    ...(answered ? [] : wantedOptions(turn)),
  ];
  if (wanted.length > 0) frame.slots.wanted = wanted as unknown as Json;
  const result = pickVariant(product, line, wanted);
  if ("match" in result) {
    frame.slots.variantId = result.match.id;
    return result.match;
  }
  const fallback = pickVariant(product, line, []);
  let pool = "candidates" in result ? result.candidates : "candidates" in fallback ? fallback.candidates : [];
  // "For another colour": show the variants that differ in the options named, when there are any.
  const said = answered
    ? ""
    : `${typeof frame.slots.seedText === "string" ? frame.slots.seedText : ""} ${turn.understanding?.text ?? ""}`;
  const named = namedOptions(said, product, turn.services.catalog.optionLabels);
  const differing = pool.filter((v) => named.some((option) => v.options[option] !== line.options[option]));
  if (differing.length > 0) pool = differing;
  const shown = pool.slice(0, 5);
  if (shown.length === 0) {
    turn.say(`${spec.prefix}.nothing_available`, { item: itemLabel(line) });
    return { kind: "done", outcome: "unavailable" };
  }
  const labels = options(
    shown.map((v, i) => text("variant.option", { index: i + 1, options: variantDifference(line, v) })),
  );
  if ("none" in result) {
    delete frame.slots.wanted;
    return turn.ask(
      frame,
      "variant",
      `${spec.prefix}.no_match`,
      { item: itemLabel(line), options: labels },
      { expecting: "option_value", options: variantChoices(line, shown) },
    );
  }
  return turn.ask(
    frame,
    "variant",
    wanted.length > 0 ? `${spec.prefix}.which_variant` : `${spec.prefix}.ask_variant`,
    { item: itemLabel(line), options: labels },
    { expecting: "option_value", options: variantChoices(line, shown) },
  );
}

/**
 * The variants offered, each with what a caller may call it: the options that differ, by value and by
 * name and value ("blue", "size 12"); a yes or no value names nothing on its own ("waterproof no").
 */
function variantChoices(line: OrderItem, shown: Variant[]) {
  return shown.map((v, i) => ({
    value: v.id,
    label: String(i + 1),
    say: Object.entries(v.options)
      .filter(([name, value]) => line.options[name] !== value)
      .flatMap(([name, value]) => (/^(yes|no)$/i.test(value) ? [] : [value, `${name} ${value}`])),
  }));
}

export const exchange = swapSkill("exchange", {
  kind: "create_exchange",
  prefix: "exchange",
  orderFilter: (o) => o.status === "delivered",
});
export const changeItems = swapSkill("change_items", {
  kind: "modify_items",
  prefix: "change_items",
  orderFilter: (o) => o.status === "pending" && !o.itemsModifiedAt,
});
