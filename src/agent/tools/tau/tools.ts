import { z } from "zod";
import type { CommerceChange, LineSwap, Order } from "../../../commerce/index.ts";
import { type CommitResult, commitChange, proposeChange } from "../change-flow.ts";
import type { ToolContext } from "../context.ts";
import { defineTool, failure, success, type ToolDefinition, type ToolResult } from "../registry.ts";
import { calculate, pythonFloat } from "./calculate.ts";
import { type TauWriteTool, tauDenialText, tauRefusalText } from "./errors.ts";
import { tauOrder, tauProduct, tauUser, tauVariant } from "./render.ts";

/**
 * tau-bench's retail tool set under its own names and arguments, so its tasks replay one to one and
 * a model prompted with tau's tools works unchanged. Each runs on the connector, behind the same
 * verification, ownership, policy and confirmation checks as every other way into the order system.
 */

const orderId = z
  .string()
  .describe(
    "The order id, such as '#W0000000'. Be careful there is a '#' symbol at the beginning of the order id.",
  );
const paymentMethodId = z
  .string()
  .describe(
    "The payment method id to pay or receive refund for the item price difference, such as 'gift_card_0000000' or 'credit_card_0000000'. These can be looked up from the user or order details.",
  );
const itemIds = z
  .array(z.string())
  .describe("The item ids, each such as '1008292230'. There could be duplicate items in the list.");
const addressFields = {
  address1: z.string().describe("The first line of the address, such as '123 Main St'."),
  address2: z.string().describe("The second line of the address, such as 'Apt 1' or ''."),
  city: z.string().describe("The city, such as 'San Francisco'."),
  state: z.string().describe("The state, such as 'CA'."),
  country: z.string().describe("The country, such as 'USA'."),
  zip: z.string().describe("The zip code, such as '12345'."),
};

const NOT_VERIFIED =
  "the customer must be authenticated first (find_user_id_by_email or find_user_id_by_name_zip)";

/** Reads follow the same privacy rule as writes: only the verified customer's own data. */
function mayRead(ctx: ToolContext, customerId: string): boolean {
  return ctx.session.verifiedCustomerId !== null && ctx.session.verifiedCustomerId === customerId;
}

function verified(ctx: ToolContext, customerId: string, method: "email" | "name_postal_code"): ToolResult {
  if (!ctx.session.verify(customerId, method)) {
    return failure(
      "one_customer_per_conversation",
      "another customer is already verified in this conversation; only one customer can be helped per conversation",
    );
  }
  return success(customerId);
}

/** Picks a distinct order line for each tau item id, in order; null when the order holds too few. */
function linesFor(order: Order, ids: string[]): { lineIds: string[] } | { missing: string } {
  const free = [...order.items];
  const lineIds: string[] = [];
  for (const id of ids) {
    const index = free.findIndex((i) => i.variantId === id);
    if (index < 0) return { missing: id };
    lineIds.push((free.splice(index, 1)[0] as Order["items"][number]).lineId);
  }
  return { lineIds };
}

function commitText(
  tool: TauWriteTool,
  result: CommitResult,
  render: () => Promise<string>,
): Promise<ToolResult> | ToolResult {
  switch (result.status) {
    case "refused":
      return failure(
        result.refusal.code,
        result.refusal.message,
        tauRefusalText(tool, result.refusal),
        result.refusal.details,
      );
    case "denied":
    case "approval_required": {
      const text =
        result.status === "denied"
          ? tauDenialText(tool, result.decision)
          : "Error: this change needs a person's approval";
      return failure(
        result.status === "denied" ? "policy_denied" : "approval_required",
        text.replace(/^Error: /, ""),
        text,
        {
          reasons: result.decision.reasons,
          // What the customer's yes must refer to; the conversation records it and the call is repeated.
          confirmation: result.proposal.digest,
        },
      );
    }
    case "applied":
      return render().then((text) => ({ ok: true, output: result.outcome, text }));
  }
}

async function orderText(ctx: ToolContext, id: string): Promise<string> {
  const order = await ctx.connector.getOrder(id);
  return order ? JSON.stringify(tauOrder(order)) : "Error: order not found";
}

async function swapsFor(
  ctx: ToolContext,
  tool: TauWriteTool,
  args: { order_id: string; item_ids: string[]; new_item_ids: string[] },
): Promise<{ error: ToolResult } | { swaps: LineSwap[] }> {
  const order = await ctx.connector.getOrder(args.order_id);
  if (!order) return { error: failure("order_not_found", "order not found") };
  const lines = linesFor(order, args.item_ids);
  if ("missing" in lines) {
    const text =
      tool === "return_delivered_order_items"
        ? "Error: some item not found"
        : `Error: ${lines.missing} not found`;
    return { error: failure("line_not_found", text.slice(7), text) };
  }
  if (args.new_item_ids.length !== args.item_ids.length) {
    return { error: failure("invalid_arguments", "the number of items to be exchanged should match") };
  }
  const swaps: LineSwap[] = lines.lineIds.map((lineId, i) => ({
    lineId,
    newVariantId: args.new_item_ids[i] as string,
  }));
  return { swaps };
}

async function writeTool(
  ctx: ToolContext,
  tool: TauWriteTool,
  change: CommerceChange,
  render: () => Promise<string>,
): Promise<ToolResult> {
  return commitText(tool, await commitChange(ctx, change), render);
}

export const tauTools: ToolDefinition[] = [
  defineTool({
    name: "calculate",
    description: "Calculate the result of a mathematical expression.",
    parameters: z.object({
      expression: z
        .string()
        .describe(
          "The mathematical expression to calculate, such as '2 + 2'. The expression can contain numbers, operators (+, -, *, /), parentheses, and spaces.",
        ),
    }),
    mutates: false,
    async run(_ctx, args) {
      const result = calculate(args.expression);
      return result.ok
        ? success(result.value, pythonFloat(result.value))
        : failure("invalid_expression", result.error);
    },
  }),
  defineTool({
    name: "find_user_id_by_email",
    description:
      "Find user id by email. If the user is not found, the function will return an error message.",
    parameters: z.object({
      email: z.string().describe("The email of the user, such as 'something@example.com'."),
    }),
    mutates: false,
    async run(ctx, args) {
      const id = await ctx.connector.findCustomerByEmail(args.email);
      return id ? verified(ctx, id, "email") : failure("user_not_found", "user not found");
    },
  }),
  defineTool({
    name: "find_user_id_by_name_zip",
    description:
      "Find user id by first name, last name, and zip code. If the user is not found, the function will return an error message. By default, find user id by email, and only call this function if the user is not found by email or cannot remember email.",
    parameters: z.object({
      first_name: z.string().describe("The first name of the customer, such as 'John'."),
      last_name: z.string().describe("The last name of the customer, such as 'Doe'."),
      zip: z.string().describe("The zip code of the customer, such as '12345'."),
    }),
    mutates: false,
    async run(ctx, args) {
      const id = await ctx.connector.findCustomerByNameAndPostalCode(
        args.first_name,
        args.last_name,
        args.zip,
      );
      return id ? verified(ctx, id, "name_postal_code") : failure("user_not_found", "user not found");
    },
  }),
  defineTool({
    name: "get_user_details",
    description: "Get the details of a user, including their orders.",
    parameters: z.object({ user_id: z.string().describe("The user id, such as 'sara_doe_496'.") }),
    mutates: false,
    async run(ctx, args) {
      if (!ctx.session.verifiedCustomerId) return failure("identity_not_verified", NOT_VERIFIED);
      const customer = await ctx.connector.getCustomer(args.user_id);
      if (!customer || !mayRead(ctx, customer.id)) return failure("user_not_found", "user not found");
      const user = tauUser(customer);
      return success(user, JSON.stringify(user));
    },
  }),
  defineTool({
    name: "get_order_details",
    description: "Get the status and details of an order.",
    parameters: z.object({ order_id: orderId }),
    mutates: false,
    async run(ctx, args) {
      if (!ctx.session.verifiedCustomerId) return failure("identity_not_verified", NOT_VERIFIED);
      const order = await ctx.connector.getOrder(args.order_id);
      // Another customer's order reads as not found: its existence is theirs too.
      if (!order || !mayRead(ctx, order.customerId)) return failure("order_not_found", "order not found");
      const view = tauOrder(order);
      return success(view, JSON.stringify(view));
    },
  }),
  defineTool({
    name: "get_product_details",
    description: "Get the inventory details of a product.",
    parameters: z.object({
      product_id: z
        .string()
        .describe(
          "The product id, such as '6086499569'. Be careful the product id is different from the item id.",
        ),
    }),
    mutates: false,
    async run(ctx, args) {
      const product = await ctx.connector.getProduct(args.product_id);
      if (!product) return failure("product_not_found", "product not found");
      const view = tauProduct(product);
      return success(view, JSON.stringify(view));
    },
  }),
  defineTool({
    name: "get_item_details",
    description: "Get the inventory details of an item.",
    parameters: z.object({
      item_id: z
        .string()
        .describe(
          "The item id, such as '6086499569'. Be careful the item id is different from the product id.",
        ),
    }),
    mutates: false,
    async run(ctx, args) {
      const variant = await ctx.connector.getVariant(args.item_id);
      if (!variant) return failure("item_not_found", "item not found");
      const view = tauVariant(variant);
      return success(view, JSON.stringify(view));
    },
  }),
  defineTool({
    name: "list_all_product_types",
    description:
      "List the name and product id of all product types. Each product type has a variety of different items with unique item ids and options. There are only 50 product types in the store.",
    parameters: z.object({}),
    mutates: false,
    async run(ctx) {
      const products = await ctx.connector.listProducts();
      const map = Object.fromEntries(
        products.map((p) => [p.name, p.id]).sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
      );
      return success(map, JSON.stringify(map));
    },
  }),
  defineTool({
    name: "think",
    description:
      "Use the tool to think about something. It will not obtain new information or change the database, but just append the thought to the log. Use it when complex reasoning is needed.",
    parameters: z.object({ thought: z.string().describe("A thought to think about.") }),
    mutates: false,
    async run() {
      return success("", "");
    },
  }),
  defineTool({
    name: "transfer_to_human_agents",
    description:
      "Transfer the user to a human agent, with a summary of the user's issue. Only transfer if the user explicitly asks for a human agent, or if the user's issue cannot be resolved by the agent with the available tools.",
    parameters: z.object({ summary: z.string().describe("A summary of the user's issue.") }),
    mutates: false,
    async run(_ctx, args) {
      return success({ transferred: true, summary: args.summary }, "Transfer successful");
    },
  }),
  defineTool({
    name: "cancel_pending_order",
    description:
      "Cancel a pending order. If the order is already processed or delivered, it cannot be cancelled. The agent needs to explain the cancellation detail and ask for explicit user confirmation (yes/no) to proceed. If the user confirms, the order status will be changed to 'cancelled' and the payment will be refunded. The refund will be added to the user's gift card balance immediately if the payment was made using a gift card, otherwise the refund would take 5-7 business days to process. The function returns the order details after the cancellation.",
    parameters: z.object({
      order_id: orderId,
      reason: z
        .string()
        .describe(
          "The reason for cancellation, which should be either 'no longer needed' or 'ordered by mistake'.",
        ),
    }),
    mutates: true,
    run: (ctx, args) =>
      writeTool(
        ctx,
        "cancel_pending_order",
        { kind: "cancel_order", orderId: args.order_id, reason: args.reason },
        () => orderText(ctx, args.order_id),
      ),
  }),
  defineTool({
    name: "modify_pending_order_address",
    description:
      "Modify the shipping address of a pending order. The agent needs to explain the modification detail and ask for explicit user confirmation (yes/no) to proceed.",
    parameters: z.object({ order_id: orderId, ...addressFields }),
    mutates: true,
    run: (ctx, args) =>
      writeTool(
        ctx,
        "modify_pending_order_address",
        {
          kind: "update_shipping_address",
          orderId: args.order_id,
          address: {
            line1: args.address1,
            line2: args.address2,
            city: args.city,
            state: args.state,
            postalCode: args.zip,
            country: args.country,
          },
        },
        () => orderText(ctx, args.order_id),
      ),
  }),
  defineTool({
    name: "modify_pending_order_payment",
    description:
      "Modify the payment method of a pending order. The agent needs to explain the modification detail and ask for explicit user confirmation (yes/no) to proceed.",
    parameters: z.object({ order_id: orderId, payment_method_id: paymentMethodId }),
    mutates: true,
    run: (ctx, args) =>
      writeTool(
        ctx,
        "modify_pending_order_payment",
        { kind: "update_payment_method", orderId: args.order_id, paymentMethodId: args.payment_method_id },
        () => orderText(ctx, args.order_id),
      ),
  }),
  defineTool({
    name: "modify_pending_order_items",
    description:
      "Modify items in a pending order to new items of the same product type. For a pending order, this function can only be called once. The agent needs to explain the exchange detail and ask for explicit user confirmation (yes/no) to proceed.",
    parameters: z.object({
      order_id: orderId,
      item_ids: itemIds,
      new_item_ids: itemIds,
      payment_method_id: paymentMethodId,
    }),
    mutates: true,
    async run(ctx, args) {
      const swaps = await swapsFor(ctx, "modify_pending_order_items", args);
      if ("error" in swaps) return swaps.error;
      return writeTool(
        ctx,
        "modify_pending_order_items",
        {
          kind: "modify_items",
          orderId: args.order_id,
          items: swaps.swaps,
          paymentMethodId: args.payment_method_id,
        },
        () => orderText(ctx, args.order_id),
      );
    },
  }),
  defineTool({
    name: "return_delivered_order_items",
    description:
      "Return some items of a delivered order. The order status will be changed to 'return requested'. The agent needs to explain the return detail and ask for explicit user confirmation (yes/no) to proceed. The user will receive follow-up email for how and where to return the item.",
    parameters: z.object({ order_id: orderId, item_ids: itemIds, payment_method_id: paymentMethodId }),
    mutates: true,
    async run(ctx, args) {
      const order = await ctx.connector.getOrder(args.order_id);
      if (!order) return failure("order_not_found", "order not found");
      const lines = linesFor(order, args.item_ids);
      const change: CommerceChange = {
        kind: "create_return",
        orderId: args.order_id,
        lineIds: "lineIds" in lines ? lines.lineIds : [],
        refundMethodId: args.payment_method_id,
      };
      // tau checks the order's state and the refund destination before the items, so an unknown
      // item is reported only when a return of a known one would pass (previewed, nothing written).
      if ("missing" in lines) {
        const probe = await proposeChange(ctx, {
          ...change,
          lineIds: order.items.slice(0, 1).map((i) => i.lineId),
        });
        if (!probe.ok)
          return failure(
            probe.refusal.code,
            probe.refusal.message,
            tauRefusalText("return_delivered_order_items", probe.refusal),
          );
        if (!probe.proposal.decision.allowed) {
          const text = tauDenialText("return_delivered_order_items", probe.proposal.decision);
          return failure("policy_denied", text.replace(/^Error: /, ""), text);
        }
        return failure("line_not_found", "some item not found");
      }
      return writeTool(ctx, "return_delivered_order_items", change, () => orderText(ctx, args.order_id));
    },
  }),
  defineTool({
    name: "exchange_delivered_order_items",
    description:
      "Exchange items in a delivered order to new items of the same product type. For a delivered order, return or exchange can be only done once by the agent. The agent needs to explain the exchange detail and ask for explicit user confirmation (yes/no) to proceed.",
    parameters: z.object({
      order_id: orderId,
      item_ids: itemIds,
      new_item_ids: itemIds,
      payment_method_id: paymentMethodId,
    }),
    mutates: true,
    async run(ctx, args) {
      const swaps = await swapsFor(ctx, "exchange_delivered_order_items", args);
      if ("error" in swaps) return swaps.error;
      return writeTool(
        ctx,
        "exchange_delivered_order_items",
        {
          kind: "create_exchange",
          orderId: args.order_id,
          items: swaps.swaps,
          paymentMethodId: args.payment_method_id,
        },
        () => orderText(ctx, args.order_id),
      );
    },
  }),
  defineTool({
    name: "modify_user_address",
    description:
      "Modify the default address of a user. The agent needs to explain the modification detail and ask for explicit user confirmation (yes/no) to proceed.",
    parameters: z.object({
      user_id: z.string().describe("The user id, such as 'sara_doe_496'."),
      ...addressFields,
    }),
    mutates: true,
    run: (ctx, args) =>
      writeTool(
        ctx,
        "modify_user_address",
        {
          kind: "update_default_address",
          customerId: args.user_id,
          address: {
            line1: args.address1,
            line2: args.address2,
            city: args.city,
            state: args.state,
            postalCode: args.zip,
            country: args.country,
          },
        },
        async () => {
          const customer = await ctx.connector.getCustomer(args.user_id);
          return customer ? JSON.stringify(tauUser(customer)) : "Error: user not found";
        },
      ),
  }),
];
