/**
 * Redaction of payment and identity data from customer messages, before they are stored, logged or read
 * by the agent. `redact` is for conversation turns (with card context and spoken digits); `redactForLog`
 * for log lines. `maskCardNumbers` is the older cards-only entry point, kept for existing callers.
 */
export { isCardNumber, luhnValid, maskCardNumbers } from "./cards.ts";
export { IBAN_LENGTHS, ibanValid } from "./iban.ts";
export { findMasks, type MaskSpan } from "./masks.ts";
export { DEFAULT_REDACTION, type RedactOptions, redact, redactForLog } from "./redact.ts";
export type {
  Redacted,
  RedactionContext,
  RedactionKind,
  RedactionSettings,
  SpokenDigitFinder,
  SpokenDigits,
} from "./types.ts";
