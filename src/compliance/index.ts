export * from "./access/index.ts";
export * from "./audit/index.ts";
export * from "./payments/index.ts";
export * from "./personal-data/index.ts";
export * from "./redaction/index.ts";
export * from "./retention/index.ts";
export * from "./vault/index.ts";
