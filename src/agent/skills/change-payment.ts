import type { CommerceChange, PaymentMethod } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { money, options, order as orderParam, text } from "../responses/params.ts";
import { explainDenial, methodOf, paymentMethodName } from "./common.ts";
import { confirmThenApply } from "./confirm.ts";
import { orderEligibility, orderLevelDenial } from "./eligibility.ts";
import { chooseOrder, isStep } from "./order-choice.ts";
import type { Skill } from "./types.ts";

/** Which of the customer's methods a message names: "PayPal", "my gift card", "the Visa ending 4242". */
export function methodFromText(said: string, methods: PaymentMethod[]): PaymentMethod | undefined {
  const s = said.toLowerCase();
  const lastFour = s.match(/\b(\d{4})\b/)?.[1];
  return (
    methods.find((m) => lastFour !== undefined && m.lastFour === lastFour) ??
    methods.find((m) => m.kind === "paypal" && /pay\s?pal/.test(s)) ??
    methods.find(
      (m) => m.kind === "gift_card" && /gift|geschenk|gutschein|cadeau|regalo|buono|kado/.test(s),
    ) ??
    methods.find((m) => m.kind === "credit_card" && m.brand && s.includes(m.brand.toLowerCase())) ??
    methods.find((m) => m.kind === "credit_card" && /card|karte|carte|tarjeta|carta|kaart/.test(s))
  );
}

/** Pays a pending order with another of the customer's payment methods. */
export const changePayment: Skill = {
  name: "change_payment",
  requiresCustomer: true,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    const chosen = await chooseOrder(turn, frame, {
      candidates: (o) => o.status === "pending",
      noneKey: "change_payment.no_orders",
    });
    if (isStep(chosen)) return chosen;
    const order = chosen;
    const early = orderLevelDenial(await orderEligibility(turn, "update_payment_method", order), turn);
    if (early) return explainDenial(turn, early, "change_payment.denied");
    const customer = await turn.services.connector.getCustomer(order.customerId);
    const current = order.transactions.find((t) => t.kind === "payment")?.paymentMethodId;
    const others = (customer?.paymentMethods ?? []).filter((m) => m.id !== current && m.kind !== "invoice");
    if (others.length === 0) {
      turn.say("change_payment.no_other_methods");
      return { kind: "done", outcome: "unavailable" };
    }
    if (typeof frame.slots.methodId !== "string" && turn.understanding) {
      const said = `${turn.understanding.text} ${typeof frame.slots.seedText === "string" ? frame.slots.seedText : ""}`;
      const named = methodFromText(said, others);
      const ordinal = turn.isAnswer(frame, "method")
        ? (turn.entity("ordinal") ?? turn.entity("number"))
        : undefined;
      const picked =
        named ??
        (ordinal !== undefined ? others.at(ordinal > 0 ? ordinal - 1 : ordinal) : undefined) ??
        (others.length === 1 && turn.isAnswer(frame, "method") && turn.yesNo() === true
          ? others[0]
          : undefined);
      if (picked) frame.slots.methodId = picked.id;
    }
    if (typeof frame.slots.methodId !== "string") {
      return turn.ask(frame, "method", "change_payment.which", {
        methods: options(
          others.map((m, i) => text("item.option", { index: i + 1, item: paymentMethodName(m, m.id) })),
        ),
      });
    }
    const change: CommerceChange = {
      kind: "update_payment_method",
      orderId: order.id,
      paymentMethodId: frame.slots.methodId,
    };
    const total = order.transactions.find((t) => t.kind === "payment")?.amountMinor ?? 0;
    return confirmThenApply(turn, frame, {
      change,
      confirmKey: "change_payment.confirm",
      confirmParams: () => ({
        order: orderParam(order.id),
        amount: money(total, order.currency),
        method: methodOf(customer ?? undefined, String(frame.slots.methodId)),
        old: methodOf(customer ?? undefined, current ?? ""),
      }),
      declinedKey: "change_payment.declined",
      deniedKey: "change_payment.denied",
      applied: () => {
        turn.say("change_payment.done", {
          order: orderParam(order.id),
          method: methodOf(customer ?? undefined, String(frame.slots.methodId)),
        });
        turn.state.resolved.push({
          skill: "change_payment",
          key: "summary.payment",
          params: { order: order.id },
        });
        return { kind: "done", outcome: "resolved" };
      },
    });
  },
};
