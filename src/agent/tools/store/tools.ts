import { z } from "zod";
import {
  type CommerceConnector,
  fromMinor,
  type Invoice,
  type Order,
  toMinor,
} from "../../../commerce/index.ts";
import { commitChange } from "../change-flow.ts";
import type { ToolContext } from "../context.ts";
import { defineTool, failure, success, type ToolDefinition, type ToolResult } from "../registry.ts";
import type { VerificationMethod } from "../session.ts";

/**
 * The store's own tools beside tau's: second-factor verification, tracking, refund and return status,
 * return labels, invoices and promises to pay. Same rules: the verified customer's data only, and
 * changes through the change flow. Money is given as decimal strings with their currency.
 */

const orderId = z.string().min(1).max(64).describe("The order number, such as '#W2378156'.");

const money = (amountMinor: number, currency: string) => ({
  amount: fromMinor(amountMinor, currency).toFixed(2),
  currency,
});

function notVerified(): ToolResult {
  return failure("identity_not_verified", "the customer must be verified first");
}

/** The verified customer's order, or a refusal that does not reveal whether another customer's exists. */
async function ownOrder(ctx: ToolContext, id: string): Promise<Order | ToolResult> {
  const customer = ctx.session.verifiedCustomerId;
  if (!customer) return notVerified();
  const order = await ctx.connector.getOrder(id);
  if (!order || order.customerId !== customer) return failure("order_not_found", `order ${id} not found`);
  return order;
}

function isResult(value: unknown): value is ToolResult {
  return typeof value === "object" && value !== null && "ok" in value && "text" in value;
}

/** Order number plus one more detail the customer knows: the identification most callers can give. */
async function verifyByOrder(
  connector: CommerceConnector,
  args: {
    order_id: string;
    email?: string | undefined;
    postal_code?: string | undefined;
    phone?: string | undefined;
  },
): Promise<{ customerId: string; method: VerificationMethod } | null> {
  const owner = await connector.findCustomerByOrder(args.order_id);
  if (!owner) return null;
  if (args.email && (await connector.findCustomerByEmail(args.email)) === owner)
    return { customerId: owner, method: "order_and_email" };
  if (args.phone && (await connector.findCustomerByPhone(args.phone)) === owner)
    return { customerId: owner, method: "order_and_phone" };
  if (args.postal_code) {
    const customer = await connector.getCustomer(owner);
    const order = await connector.getOrder(args.order_id);
    const given = args.postal_code.replace(/[\s-]+/g, "").toUpperCase();
    const known = [customer?.address.postalCode, order?.address.postalCode].map((p) =>
      p?.replace(/[\s-]+/g, "").toUpperCase(),
    );
    if (known.includes(given)) return { customerId: owner, method: "order_and_postal_code" };
  }
  return null;
}

function invoiceView(invoice: Invoice) {
  return {
    invoice_id: invoice.id,
    order_id: invoice.orderId,
    status: invoice.status,
    total: money(invoice.amountMinor, invoice.currency),
    outstanding: money(invoice.outstandingMinor, invoice.currency),
    due_date: invoice.dueDate,
    payment_link: invoice.paymentLink,
    promises: invoice.promises.map((p) => ({
      amount: money(p.amountMinor, invoice.currency),
      date: p.promisedDate,
      status: p.status,
    })),
  };
}

export const storeTools: ToolDefinition[] = [
  defineTool({
    name: "verify_customer_by_order",
    description:
      "Verify the customer by an order number and one more detail: the email address, the postcode of the account or the order, or the phone number on the account. Say only whether it matched; never which detail failed.",
    parameters: z
      .object({
        order_id: orderId,
        email: z.string().max(254).optional(),
        postal_code: z.string().max(16).optional(),
        phone: z.string().max(32).optional(),
      })
      .refine(
        (a) => a.email || a.postal_code || a.phone,
        "give an email, a postal_code or a phone besides the order_id",
      ),
    mutates: false,
    async run(ctx, args) {
      const match = await verifyByOrder(ctx.connector, args);
      if (!match) return failure("verification_failed", "the details do not match our records");
      if (!ctx.session.verify(match.customerId, match.method)) {
        return failure(
          "one_customer_per_conversation",
          "another customer is already verified in this conversation",
        );
      }
      return success({ verified: true, customer_id: match.customerId, method: match.method });
    },
  }),
  defineTool({
    name: "list_orders",
    description:
      "List the verified customer's orders, newest first, with status, date, total and item count.",
    parameters: z.object({ limit: z.number().int().min(1).max(50).default(10) }),
    mutates: false,
    async run(ctx, args) {
      const customer = ctx.session.verifiedCustomerId;
      if (!customer) return notVerified();
      const orders = await ctx.connector.listOrders(customer, { limit: args.limit });
      return success(
        orders.map((o) => ({
          order_id: o.id,
          status: o.status,
          placed_at: o.placedAt,
          total: money(
            o.items.reduce((s, i) => s + i.unitPriceMinor, 0),
            o.currency,
          ),
          items: o.items.map((i) => i.name),
          open_return: o.returns.some((r) => !["refunded", "rejected", "cancelled"].includes(r.status)),
        })),
      );
    },
  }),
  defineTool({
    name: "track_shipment",
    description:
      "Tracking for one of the verified customer's orders: per shipment the carrier, tracking number, status, latest scan and estimated delivery.",
    parameters: z.object({ order_id: orderId }),
    mutates: false,
    async run(ctx, args) {
      const order = await ownOrder(ctx, args.order_id);
      if (isResult(order)) return order;
      const names = new Map(order.items.map((i) => [i.lineId, i.name]));
      return success({
        order_id: order.id,
        order_status: order.status,
        shipments: order.shipments.map((s) => ({
          carrier: s.carrier,
          tracking_number: s.trackingNumber,
          status: s.status,
          estimated_delivery: s.estimatedDelivery ?? null,
          delivered_at: s.deliveredAt ?? null,
          latest_event: s.events.at(-1) ?? null,
          items: s.lineIds.map((id) => names.get(id) ?? id),
        })),
      });
    },
  }),
  defineTool({
    name: "get_refund_status",
    description:
      "Refunds and returns of one of the verified customer's orders: amounts, where the money goes, status and the date it is expected.",
    parameters: z.object({ order_id: orderId }),
    mutates: false,
    async run(ctx, args) {
      const order = await ownOrder(ctx, args.order_id);
      if (isResult(order)) return order;
      const refunds = (await ctx.connector.listRefunds(order.id)) ?? [];
      return success({
        order_id: order.id,
        refunds: refunds.map((r) => ({
          amount: money(r.amountMinor, r.currency),
          to: r.paymentMethodId,
          status: r.status,
          reason: r.reason,
          issued_at: r.createdAt,
          expected_by: r.expectedAt ?? null,
        })),
        returns: order.returns.map((r) => ({
          rma_number: r.rmaNumber,
          status: r.status,
          refund: money(r.refundAmountMinor, r.currency),
          fee: money(r.feeMinor, r.currency),
          refund_to: r.refundMethodId,
          requested_at: r.createdAt,
        })),
      });
    },
  }),
  defineTool({
    name: "get_return_label",
    description:
      "The return label of an open return on one of the verified customer's orders: carrier, tracking number and where to get it.",
    parameters: z.object({ order_id: orderId }),
    mutates: false,
    async run(ctx, args) {
      const order = await ownOrder(ctx, args.order_id);
      if (isResult(order)) return order;
      const open = order.returns.filter((r) => r.status === "requested" || r.status === "in_transit");
      if (open.length === 0) return failure("no_open_return", `order ${order.id} has no open return`);
      return success(
        open.map((r) => ({ rma_number: r.rmaNumber, status: r.status, label: r.label ?? null })),
      );
    },
  }),
  defineTool({
    name: "get_invoice_status",
    description:
      "The verified customer's invoices: total, what is outstanding, due date, status (open, overdue, paid), payment link and promises made.",
    parameters: z.object({ invoice_id: z.string().max(64).optional() }),
    mutates: false,
    async run(ctx, args) {
      const customer = ctx.session.verifiedCustomerId;
      if (!customer) return notVerified();
      const invoices = (await ctx.connector.listInvoices(customer)).filter(
        (i) => !args.invoice_id || i.id === args.invoice_id,
      );
      if (args.invoice_id && invoices.length === 0)
        return failure("invoice_not_found", `invoice ${args.invoice_id} not found`);
      return success(invoices.map(invoiceView));
    },
  }),
  defineTool({
    name: "promise_to_pay",
    description:
      "Record the verified customer's promise to pay an open invoice: an amount (in the invoice's currency, e.g. '120.50') by a date (YYYY-MM-DD). List the amount and date and get an explicit yes first.",
    parameters: z.object({
      invoice_id: z.string().min(1).max(64),
      amount: z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, "a decimal amount such as 120.50"),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
    }),
    mutates: true,
    async run(ctx, args) {
      const customer = ctx.session.verifiedCustomerId;
      if (!customer) return notVerified();
      const invoice = (await ctx.connector.listInvoices(customer)).find((i) => i.id === args.invoice_id);
      if (!invoice) return failure("invoice_not_found", `invoice ${args.invoice_id} not found`);
      const result = await commitChange(ctx, {
        kind: "promise_to_pay",
        invoiceId: invoice.id,
        amountMinor: toMinor(Number(args.amount), invoice.currency),
        promisedDate: args.date,
      });
      switch (result.status) {
        case "applied":
          return success({
            recorded: true,
            invoice: result.outcome.invoice ? invoiceView(result.outcome.invoice) : null,
          });
        case "refused":
          return failure(result.refusal.code, result.refusal.message);
        default: {
          const reasons = result.decision.reasons;
          const main = reasons.find((r) => r.code !== "confirmation_required") ?? reasons[0];
          return failure(
            result.status === "denied" ? "policy_denied" : "approval_required",
            main?.message ?? "not allowed",
            undefined,
            {
              reasons,
              confirmation: result.proposal.digest,
            },
          );
        }
      }
    },
  }),
];
