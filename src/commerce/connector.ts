import type { ApplyOptions, ChangeOutcome, ChangePreview, CommerceChange, Result } from "./changes.ts";
import type {
  Customer,
  CustomerId,
  Invoice,
  Order,
  OrderId,
  Product,
  ProductCategory,
  ProductId,
  RefundStatus,
  Shipment,
  Variant,
  VariantId,
} from "./types.ts";

/** What a connector can do, declared up front so a skill checks before it offers. */
export interface ConnectorCapabilities {
  cancelOrder: boolean;
  updateShippingAddress: boolean;
  updatePaymentMethod: boolean;
  modifyItems: boolean;
  returns: boolean;
  /** Return some lines of an order rather than all of it. */
  partialReturns: boolean;
  exchanges: boolean;
  tracking: boolean;
  invoices: boolean;
  promiseToPay: boolean;
  giftCards: boolean;
  updateDefaultAddress: boolean;
}

export interface ProductSummary {
  id: ProductId;
  name: string;
  category: ProductCategory;
}

export interface VariantWithProduct extends Variant {
  productName: string;
}

/**
 * The one door to an order system: the reference OMS, Medusa, Shopify or a store's own REST API.
 * Lookups return null for "not there"; mutations go through preview and apply and return refusals as values.
 */
export interface CommerceConnector {
  readonly name: string;
  readonly capabilities: ConnectorCapabilities;

  findCustomerByEmail(email: string): Promise<CustomerId | null>;
  findCustomerByNameAndPostalCode(
    firstName: string,
    lastName: string,
    postalCode: string,
  ): Promise<CustomerId | null>;
  /** Any common notation; the connector normalises to E.164. */
  findCustomerByPhone(phone: string): Promise<CustomerId | null>;
  findCustomerByOrder(orderId: OrderId): Promise<CustomerId | null>;
  getCustomer(customerId: CustomerId): Promise<Customer | null>;

  /** Newest first. */
  listOrders(customerId: CustomerId, options?: { limit?: number }): Promise<Order[]>;
  getOrder(orderId: OrderId): Promise<Order | null>;
  getTracking(orderId: OrderId): Promise<Shipment[] | null>;
  listRefunds(orderId: OrderId): Promise<RefundStatus[] | null>;

  listProducts(): Promise<ProductSummary[]>;
  getProduct(productId: ProductId): Promise<Product | null>;
  getVariant(variantId: VariantId): Promise<VariantWithProduct | null>;

  listInvoices(customerId: CustomerId): Promise<Invoice[]>;
  getInvoice(invoiceId: string): Promise<Invoice | null>;

  preview(change: CommerceChange): Promise<Result<ChangePreview>>;
  apply(change: CommerceChange, options: ApplyOptions): Promise<Result<ChangeOutcome>>;
}
