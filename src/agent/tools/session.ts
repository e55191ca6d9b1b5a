/**
 * What the tool layer knows about the conversation it serves: who was verified, how, and which
 * exact changes the customer said yes to. The conversation owns it; the tools only read and record.
 */
export type VerificationMethod =
  | "email"
  | "name_postal_code"
  | "order_and_email"
  | "order_and_postal_code"
  | "order_and_phone"
  | "phone"
  | "desk";

export class ToolSession {
  readonly conversationId: string;
  readonly channel: string;
  private verified: { customerId: string; method: VerificationMethod } | null = null;
  /** Digests of previewed changes the customer confirmed and that were not applied yet. */
  private readonly confirmations = new Set<string>();

  constructor(conversationId: string, channel = "chat") {
    this.conversationId = conversationId;
    this.channel = channel;
  }

  get verifiedCustomerId(): string | null {
    return this.verified?.customerId ?? null;
  }

  get verificationMethod(): VerificationMethod | null {
    return this.verified?.method ?? null;
  }

  /**
   * Records a verified identity. One customer per conversation: a second, different customer is
   * refused and the first stays verified.
   */
  verify(customerId: string, method: VerificationMethod): boolean {
    if (this.verified && this.verified.customerId !== customerId) return false;
    this.verified = { customerId, method };
    return true;
  }

  /** The customer said yes to the change whose preview has this digest. */
  confirm(digest: string): void {
    this.confirmations.add(digest);
  }

  isConfirmed(digest: string): boolean {
    return this.confirmations.has(digest);
  }

  /** A confirmation covers one application; a second identical change needs a second yes. */
  consume(digest: string): void {
    this.confirmations.delete(digest);
  }

  /** A session carried over from an earlier turn (the dialogue state keeps it as plain values). */
  static restore(snapshot: {
    conversationId: string;
    channel: string;
    verifiedCustomerId: string | null;
    verificationMethod: VerificationMethod | null;
    confirmations: readonly string[];
  }): ToolSession {
    const session = new ToolSession(snapshot.conversationId, snapshot.channel);
    if (snapshot.verifiedCustomerId && snapshot.verificationMethod)
      session.verify(snapshot.verifiedCustomerId, snapshot.verificationMethod);
    for (const digest of snapshot.confirmations) session.confirm(digest);
    return session;
  }

  get confirmed(): string[] {
    return [...this.confirmations];
  }

  snapshot(): {
    conversationId: string;
    channel: string;
    verifiedCustomerId: string | null;
    verificationMethod: VerificationMethod | null;
    pendingConfirmations: string[];
  } {
    return {
      conversationId: this.conversationId,
      channel: this.channel,
      verifiedCustomerId: this.verifiedCustomerId,
      verificationMethod: this.verificationMethod,
      pendingConfirmations: [...this.confirmations],
    };
  }
}
