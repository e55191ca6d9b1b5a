import type { Refusal } from "../../../commerce/index.ts";
import type { Decision } from "../../../policy/index.ts";

/** tau's write tools, for choosing the wording of an error. */
export type TauWriteTool =
  | "cancel_pending_order"
  | "modify_pending_order_address"
  | "modify_pending_order_payment"
  | "modify_pending_order_items"
  | "return_delivered_order_items"
  | "exchange_delivered_order_items"
  | "modify_user_address";

function stateText(tool: TauWriteTool): string {
  switch (tool) {
    case "cancel_pending_order":
      return "Error: non-pending order cannot be cancelled";
    case "return_delivered_order_items":
      return "Error: non-delivered order cannot be returned";
    case "exchange_delivered_order_items":
      return "Error: non-delivered order cannot be exchanged";
    default:
      return "Error: non-pending order cannot be modified";
  }
}

/** The order system's refusal in the words tau-bench's tools use. */
export function tauRefusalText(tool: TauWriteTool, refusal: Refusal): string {
  const variant = String(refusal.details?.variantId ?? "");
  switch (refusal.code) {
    case "order_not_found":
      return "Error: order not found";
    case "customer_not_found":
      return "Error: user not found";
    case "invalid_state":
      return stateText(tool);
    case "line_not_found":
      return tool === "return_delivered_order_items"
        ? "Error: some item not found"
        : `Error: ${String(refusal.details?.lineId ?? "")} not found`;
    case "variant_not_found":
    case "variant_unavailable":
    case "variant_of_other_product":
      return `Error: new item ${variant} not found or available`;
    case "payment_method_not_found":
      return "Error: payment method not found";
    case "payment_not_single":
      return "Error: there should be exactly one payment for a pending order";
    case "payment_method_unchanged":
      return "Error: the new payment method should be different from the current one";
    case "insufficient_balance":
      return tool === "modify_pending_order_payment"
        ? "Error: insufficient gift card balance to pay for the order"
        : tool === "modify_pending_order_items"
          ? "Error: insufficient gift card balance to pay for the new item"
          : "Error: insufficient gift card balance to pay for the price difference";
    default:
      return `Error: ${refusal.message}`;
  }
}

/** The policy's first reason in tau's words where tau has them; the pack's explanation otherwise. */
export function tauDenialText(tool: TauWriteTool, decision: Decision): string {
  // A store rule outranks a missing confirmation: asking for a yes to a change that cannot be made helps no one.
  const reason = decision.reasons.find((r) => r.code !== "confirmation_required") ?? decision.reasons[0];
  if (!reason) return "Error: not allowed";
  switch (reason.code) {
    case "order_not_pending":
    case "items_already_modified":
    case "order_not_delivered":
    case "return_or_exchange_done":
      return stateText(tool);
    case "invalid_cancel_reason":
      return "Error: invalid reason";
    case "refund_destination_not_allowed":
      return "Error: payment method should be either the original payment method or a gift card";
    default:
      return `Error: ${reason.message}`;
  }
}
