import { ok, refuse } from "../../changes.ts";
import { loadCustomers, loadInvoices } from "../read.ts";
import { type ChangeHandler, logChange } from "./common.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A customer's promise to pay (part of) an open invoice by a date; collections track whether it is kept. */
export const promiseToPay: ChangeHandler<"promise_to_pay"> = {
  subject: (change) => ({ table: "oms_invoices", id: change.invoiceId }),

  async preview(ctx, change) {
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const [invoice] = await loadInvoices(ctx.db, { invoiceId: change.invoiceId }, today);
    if (!invoice) return refuse("invoice_not_found", `Invoice ${change.invoiceId} not found`);
    if (invoice.status === "paid" || invoice.status === "written_off" || invoice.outstandingMinor <= 0) {
      return refuse("invalid_state", `Invoice ${invoice.id} has nothing outstanding`, {
        status: invoice.status,
      });
    }
    if (
      !Number.isSafeInteger(change.amountMinor) ||
      change.amountMinor <= 0 ||
      change.amountMinor > invoice.outstandingMinor
    ) {
      return refuse(
        "invalid_input",
        "The promised amount must be more than zero and at most what is outstanding",
        {
          outstandingMinor: invoice.outstandingMinor,
        },
      );
    }
    if (!ISO_DATE.test(change.promisedDate) || Number.isNaN(Date.parse(change.promisedDate))) {
      return refuse("invalid_input", "The promised date must be a calendar date (YYYY-MM-DD)");
    }
    if (change.promisedDate < today) return refuse("invalid_input", "The promised date is in the past");
    const customer = (await loadCustomers(ctx.db, [invoice.customerId])).get(invoice.customerId);
    return ok({
      change,
      customerId: invoice.customerId,
      ...(customer ? { customer } : {}),
      invoice,
      currency: invoice.currency,
      lines: [],
      movements: [],
      amountMinor: change.amountMinor,
    });
  },

  async apply(ctx, change, preview, actor) {
    const id = ctx.ids.next("ptp");
    // Open promises whose date has passed without payment are broken by now; record that first.
    await ctx.db
      .updateTable("oms_payment_promises")
      .set({ status: "broken" })
      .where("invoice_id", "=", change.invoiceId)
      .where("status", "=", "open")
      .where("promised_date", "<", ctx.clock.now().toISOString().slice(0, 10))
      .execute();
    await ctx.db
      .insertInto("oms_payment_promises")
      .values({
        id,
        invoice_id: change.invoiceId,
        amount_minor: change.amountMinor,
        promised_date: change.promisedDate,
        status: "open",
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await logChange(
      ctx,
      { type: "invoice", id: change.invoiceId },
      "promise_to_pay",
      { outstandingMinor: preview.invoice?.outstandingMinor },
      { promiseId: id, amountMinor: change.amountMinor, promisedDate: change.promisedDate },
      actor,
    );
    return { createdId: id };
  },
};
