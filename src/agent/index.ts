export { type AgentDefinition, AgentDefinitionSchema, type LoadedAgent, loadAgent } from "./definition.ts";
export * from "./tools/index.ts";
export { findSpokenDigits } from "./understanding/entities/index.ts";
