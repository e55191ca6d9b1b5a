/** The engine's answer: allow or deny, every reason, and what the allowed change must carry. */

export interface DecisionReason {
  code: string;
  /** The rule that produced it, for the audit trail. */
  ruleId: string;
  /** English explanation from the pack, with its parameters filled in. */
  message: string;
  params: Record<string, unknown>;
  /** Set when the reason concerns one line of the order. */
  lineId?: string;
}

export interface Fee {
  code: string;
  amountMinor: number;
  lineId?: string;
}

export interface Obligations {
  fees: Fee[];
  feeMinor: number;
  /** A person must approve before the change is applied. */
  approvalRequired: boolean;
  approvalReasons: string[];
  /** Where a refund may go: "original_payment_method", "gift_card", "store_credit". */
  refundDestinations?: string[];
  labelType?: string;
}

export interface ItemDecision {
  lineId: string;
  allowed: boolean;
  reasons: DecisionReason[];
}

export interface Decision {
  action: string;
  allowed: boolean;
  reasons: DecisionReason[];
  obligations: Obligations;
  items: ItemDecision[];
  pack: { id: string; version: number };
  /** Ids of every rule that fired, in pack order. */
  firedRules: string[];
}
