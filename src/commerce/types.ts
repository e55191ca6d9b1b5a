import { z } from "zod";

/**
 * The commerce domain as every connector reports it, as schemas (one definition for the types, the
 * API's validation and its OpenAPI description). Vendor shapes (tau JSON, Medusa, Shopify) are
 * translated at the connector's edge; nothing here knows about SQL or HTTP.
 * Money is integer minor units beside a currency code; timestamps are ISO-8601 UTC.
 */

export type CustomerId = string;
export type OrderId = string;
export type ProductId = string;
/** A sellable variant; tau calls it "item id". */
export type VariantId = string;
/** One unit line of an order (tau orders list one line per unit). */
export type LineId = string;
export type PaymentMethodId = string;

/** Markets the reference store sells in. */
export const RegionSchema = z.enum(["US", "GB", "DE", "FR", "ES", "IT", "NL"]);
export type Region = z.infer<typeof RegionSchema>;

export const AddressSchema = z.object({
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  /** State, county or province; empty where a country has none in addresses. */
  state: z.string(),
  postalCode: z.string(),
  country: z.string(),
});
export type Address = z.infer<typeof AddressSchema>;

export const PaymentMethodKindSchema = z.enum(["credit_card", "paypal", "gift_card", "invoice"]);
export type PaymentMethodKind = z.infer<typeof PaymentMethodKindSchema>;

/** Card data stops at brand and last four: nothing else ever reaches storage. */
export const PaymentMethodSchema = z.object({
  id: z.string(),
  kind: PaymentMethodKindSchema,
  brand: z.string().optional(),
  lastFour: z.string().optional(),
  /** Gift cards only. */
  balanceMinor: z.number().int().optional(),
  currency: z.string(),
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const CustomerTierSchema = z.enum(["standard", "silver", "gold"]);
export type CustomerTier = z.infer<typeof CustomerTierSchema>;

export const CustomerSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** Primary email first. */
  emails: z.array(z.string()),
  /** E.164. */
  phones: z.array(z.string()),
  address: AddressSchema,
  /** BCP 47, e.g. "de-DE". */
  language: z.string(),
  region: RegionSchema,
  tier: CustomerTierSchema,
  paymentMethods: z.array(PaymentMethodSchema),
  orderIds: z.array(z.string()),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const ProductCategorySchema = z.enum([
  "apparel",
  "footwear",
  "electronics",
  "home",
  "kitchen",
  "outdoor",
  "sports",
  "beauty",
  "personal_care",
  "toys",
  "office",
  "pets",
  "travel",
  "accessories",
]);
export type ProductCategory = z.infer<typeof ProductCategorySchema>;

export const VariantSchema = z.object({
  id: z.string(),
  productId: z.string(),
  sku: z.string(),
  options: z.record(z.string(), z.string()),
  /** Price in the store's base currency (USD). */
  priceMinor: z.number().int(),
  /** Regional price lists, including the base currency. */
  prices: z.record(z.string(), z.number().int()),
  available: z.boolean(),
});
export type Variant = z.infer<typeof VariantSchema>;

export const ProductSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: ProductCategorySchema,
  /** Sold as final sale: not returnable under the standard policy. */
  finalSale: z.boolean(),
  /** Hygiene goods (worn on skin, personal care): not returnable once opened. */
  hygiene: z.boolean(),
  variants: z.array(VariantSchema),
});
export type Product = z.infer<typeof ProductSchema>;

/** Fulfilment lifecycle; returns, exchanges and item edits are their own records. */
export const OrderStatusSchema = z.enum(["pending", "processed", "delivered", "cancelled"]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderItemSchema = z.object({
  lineId: z.string(),
  productId: z.string(),
  variantId: z.string(),
  name: z.string(),
  options: z.record(z.string(), z.string()),
  unitPriceMinor: z.number().int(),
});
export type OrderItem = z.infer<typeof OrderItemSchema>;

export const TransactionKindSchema = z.enum(["payment", "refund"]);
export type TransactionKind = z.infer<typeof TransactionKindSchema>;
export const TransactionStatusSchema = z.enum(["pending", "succeeded", "failed"]);
export type TransactionStatus = z.infer<typeof TransactionStatusSchema>;
export const TransactionReasonSchema = z.enum([
  "order",
  "cancel",
  "payment_change",
  "item_change",
  "return",
  "exchange",
]);
export type TransactionReason = z.infer<typeof TransactionReasonSchema>;

/** One entry of the order's payment history; refunds carry their promised date. */
export const TransactionSchema = z.object({
  id: z.string(),
  kind: TransactionKindSchema,
  amountMinor: z.number().int(),
  currency: z.string(),
  paymentMethodId: z.string(),
  status: TransactionStatusSchema,
  reason: TransactionReasonSchema,
  createdAt: z.string(),
  /** When a pending refund is expected to reach the customer. */
  expectedAt: z.string().optional(),
});
export type Transaction = z.infer<typeof TransactionSchema>;

export const ShipmentStatusSchema = z.enum([
  "label_created",
  "in_transit",
  "delayed",
  "exception",
  "out_for_delivery",
  "delivered",
  "returned_to_sender",
  "cancelled",
]);
export type ShipmentStatus = z.infer<typeof ShipmentStatusSchema>;

export const TrackingEventSchema = z.object({
  at: z.string(),
  status: ShipmentStatusSchema,
  description: z.string(),
  location: z.string(),
});
export type TrackingEvent = z.infer<typeof TrackingEventSchema>;

export const ShipmentSchema = z.object({
  id: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  service: z.string(),
  status: ShipmentStatusSchema,
  lineIds: z.array(z.string()),
  shippedAt: z.string().optional(),
  /** YYYY-MM-DD. */
  estimatedDelivery: z.string().optional(),
  deliveredAt: z.string().optional(),
  events: z.array(TrackingEventSchema),
});
export type Shipment = z.infer<typeof ShipmentSchema>;

export const ReturnStatusSchema = z.enum([
  "requested",
  "in_transit",
  "received",
  "refunded",
  "rejected",
  "cancelled",
]);
export type ReturnStatus = z.infer<typeof ReturnStatusSchema>;
export const LabelTypeSchema = z.enum(["prepaid_label", "qr_code", "customer_arranged"]);
export type LabelType = z.infer<typeof LabelTypeSchema>;

export const ReturnLabelSchema = z.object({
  type: LabelTypeSchema,
  carrier: z.string(),
  trackingNumber: z.string(),
  url: z.string(),
});
export type ReturnLabel = z.infer<typeof ReturnLabelSchema>;

export const ReturnSchema = z.object({
  id: z.string(),
  rmaNumber: z.string(),
  status: ReturnStatusSchema,
  lineIds: z.array(z.string()),
  reason: z.string(),
  refundMethodId: z.string(),
  refundAmountMinor: z.number().int(),
  feeMinor: z.number().int(),
  currency: z.string(),
  label: ReturnLabelSchema.optional(),
  createdAt: z.string(),
});
export type Return = z.infer<typeof ReturnSchema>;

export const ExchangeStatusSchema = z.enum(["requested", "shipped", "completed", "cancelled"]);
export type ExchangeStatus = z.infer<typeof ExchangeStatusSchema>;

export const ExchangeLineSchema = z.object({
  lineId: z.string(),
  newVariantId: z.string(),
  newOptions: z.record(z.string(), z.string()),
  newUnitPriceMinor: z.number().int(),
});
export type ExchangeLine = z.infer<typeof ExchangeLineSchema>;

export const ExchangeSchema = z.object({
  id: z.string(),
  status: ExchangeStatusSchema,
  lines: z.array(ExchangeLineSchema),
  paymentMethodId: z.string(),
  /** Positive: the customer pays; negative: the customer is refunded. */
  priceDifferenceMinor: z.number().int(),
  currency: z.string(),
  createdAt: z.string(),
});
export type Exchange = z.infer<typeof ExchangeSchema>;

export const OrderChangeKindSchema = z.enum(["cancel", "address", "payment", "items", "return", "exchange"]);
export type OrderChangeKind = z.infer<typeof OrderChangeKindSchema>;

/** The order's own edit history (Medusa's order changes): what changed, from what, to what. */
export const OrderChangeRecordSchema = z.object({
  id: z.string(),
  kind: OrderChangeKindSchema,
  before: z.unknown(),
  after: z.unknown(),
  actor: z.string(),
  createdAt: z.string(),
});
export type OrderChangeRecord = z.infer<typeof OrderChangeRecordSchema>;

export const OrderSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  status: OrderStatusSchema,
  currency: z.string(),
  region: RegionSchema,
  channel: z.string(),
  placedAt: z.string(),
  processedAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  cancelReason: z.string().optional(),
  /** Set once the items of a pending order were changed (tau: "pending (item modified)"). */
  itemsModifiedAt: z.string().optional(),
  promotionCodes: z.array(z.string()),
  address: AddressSchema,
  items: z.array(OrderItemSchema),
  transactions: z.array(TransactionSchema),
  shipments: z.array(ShipmentSchema),
  returns: z.array(ReturnSchema),
  exchanges: z.array(ExchangeSchema),
  changes: z.array(OrderChangeRecordSchema),
});
export type Order = z.infer<typeof OrderSchema>;

export const InvoiceStatusSchema = z.enum(["open", "overdue", "paid", "written_off"]);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

export const PaymentPromiseSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  amountMinor: z.number().int(),
  promisedDate: z.string(),
  status: z.enum(["open", "kept", "broken"]),
  createdAt: z.string(),
});
export type PaymentPromise = z.infer<typeof PaymentPromiseSchema>;

export const InvoiceSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  customerId: z.string(),
  currency: z.string(),
  amountMinor: z.number().int(),
  outstandingMinor: z.number().int(),
  issuedAt: z.string(),
  /** YYYY-MM-DD. */
  dueDate: z.string(),
  status: InvoiceStatusSchema,
  paymentLink: z.string(),
  promises: z.array(PaymentPromiseSchema),
});
export type Invoice = z.infer<typeof InvoiceSchema>;

/** The summary a customer hears or a desk lists: the latest state of one refund. */
export const RefundStatusSchema = z.object({
  orderId: z.string(),
  transactionId: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  paymentMethodId: z.string(),
  status: TransactionStatusSchema,
  reason: TransactionReasonSchema,
  createdAt: z.string(),
  expectedAt: z.string().optional(),
});
export type RefundStatus = z.infer<typeof RefundStatusSchema>;
