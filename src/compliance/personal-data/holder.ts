/**
 * A part that keeps personal data about customers registers a holder, so that one request exports
 * (GDPR Art. 15/20) or erases (Art. 17) a customer everywhere without compliance/ knowing the tables.
 */
export interface PersonalDataHolder {
  /** The export section this holder fills: "profile", "orders", "conversations", "audit". */
  readonly section: string;
  /** What is kept about the customer, as JSON-ready values; an empty array or null when nothing. */
  export(customerId: string): Promise<unknown[] | Record<string, unknown> | null>;
  /**
   * Makes the customer's personal data unreadable (anonymise, or shred the keys it is sealed with).
   * Runs before the customer's own key is shredded. Returns how many records were affected.
   */
  erase(customerId: string): Promise<number>;
}
