/**
 * The reference OMS's own tables (prefix `oms_`). Portable across SQLite and PostgreSQL:
 * text ids, integer money in minor units, ISO-8601 UTC text timestamps, 0/1 integers for
 * flags and JSON text for option maps.
 */

export type CustomerRow = {
  id: string;
  first_name: string;
  last_name: string;
  language: string;
  region: string;
  tier: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  postal_key: string;
  created_at: string;
  /** Bumped on every write to the customer or one of their payment methods. */
  row_version: number;
};

export type CustomerEmailRow = {
  email: string;
  customer_id: string;
  position: number;
};

export type CustomerPhoneRow = {
  phone: string;
  customer_id: string;
  position: number;
};

export type PaymentMethodRow = {
  id: string;
  customer_id: string;
  kind: string;
  brand: string | null;
  last_four: string | null;
  balance_minor: number | null;
  currency: string;
  position: number;
};

export type ProductRow = {
  id: string;
  name: string;
  category: string;
  final_sale: number;
  hygiene: number;
  position: number;
};

export type VariantRow = {
  id: string;
  product_id: string;
  sku: string;
  options: string;
  price_minor: number;
  available: number;
  position: number;
};

export type VariantPriceRow = {
  variant_id: string;
  currency: string;
  amount_minor: number;
};

export type OrderRow = {
  id: string;
  customer_id: string;
  /** Position in the customer's order list (tau keeps a list per user). */
  customer_position: number;
  status: string;
  currency: string;
  region: string;
  channel: string;
  placed_at: string;
  processed_at: string | null;
  delivered_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  items_modified_at: string | null;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  row_version: number;
  updated_at: string;
};

export type OrderPromotionRow = {
  order_id: string;
  code: string;
};

export type OrderItemRow = {
  id: string;
  order_id: string;
  position: number;
  product_id: string;
  variant_id: string;
  name: string;
  options: string;
  unit_price_minor: number;
};

export type TransactionRow = {
  id: string;
  order_id: string;
  seq: number;
  kind: string;
  amount_minor: number;
  currency: string;
  payment_method_id: string;
  status: string;
  reason: string;
  created_at: string;
  expected_at: string | null;
};

export type ShipmentRow = {
  id: string;
  order_id: string;
  position: number;
  carrier: string;
  tracking_number: string;
  service: string;
  status: string;
  shipped_at: string | null;
  estimated_delivery: string | null;
  delivered_at: string | null;
};

export type ShipmentItemRow = {
  shipment_id: string;
  position: number;
  line_id: string;
};

export type TrackingEventRow = {
  shipment_id: string;
  seq: number;
  at: string;
  status: string;
  description: string;
  location: string;
};

export type ReturnRow = {
  id: string;
  rma_number: string;
  order_id: string;
  status: string;
  reason: string;
  refund_method_id: string;
  refund_amount_minor: number;
  fee_minor: number;
  currency: string;
  label_type: string | null;
  label_carrier: string | null;
  label_tracking: string | null;
  label_url: string | null;
  created_at: string;
  updated_at: string;
};

export type ReturnItemRow = {
  return_id: string;
  position: number;
  line_id: string;
  opened: number;
};

export type ExchangeRow = {
  id: string;
  order_id: string;
  status: string;
  payment_method_id: string;
  price_difference_minor: number;
  currency: string;
  reason: string | null;
  created_at: string;
};

export type ExchangeItemRow = {
  exchange_id: string;
  position: number;
  line_id: string;
  new_variant_id: string;
  new_options: string;
  new_unit_price_minor: number;
};

export type ChangeLogRow = {
  id: string;
  subject_type: string;
  subject_id: string;
  kind: string;
  before: string;
  after: string;
  actor: string;
  created_at: string;
};

export type InvoiceRow = {
  id: string;
  order_id: string;
  customer_id: string;
  currency: string;
  amount_minor: number;
  outstanding_minor: number;
  issued_at: string;
  due_date: string;
  status: string;
  payment_link: string;
};

export type PaymentPromiseRow = {
  id: string;
  invoice_id: string;
  amount_minor: number;
  promised_date: string;
  status: string;
  created_at: string;
};

export type IdempotencyRow = {
  key: string;
  change_hash: string;
  outcome: string;
  created_at: string;
};

/** Facts about the loaded data set (which one, anchored when). */
export type MetaRow = {
  key: string;
  value: string;
};

export type OmsTables = {
  oms_meta: MetaRow;
  oms_customers: CustomerRow;
  oms_customer_emails: CustomerEmailRow;
  oms_customer_phones: CustomerPhoneRow;
  oms_payment_methods: PaymentMethodRow;
  oms_products: ProductRow;
  oms_variants: VariantRow;
  oms_variant_prices: VariantPriceRow;
  oms_orders: OrderRow;
  oms_order_promotions: OrderPromotionRow;
  oms_order_items: OrderItemRow;
  oms_transactions: TransactionRow;
  oms_shipments: ShipmentRow;
  oms_shipment_items: ShipmentItemRow;
  oms_tracking_events: TrackingEventRow;
  oms_returns: ReturnRow;
  oms_return_items: ReturnItemRow;
  oms_exchanges: ExchangeRow;
  oms_exchange_items: ExchangeItemRow;
  oms_change_log: ChangeLogRow;
  oms_invoices: InvoiceRow;
  oms_payment_promises: PaymentPromiseRow;
  oms_idempotency: IdempotencyRow;
};
