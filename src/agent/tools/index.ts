export {
  type CommitResult,
  changeDigest,
  commitChange,
  type Proposal,
  type ProposalResult,
  proposeChange,
} from "./change-flow.ts";
export { actorOf, type ToolContext } from "./context.ts";
export { actionOf, orderFacts, policyFacts } from "./facts.ts";
export {
  defineTool,
  type FunctionSchema,
  failure,
  success,
  type ToolDefinition,
  type ToolError,
  ToolRegistry,
  type ToolResult,
} from "./registry.ts";
export { ToolSession, type VerificationMethod } from "./session.ts";
export { storeTools } from "./store/tools.ts";
export { tauOrder, tauProduct, tauStatus, tauUser, tauVariant } from "./tau/render.ts";
export { tauTools } from "./tau/tools.ts";
