export { type Bundle, bundleDigest, diffBundles, readBundle, writeBundle } from "./bundle.ts";
export { formatGateReport, type GateReport, runReleaseGate } from "./gate.ts";
export { versionMigrations } from "./migrations.ts";
export { type Outcome, outcomeOf, type ReplayReport, replayConversations, replayStep } from "./replay.ts";
export {
  type AgentVersion,
  AgentVersions,
  chooseVersion,
  type Deployment,
  ENVIRONMENTS,
  type Environment,
  type PublishResult,
} from "./versions.ts";
