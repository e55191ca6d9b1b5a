/**
 * The commerce domain as every connector reports it. Vendor shapes (tau JSON, Medusa, Shopify) are
 * translated at the connector's edge; nothing here knows about SQL or HTTP.
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
export type Region = "US" | "GB" | "DE" | "FR" | "ES" | "IT" | "NL";

export interface Address {
  line1: string;
  line2: string;
  city: string;
  /** State, county or province; empty where a country has none in addresses. */
  state: string;
  postalCode: string;
  country: string;
}

export type PaymentMethodKind = "credit_card" | "paypal" | "gift_card" | "invoice";

/** Card data stops at brand and last four: nothing else ever reaches storage. */
export interface PaymentMethod {
  id: PaymentMethodId;
  kind: PaymentMethodKind;
  brand?: string;
  lastFour?: string;
  /** Gift cards only. */
  balanceMinor?: number;
  currency: string;
}

export type CustomerTier = "standard" | "silver" | "gold";

export interface Customer {
  id: CustomerId;
  firstName: string;
  lastName: string;
  /** Primary email first. */
  emails: string[];
  /** E.164. */
  phones: string[];
  address: Address;
  /** BCP 47, e.g. "de-DE". */
  language: string;
  region: Region;
  tier: CustomerTier;
  paymentMethods: PaymentMethod[];
  orderIds: OrderId[];
}

export type ProductCategory =
  | "apparel"
  | "footwear"
  | "electronics"
  | "home"
  | "kitchen"
  | "outdoor"
  | "sports"
  | "beauty"
  | "personal_care"
  | "toys"
  | "office"
  | "pets"
  | "travel"
  | "accessories";

export interface Variant {
  id: VariantId;
  productId: ProductId;
  sku: string;
  options: Record<string, string>;
  /** Price in the store's base currency (USD). */
  priceMinor: number;
  /** Regional price lists, including the base currency. */
  prices: Record<string, number>;
  available: boolean;
}

export interface Product {
  id: ProductId;
  name: string;
  category: ProductCategory;
  /** Sold as final sale: not returnable under the standard policy. */
  finalSale: boolean;
  /** Hygiene goods (worn on skin, personal care): not returnable once opened. */
  hygiene: boolean;
  variants: Variant[];
}

/** Fulfilment lifecycle; returns, exchanges and item edits are their own records. */
export type OrderStatus = "pending" | "processed" | "delivered" | "cancelled";

export interface OrderItem {
  lineId: LineId;
  productId: ProductId;
  variantId: VariantId;
  name: string;
  options: Record<string, string>;
  unitPriceMinor: number;
}

export type TransactionKind = "payment" | "refund";
export type TransactionStatus = "pending" | "succeeded" | "failed";
export type TransactionReason = "order" | "cancel" | "payment_change" | "item_change" | "return" | "exchange";

/** One entry of the order's payment history; refunds carry their promised date. */
export interface Transaction {
  id: string;
  kind: TransactionKind;
  amountMinor: number;
  currency: string;
  paymentMethodId: PaymentMethodId;
  status: TransactionStatus;
  reason: TransactionReason;
  createdAt: string;
  /** When a pending refund is expected to reach the customer. */
  expectedAt?: string;
}

export type ShipmentStatus =
  | "label_created"
  | "in_transit"
  | "delayed"
  | "exception"
  | "out_for_delivery"
  | "delivered"
  | "returned_to_sender"
  | "cancelled";

export interface TrackingEvent {
  at: string;
  status: ShipmentStatus;
  description: string;
  location: string;
}

export interface Shipment {
  id: string;
  carrier: string;
  trackingNumber: string;
  service: string;
  status: ShipmentStatus;
  lineIds: LineId[];
  shippedAt?: string;
  estimatedDelivery?: string;
  deliveredAt?: string;
  events: TrackingEvent[];
}

export type ReturnStatus = "requested" | "in_transit" | "received" | "refunded" | "rejected" | "cancelled";
export type LabelType = "prepaid_label" | "qr_code" | "customer_arranged";

export interface ReturnLabel {
  type: LabelType;
  carrier: string;
  trackingNumber: string;
  url: string;
}

export interface Return {
  id: string;
  rmaNumber: string;
  status: ReturnStatus;
  lineIds: LineId[];
  reason: string;
  refundMethodId: PaymentMethodId;
  refundAmountMinor: number;
  feeMinor: number;
  currency: string;
  label?: ReturnLabel;
  createdAt: string;
}

export type ExchangeStatus = "requested" | "shipped" | "completed" | "cancelled";

export interface ExchangeLine {
  lineId: LineId;
  newVariantId: VariantId;
  newOptions: Record<string, string>;
  newUnitPriceMinor: number;
}

export interface Exchange {
  id: string;
  status: ExchangeStatus;
  lines: ExchangeLine[];
  paymentMethodId: PaymentMethodId;
  /** Positive: the customer pays; negative: the customer is refunded. */
  priceDifferenceMinor: number;
  currency: string;
  createdAt: string;
}

export type OrderChangeKind = "cancel" | "address" | "payment" | "items" | "return" | "exchange";

/** The order's own edit history (Medusa's order changes): what changed, from what, to what. */
export interface OrderChangeRecord {
  id: string;
  kind: OrderChangeKind;
  before: unknown;
  after: unknown;
  actor: string;
  createdAt: string;
}

export interface Order {
  id: OrderId;
  customerId: CustomerId;
  status: OrderStatus;
  currency: string;
  region: Region;
  channel: string;
  placedAt: string;
  processedAt?: string;
  deliveredAt?: string;
  cancelledAt?: string;
  cancelReason?: string;
  /** Set once the items of a pending order were changed (tau: "pending (item modified)"). */
  itemsModifiedAt?: string;
  promotionCodes: string[];
  address: Address;
  items: OrderItem[];
  transactions: Transaction[];
  shipments: Shipment[];
  returns: Return[];
  exchanges: Exchange[];
  changes: OrderChangeRecord[];
}

export type InvoiceStatus = "open" | "overdue" | "paid" | "written_off";

export interface PaymentPromise {
  id: string;
  invoiceId: string;
  amountMinor: number;
  promisedDate: string;
  status: "open" | "kept" | "broken";
  createdAt: string;
}

export interface Invoice {
  id: string;
  orderId: OrderId;
  customerId: CustomerId;
  currency: string;
  amountMinor: number;
  outstandingMinor: number;
  issuedAt: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  status: InvoiceStatus;
  paymentLink: string;
  promises: PaymentPromise[];
}

/** The summary a customer hears or a desk lists: the latest state of one refund. */
export interface RefundStatus {
  orderId: OrderId;
  transactionId: string;
  amountMinor: number;
  currency: string;
  paymentMethodId: PaymentMethodId;
  status: TransactionStatus;
  reason: TransactionReason;
  createdAt: string;
  expectedAt?: string;
}
