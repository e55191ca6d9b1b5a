import type {
  Address,
  Customer,
  CustomerId,
  Invoice,
  LabelType,
  LineId,
  Order,
  OrderId,
  PaymentMethod,
  PaymentMethodId,
  VariantId,
} from "./types.ts";

/**
 * Every mutation is one of these values: previewed (its money effect computed, nothing written),
 * decided by the policy engine, confirmed by the customer, then applied once under an idempotency key.
 */
export type CommerceChange =
  | { kind: "cancel_order"; orderId: OrderId; reason: string }
  | { kind: "update_shipping_address"; orderId: OrderId; address: Address }
  | { kind: "update_payment_method"; orderId: OrderId; paymentMethodId: PaymentMethodId }
  | { kind: "modify_items"; orderId: OrderId; items: LineSwap[]; paymentMethodId: PaymentMethodId }
  | {
      kind: "create_return";
      orderId: OrderId;
      lineIds: LineId[];
      refundMethodId: PaymentMethodId;
      reason?: string;
      /** Per line, when the customer told us (restocking fees depend on it). */
      opened?: LineId[];
      /** Set from the policy's obligations (restocking fee, label type) before the customer confirms. */
      feeMinor?: number;
      labelType?: LabelType;
    }
  | {
      kind: "create_exchange";
      orderId: OrderId;
      items: LineSwap[];
      paymentMethodId: PaymentMethodId;
      reason?: string;
    }
  | { kind: "update_default_address"; customerId: CustomerId; address: Address }
  | { kind: "promise_to_pay"; invoiceId: string; amountMinor: number; promisedDate: string };

export type ChangeKind = CommerceChange["kind"];

export interface LineSwap {
  lineId: LineId;
  newVariantId: VariantId;
}

/** Money that moves because of a change, as the customer is told it. */
export interface MoneyMovement {
  direction: "charge" | "refund";
  amountMinor: number;
  currency: string;
  paymentMethodId: PaymentMethodId;
  /** immediate: gift cards; business_days: cards and PayPal (5-7); on_receipt: after the return arrives. */
  timing: "immediate" | "business_days" | "on_receipt";
}

export interface PreviewLine {
  lineId: LineId;
  productId: string;
  name: string;
  variantId: VariantId;
  options: Record<string, string>;
  unitPriceMinor: number;
  newVariantId?: VariantId;
  newOptions?: Record<string, string>;
  newUnitPriceMinor?: number;
}

/** What a change would do, computed without writing. The policy engine reads it; the agent reads it out. */
export interface ChangePreview {
  change: CommerceChange;
  customerId: CustomerId;
  order?: Order;
  customer?: Customer;
  invoice?: Invoice;
  currency: string;
  lines: PreviewLine[];
  movements: MoneyMovement[];
  /** Sum of new minus old prices for swaps; refund amount for returns; order total for cancels. */
  amountMinor: number;
  /** The payment method the change charges or refunds, when it names one. */
  paymentMethod?: PaymentMethod;
}

export interface ChangeOutcome {
  change: CommerceChange;
  order?: Order;
  customer?: Customer;
  invoice?: Invoice;
  /** The record the change created (return, exchange, promise). */
  createdId?: string;
  rmaNumber?: string;
  /** True when the idempotency key had already been applied and the stored outcome was returned. */
  replayed: boolean;
}

/**
 * A closed set of reasons a connector refuses a change or a lookup. These are data problems and
 * invariants of the order system; store rules (windows, reasons, destinations) belong to the policy engine.
 */
export type RefusalCode =
  | "order_not_found"
  | "customer_not_found"
  | "invoice_not_found"
  | "line_not_found"
  | "variant_not_found"
  | "variant_unavailable"
  | "variant_of_other_product"
  | "payment_method_not_found"
  | "payment_method_unchanged"
  | "payment_not_single"
  | "insufficient_balance"
  | "invalid_state"
  | "invalid_input"
  | "idempotency_conflict"
  | "unsupported";

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** Structured context (which line, which variant) for the tool layer to render. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function refuse<T = never>(
  code: RefusalCode,
  message: string,
  details?: Record<string, unknown>,
): Result<T> {
  return { ok: false, refusal: details ? { code, message, details } : { code, message } };
}

export interface ApplyOptions {
  /** The same key always yields the same outcome; a different change under a used key is refused. */
  idempotencyKey: string;
  /** Who asked: "agent:<conversation>", "desk:<user>", "api:<token>". Recorded in the order history. */
  actor: string;
}
