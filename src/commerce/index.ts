export type {
  ApplyOptions,
  ChangeKind,
  ChangeOutcome,
  ChangePreview,
  CommerceChange,
  LineSwap,
  MoneyMovement,
  PreviewLine,
  Refusal,
  RefusalCode,
  Result,
} from "./changes.ts";
export { ok, refuse } from "./changes.ts";
export type {
  CommerceConnector,
  ConnectorCapabilities,
  ProductSummary,
  VariantWithProduct,
} from "./connector.ts";
export { fromMinor, type Money, minorDigits, toMinor } from "./money.ts";
export { foldName, normalizeEmail, phoneCandidates, postalKey } from "./normalize.ts";
export * from "./types.ts";
