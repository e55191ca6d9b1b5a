import type { CommerceChange, Invoice } from "../../commerce/index.ts";
import { toMinor } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { code, date, money, order as orderParam } from "../responses/params.ts";
import { confirmThenApply } from "./confirm.ts";
import type { Skill } from "./types.ts";

const PAY_NOW =
  /\b(now|today|link|right away|sofort|jetzt|heute|maintenant|aujourd'hui|lien|ahora|hoy|enlace|adesso|oggi|subito|nu|vandaag|meteen)\b/i;

/**
 * Open and overdue invoices: what is owed and by when, a payment link, or a promise to pay on a date
 * the policy accepts.
 */
export const invoice: Skill = {
  name: "invoice",
  requiresCustomer: true,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    const customer = turn.state.customer;
    if (!customer) return { kind: "push", skill: "identify" };
    const invoices = (await turn.services.connector.listInvoices(customer.id)).filter(
      (i) => i.status === "open" || i.status === "overdue",
    );
    if (invoices.length === 0) {
      turn.say("invoice.none");
      return { kind: "done", outcome: "answered" };
    }
    const current =
      invoices.find((i) => i.id === frame.slots.invoiceId) ??
      ((invoices.find((i) => i.status === "overdue") ?? invoices[0]) as Invoice);
    if (frame.slots.invoiceId !== current.id) {
      frame.slots.invoiceId = current.id;
      turn.say(current.status === "overdue" ? "invoice.overdue" : "invoice.open", describe(current));
      if (invoices.length > 1) turn.say("invoice.more", { count: invoices.length - 1 });
    }

    const promisedDate = turn.entity("date");
    const amount = turn.entity("amount");
    if (promisedDate) frame.slots.date = promisedDate;
    if (amount) frame.slots.amountMinor = toMinor(amount.amount, current.currency);

    if (typeof frame.slots.date !== "string") {
      if (turn.understanding && turn.isAnswer(frame, "plan") && PAY_NOW.test(turn.understanding.text)) {
        turn.say("invoice.link", {
          link: current.paymentLink,
          amount: money(current.outstandingMinor, current.currency),
        });
        turn.state.resolved.push({
          skill: "invoice",
          key: "summary.payment_link",
          params: { invoice: current.id },
        });
        return { kind: "done", outcome: "resolved" };
      }
      return turn.ask(
        frame,
        "plan",
        "invoice.ask_plan",
        { link: current.paymentLink },
        { expecting: "date" },
      );
    }
    const amountMinor =
      typeof frame.slots.amountMinor === "number" ? frame.slots.amountMinor : current.outstandingMinor;
    const change: CommerceChange = {
      kind: "promise_to_pay",
      invoiceId: current.id,
      amountMinor,
      promisedDate: frame.slots.date,
    };
    const result = await confirmThenApply(turn, frame, {
      change,
      confirmKey: "invoice.confirm_promise",
      confirmParams: () => ({
        amount: money(amountMinor, current.currency),
        invoice: code(current.id),
        date: date(String(frame.slots.date)),
      }),
      declinedKey: "invoice.declined",
      deniedKey: "invoice.denied",
      applied: () => {
        turn.say("invoice.promise_done", {
          amount: money(amountMinor, current.currency),
          date: date(String(frame.slots.date)),
        });
        turn.state.resolved.push({
          skill: "invoice",
          key: "summary.promise",
          params: { invoice: current.id },
        });
        return { kind: "done", outcome: "resolved" };
      },
    });
    if (result.kind === "done" && result.outcome === "denied") {
      // The policy said why (too far out, too little); the customer may offer another date.
      for (const key of ["date", "amountMinor", "digest"]) delete frame.slots[key];
      return turn.ask(frame, "plan", "invoice.ask_other_date", {}, { expecting: "date" });
    }
    return result;
  },
};

function describe(invoice: Invoice) {
  return {
    invoice: code(invoice.id),
    order: orderParam(invoice.orderId),
    outstanding: money(invoice.outstandingMinor, invoice.currency),
    due: date(invoice.dueDate),
  };
}
