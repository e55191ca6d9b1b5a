import type { CommerceChange, Order, OrderItem } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { code, money, order as orderParam, text } from "../responses/params.ts";
import { explainDenial, itemsParam, methodOf, reasonsParam } from "./common.ts";
import { confirmThenApply } from "./confirm.ts";
import { orderEligibility, orderLevelDenial } from "./eligibility.ts";
import { chooseLines, linesFromMessage } from "./lines.ts";
import { chooseOrder, isStep } from "./order-choice.ts";
import type { Skill } from "./types.ts";

/** Categories where whether the item was opened changes the answer (hygiene, restocking fee). */
const OPENED_MATTERS = new Set(["electronics", "beauty", "personal_care"]);

function returnable(order: Order): OrderItem[] {
  const taken = new Set([
    ...order.returns
      .filter((r) => r.status !== "rejected" && r.status !== "cancelled")
      .flatMap((r) => r.lineIds),
    ...order.exchanges.filter((e) => e.status !== "cancelled").flatMap((e) => e.lines.map((l) => l.lineId)),
  ]);
  return order.items.filter((i) => !taken.has(i.lineId));
}

/** A return: which items, why, opened or not, where the refund goes; then an RMA and a label. */
export const returnItems: Skill = {
  name: "return",
  requiresCustomer: true,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    applyCorrections(turn, frame);
    const chosen = await chooseOrder(turn, frame, {
      candidates: (o) => o.status === "delivered" && returnable(o).length > 0,
      noneKey: "return.no_orders",
    });
    if (isStep(chosen)) return chosen;
    const order = chosen;

    const early = orderLevelDenial(await orderEligibility(turn, "create_return", order), turn);
    if (early) return explainDenial(turn, early, "return.denied");

    const eligible = returnable(order);
    const lines = chooseLines(turn, frame, order, eligible, "return.which_items");
    if (isStep(lines)) return lines;

    const customer = await turn.services.connector.getCustomer(order.customerId);
    const original =
      order.transactions.find((t) => t.kind === "payment")?.paymentMethodId ??
      customer?.paymentMethods[0]?.id ??
      "";
    const refundMethodId =
      typeof frame.slots.refundMethodId === "string" ? frame.slots.refundMethodId : original;

    // Items the policy refuses whatever the details (final sale): offer to go on with the rest.
    if (!frame.slots.checkedItems) {
      const probe = await turn.propose({
        kind: "create_return",
        orderId: order.id,
        lineIds: lines,
        refundMethodId: original,
      });
      if (probe.ok && !probe.proposal.decision.allowed) {
        const refusedLines = new Set(
          probe.proposal.decision.items.filter((i) => !i.allowed).map((i) => i.lineId),
        );
        const orderReasons = probe.proposal.decision.reasons.filter(
          (r) => !r.lineId && r.code !== "confirmation_required",
        );
        if (orderReasons.length === 0 && refusedLines.size > 0 && refusedLines.size < lines.length) {
          const rest = lines.filter((l) => !refusedLines.has(l));
          frame.slots.lineIds = rest;
          turn.say("return.partly", {
            refused: itemsParam(order, [...refusedLines]),
            reasons: reasonsParam(probe.proposal.decision),
            rest: itemsParam(order, rest),
          });
          return turn.ask(frame, "keep_going", "return.continue_with_rest", {}, { expecting: "yes_no" });
        }
        if (orderReasons.length === 0 && refusedLines.size === lines.length)
          return explainDenial(turn, probe.proposal.decision, "return.denied");
      }
      frame.slots.checkedItems = true;
    }
    if (turn.isAnswer(frame, "keep_going") && turn.yesNo() === false) {
      turn.say("return.declined");
      return { kind: "done", outcome: "declined" };
    }

    if (typeof frame.slots.reason !== "string") {
      if (turn.isAnswer(frame, "reason") && turn.understanding && saysSomething(turn.understanding))
        frame.slots.reason = turn.understanding.text.slice(0, 200);
      else return turn.ask(frame, "reason", "return.ask_reason", { items: itemsParam(order, lines) });
    }

    if (frame.slots.opened === undefined) {
      const matters: string[] = [];
      for (const lineId of lines) {
        const item = order.items.find((i) => i.lineId === lineId);
        const product = item ? await turn.services.connector.getProduct(item.productId) : null;
        if (product && (OPENED_MATTERS.has(product.category) || product.hygiene)) matters.push(lineId);
      }
      if (matters.length === 0) frame.slots.opened = [];
      else if (turn.isAnswer(frame, "opened")) {
        const answer = turn.yesNo();
        if (answer === undefined)
          return turn.ask(
            frame,
            "opened",
            "return.ask_opened",
            { items: itemsParam(order, matters) },
            { expecting: "yes_no" },
          );
        frame.slots.opened = answer ? matters : [];
      } else {
        return turn.ask(
          frame,
          "opened",
          "return.ask_opened",
          { items: itemsParam(order, matters) },
          { expecting: "yes_no" },
        );
      }
    }

    if (typeof frame.slots.refundMethodId !== "string") {
      const giftCard = customer?.paymentMethods.find((m) => m.kind === "gift_card" && m.id !== original);
      if (giftCard && customer && turn.isAnswer(frame, "refund_method")) {
        const said = turn.understanding?.text.toLowerCase() ?? "";
        const wantsGift =
          /gift|geschenk|gutschein|cadeau|carte|regalo|tarjeta|buono|carta|kado|cadeaukaart/.test(said) &&
          turn.yesNo() !== false;
        frame.slots.refundMethodId = wantsGift ? giftCard.id : original;
      } else if (giftCard && customer) {
        return turn.ask(frame, "refund_method", "return.ask_refund_method", {
          original: methodOf(customer, original),
          gift: methodOf(customer, giftCard.id),
        });
      } else {
        frame.slots.refundMethodId = original;
      }
    }

    const change: CommerceChange = {
      kind: "create_return",
      orderId: order.id,
      lineIds: lines,
      refundMethodId: String(frame.slots.refundMethodId ?? refundMethodId),
      reason: String(frame.slots.reason),
      opened: (frame.slots.opened as string[] | undefined) ?? [],
    };
    return confirmThenApply(turn, frame, {
      change,
      confirmKey: "return.confirm",
      confirmParams: (p) => {
        const fee = p.change.kind === "create_return" ? (p.change.feeMinor ?? 0) : 0;
        return {
          items: itemsParam(order, lines),
          order: orderParam(order.id),
          amount: money(p.preview.amountMinor, order.currency),
          fee: money(fee, order.currency),
          hasFee: fee > 0 ? "yes" : "no",
          method: methodOf(
            customer ?? undefined,
            change.kind === "create_return" ? change.refundMethodId : "",
          ),
          label: text(
            `label.${p.change.kind === "create_return" ? (p.change.labelType ?? "prepaid_label") : "prepaid_label"}`,
          ),
        };
      },
      declinedKey: "return.declined",
      deniedKey: "return.denied",
      applied: (outcome, p) => {
        const ret = outcome.order?.returns.find((r) => r.rmaNumber === outcome.rmaNumber);
        turn.say("return.done", {
          rma: code(outcome.rmaNumber ?? ""),
          amount: money(p.preview.amountMinor, order.currency),
          method: methodOf(
            customer ?? undefined,
            change.kind === "create_return" ? change.refundMethodId : "",
          ),
          label: text(`label_done.${ret?.label?.type ?? "prepaid_label"}`, {
            carrier: ret?.label?.carrier ?? "",
          }),
        });
        turn.state.resolved.push({
          skill: "return",
          key: "summary.return",
          params: { rma: outcome.rmaNumber ?? "", order: order.id },
        });
        return { kind: "done", outcome: "resolved" };
      },
    });
  },
};

/** "No, only the keyboard", "no, the other order", "to my gift card instead": changes before the yes. */
function applyCorrections(turn: Turn, frame: Frame): void {
  if (!turn.isAnswer(frame, "confirm") || turn.yesNo() === true) return;
  const said = turn.understanding?.text.toLowerCase() ?? "";
  if (turn.entity("order_id") || /\b(other|andere|anderen|autre|otro|otra|altro|altra|ander)\b/.test(said)) {
    frame.slots.previousOrderId = frame.slots.orderId ?? null;
    for (const key of ["orderId", "lineIds", "checkedItems", "reason", "opened", "refundMethodId", "digest"])
      delete frame.slots[key];
    if (!turn.entity("order_id")) turn.state.focusOrderId = null;
    markCorrected(turn);
    return;
  }
  const lines = linesFromMessage(turn, frame, []);
  const refs = turn.entities("item_reference").flatMap((r) => r.lineIds);
  if (refs.length > 0 || lines) {
    frame.slots.lineIds = refs.length > 0 ? [...new Set(refs)] : (lines ?? []);
    for (const key of ["checkedItems", "opened", "digest"]) delete frame.slots[key];
    markCorrected(turn);
  }
}

function markCorrected(turn: Turn): void {
  // The correction is consumed here; the confirm step must not read it as a plain "no".
  turn.answering = null;
}

/** A reason has words of its own: an order number or an email address alone is not one. */
function saysSomething(u: {
  text: string;
  entities: ReadonlyArray<{ type: string; start: number; end: number }>;
}): boolean {
  let rest = u.text;
  for (const e of u.entities)
    if (e.type === "order_id" || e.type === "email" || e.type === "phone")
      rest = rest.slice(0, e.start) + " ".repeat(e.end - e.start) + rest.slice(e.end);
  return /\p{L}{2,}/u.test(rest);
}
