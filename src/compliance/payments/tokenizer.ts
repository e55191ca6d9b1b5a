import { randomBytes } from "node:crypto";

/** A card as keyed in by the caller; it lives only in memory on its way to the tokenizer. */
export interface CardDetails {
  pan: string;
  expMonth: number;
  expYear: number;
  cvv: string;
}

export interface CardToken {
  token: string;
  brand: string;
  last4: string;
}

/**
 * Where captured card details go: a payment service provider's vault (Stripe, Adyen, Braintree...).
 * Only the token and the last four digits come back into the platform.
 */
export interface PaymentTokenizer {
  tokenize(card: CardDetails): Promise<CardToken>;
}

export function cardBrand(pan: string): string {
  if (/^4/.test(pan)) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(pan)) return "mastercard";
  if (/^3[47]/.test(pan)) return "amex";
  if (/^6(011|5)/.test(pan)) return "discover";
  return "card";
}

/**
 * A development tokenizer: keeps cards in this process's memory only (never in storage or logs) for
 * a short while, so a demo or a test can charge the token. Production plugs in the PSP's tokenizer.
 */
export class MemoryTokenizer implements PaymentTokenizer {
  private readonly cards = new Map<string, { card: CardDetails; at: number }>();

  constructor(private readonly ttlMs = 15 * 60_000) {}

  async tokenize(card: CardDetails): Promise<CardToken> {
    const now = Date.now();
    for (const [token, entry] of this.cards) if (now - entry.at > this.ttlMs) this.cards.delete(token);
    const token = `tok_${randomBytes(12).toString("base64url")}`;
    this.cards.set(token, { card: { ...card }, at: now });
    return { token, brand: cardBrand(card.pan), last4: card.pan.slice(-4) };
  }

  /** For the PSP side of a demo: the card behind a token, once. */
  redeem(token: string): CardDetails | null {
    const entry = this.cards.get(token);
    this.cards.delete(token);
    return entry && Date.now() - entry.at <= this.ttlMs ? entry.card : null;
  }
}
