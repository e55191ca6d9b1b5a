/**
 * What the policy engine decides on. The tool layer gathers these from the conversation and the
 * order system; the engine never fetches anything itself, so a decision replays exactly.
 */
export interface ConversationFacts {
  /** A customer was verified in this conversation (email, name + postcode, order + second factor). */
  identityVerified: boolean;
  verifiedCustomerId: string | null;
  /** The order or profile being changed belongs to the verified customer. */
  ownsSubject: boolean;
  /** The customer said yes to exactly this change, after hearing it listed. */
  confirmed: boolean;
  channel: string;
}

export interface CustomerFacts {
  id: string;
  region: string;
  inEU: boolean;
  tier: string;
}

export interface OrderFacts {
  id: string;
  status: string;
  itemsModified: boolean;
  hasReturn: boolean;
  hasExchange: boolean;
  region: string;
  inEU: boolean;
  currency: string;
  totalMinor: number;
  promotionCodes: string[];
  daysSincePlaced: number;
  /** Null until delivered. */
  daysSinceDelivery: number | null;
  originalPaymentMethodId: string | null;
}

/** The change asked for, with its previewed money effect. */
export interface RequestFacts {
  kind: string;
  reason?: string;
  itemCount?: number;
  /** Refund, price difference (positive: the customer pays) or promised amount. */
  amountMinor?: number;
  paymentMethodId?: string;
  paymentMethodKind?: string;
  /** The refund or payment goes to the method the order was paid with. */
  toOriginalPaymentMethod?: boolean;
  /** Promise to pay: days from today to the promised date. */
  daysUntilPromise?: number;
  /** Promise to pay: share of the outstanding amount promised, in percent. */
  promisedPercent?: number;
}

/** One line of the order a per-item rule looks at. */
export interface ItemFacts {
  lineId: string;
  productId: string;
  name: string;
  category: string;
  finalSale: boolean;
  hygiene: boolean;
  /** Unknown when the customer has not said. */
  opened: boolean | null;
  priceMinor: number;
}

export interface PolicyFacts {
  conversation: ConversationFacts;
  customer?: CustomerFacts;
  order?: OrderFacts;
  request: RequestFacts;
  items?: ItemFacts[];
}

export const EU_REGIONS = new Set([
  "DE",
  "FR",
  "ES",
  "IT",
  "NL",
  "AT",
  "BE",
  "IE",
  "PT",
  "FI",
  "SE",
  "DK",
  "PL",
]);
