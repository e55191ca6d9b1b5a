/** The public shapes of redaction; index.ts re-exports them. */

export type RedactionKind = "card" | "cvv" | "expiry" | "iban" | "national_id";

/** Which kinds are redacted. A store that refunds by bank transfer may need IBANs kept, for example. */
export interface RedactionSettings {
  cards: boolean;
  cvv: boolean;
  expiry: boolean;
  iban: boolean;
  nationalIds: boolean;
}

/** Carried from one customer message to the next in the same conversation (holds no sensitive data). */
export interface RedactionContext {
  cardContext: boolean;
}

/** A span of text that is digits said as words ("four two", "vier zwei", "double four"). */
export interface SpokenDigits {
  start: number;
  end: number;
  digits: string;
}

/** Injected by the caller, so compliance does not depend on the agent's language tables. */
export type SpokenDigitFinder = (text: string) => SpokenDigits[];

export interface Redacted {
  text: string;
  found: Partial<Record<RedactionKind, number>>;
  context: RedactionContext;
}
