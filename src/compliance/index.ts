export * from "./audit/index.ts";
export { luhnValid, maskCardNumbers } from "./redaction/cards.ts";
