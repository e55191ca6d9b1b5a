import { ok, refuse } from "../../changes.ts";
import {
  addressColumns,
  type ChangeHandler,
  findOrder,
  logChange,
  previewLine,
  touchOrder,
  validAddress,
} from "./common.ts";

/** A new shipping address, possible until the order ships. */
export const updateShippingAddress: ChangeHandler<"update_shipping_address"> = {
  subject: (change) => ({ table: "oms_orders", id: change.orderId }),

  async preview(ctx, change) {
    const found = await findOrder(ctx, change.orderId);
    if (!found.ok) return found;
    const { order, customer } = found.value;
    if (order.status !== "pending") {
      return refuse(
        "invalid_state",
        `Order ${order.id} is ${order.status}; its address can no longer change`,
        {
          status: order.status,
        },
      );
    }
    const address = validAddress(change.address);
    if (!address.ok) return address;
    return ok({
      change: { ...change, address: address.value },
      customerId: customer.id,
      order,
      customer,
      currency: order.currency,
      lines: order.items.map(previewLine),
      movements: [],
      amountMinor: 0,
    });
  },

  async apply(ctx, change, preview, actor) {
    const order = preview.order;
    if (!order || preview.change.kind !== "update_shipping_address")
      throw new Error("address preview without order");
    const address = preview.change.address;
    await ctx.db
      .updateTable("oms_orders")
      .set(addressColumns(address))
      .where("id", "=", change.orderId)
      .execute();
    await touchOrder(ctx, order.id);
    await logChange(ctx, { type: "order", id: order.id }, "address", order.address, address, actor);
    return {};
  },
};
