import { ok, refuse } from "../../changes.ts";
import { postalKey } from "../../normalize.ts";
import { loadCustomers } from "../read.ts";
import { addressColumns, type ChangeHandler, logChange, touchCustomer, validAddress } from "./common.ts";

/** The customer's default address; orders already placed keep theirs. */
export const updateDefaultAddress: ChangeHandler<"update_default_address"> = {
  subject: (change) => ({ table: "oms_customers", id: change.customerId }),

  async preview(ctx, change) {
    const customer = (await loadCustomers(ctx.db, [change.customerId])).get(change.customerId);
    if (!customer) return refuse("customer_not_found", `Customer ${change.customerId} not found`);
    const address = validAddress(change.address);
    if (!address.ok) return address;
    return ok({
      change: { ...change, address: address.value },
      customerId: customer.id,
      customer,
      currency: "",
      lines: [],
      movements: [],
      amountMinor: 0,
    });
  },

  async apply(ctx, change, preview, actor) {
    if (!preview.customer || preview.change.kind !== "update_default_address")
      throw new Error("address preview without customer");
    const address = preview.change.address;
    await ctx.db
      .updateTable("oms_customers")
      .set({ ...addressColumns(address), postal_key: postalKey(address.postalCode) })
      .where("id", "=", change.customerId)
      .execute();
    await touchCustomer(ctx, change.customerId);
    await logChange(
      ctx,
      { type: "customer", id: change.customerId },
      "default_address",
      preview.customer.address,
      address,
      actor,
    );
    return {};
  },
};
