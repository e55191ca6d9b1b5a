export type { Decision, DecisionReason, Fee, ItemDecision, Obligations } from "./decision.ts";
export { PolicyEngine } from "./engine.ts";
export {
  type ConversationFacts,
  type CustomerFacts,
  EU_REGIONS,
  type ItemFacts,
  type OrderFacts,
  type PolicyFacts,
  type RequestFacts,
} from "./facts.ts";
export { loadPolicyPack, PolicyPackError, parsePolicyPack } from "./load.ts";
export { ACTIONS, type PolicyAction, type PolicyPack } from "./pack.ts";
