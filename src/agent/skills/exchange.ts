import type { CommerceChange, Order, OrderItem, Product, Variant } from "../../commerce/index.ts";
import type { Frame, Json } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { money, options, order as orderParam, text } from "../responses/params.ts";
import { explainDenial, itemLabel, methodOf } from "./common.ts";
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

function swappable(order: Order): OrderItem[] {
  const taken = new Set([
    ...order.returns.flatMap((r) => r.lineIds),
    ...order.exchanges.flatMap((e) => e.lines.map((l) => l.lineId)),
  ]);
  return order.items.filter((i) => !taken.has(i.lineId));
}

/**
 * Swaps one item for another variant of the same product: for a delivered order an exchange, for a
 * pending one an item change. The price difference is shown before the customer says yes.
 */
export function swapSkill(name: "exchange" | "change_items", spec: SwapSpec): Skill {
  return {
    name,
    requiresCustomer: true,
    async step(turn: Turn, frame: Frame): Promise<StepResult> {
      if (turn.isAnswer(frame, "confirm") && turn.yesNo() !== true && wantedOptions(turn).length > 0) {
        // "Actually the red one": choose again with what they said now.
        delete frame.slots.variantId;
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

      const lines = chooseLines(turn, frame, order, swappable(order), `${spec.prefix}.which_item`, true);
      if (isStep(lines)) return lines;
      const line = order.items.find((i) => i.lineId === lines[0]) as OrderItem;
      const product = await turn.services.connector.getProduct(line.productId);
      if (!product) return { kind: "done", outcome: "failed" };

      const variant = await chooseVariant(turn, frame, product, line, spec);
      if (!variant || "kind" in variant) return variant ?? { kind: "done", outcome: "failed" };

      const customer = await turn.services.connector.getCustomer(order.customerId);
      const paymentMethodId =
        order.transactions.find((t) => t.kind === "payment")?.paymentMethodId ??
        customer?.paymentMethods[0]?.id ??
        "";
      const change: CommerceChange = {
        kind: spec.kind,
        orderId: order.id,
        items: [{ lineId: line.lineId, newVariantId: variant.id }],
        paymentMethodId,
      };
      return confirmThenApply(turn, frame, {
        change,
        confirmKey: `${spec.prefix}.confirm`,
        confirmParams: (p) => ({
          item: itemLabel(line, true),
          replacement: variantDifference(line, variant),
          order: orderParam(order.id),
          difference: text(
            p.preview.amountMinor > 0
              ? "difference.pay"
              : p.preview.amountMinor < 0
                ? "difference.refund"
                : "difference.none",
            {
              amount: money(Math.abs(p.preview.amountMinor), order.currency),
              method: methodOf(customer ?? undefined, paymentMethodId),
            },
          ),
        }),
        declinedKey: `${spec.prefix}.declined`,
        deniedKey: `${spec.prefix}.denied`,
        applied: () => {
          turn.say(`${spec.prefix}.done`, {
            item: itemLabel(line),
            replacement: variantDifference(line, variant),
            order: orderParam(order.id),
          });
          turn.state.resolved.push({
            skill: name,
            key: `summary.${spec.prefix}`,
            params: { order: order.id, item: line.name },
          });
          return { kind: "done", outcome: "resolved" };
        },
      });
    },
  };
}

async function chooseVariant(
  turn: Turn,
  frame: Frame,
  product: Product,
  line: OrderItem,
  spec: SwapSpec,
): Promise<Variant | StepResult | undefined> {
  if (typeof frame.slots.variantId === "string")
    return product.variants.find((v) => v.id === frame.slots.variantId);
  if (turn.isAnswer(frame, "variant") && turn.answering?.options) {
    const ordinal = turn.entity("ordinal") ?? turn.entity("number");
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
    ...wantedOptions(turn),
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
  const said = `${typeof frame.slots.seedText === "string" ? frame.slots.seedText : ""} ${turn.understanding?.text ?? ""}`;
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
      { expecting: "option_value", options: shown.map((v, i) => ({ value: v.id, label: String(i + 1) })) },
    );
  }
  return turn.ask(
    frame,
    "variant",
    wanted.length > 0 ? `${spec.prefix}.which_variant` : `${spec.prefix}.ask_variant`,
    { item: itemLabel(line), options: labels },
    {
      expecting: "option_value",
      options: shown.map((v, i) => ({ value: v.id, label: String(i + 1) })),
    },
  );
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
