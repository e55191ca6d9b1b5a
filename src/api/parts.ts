import type { LoadedAgent } from "../agent/index.ts";
import type { CommerceConnector } from "../commerce/index.ts";
import type { Metrics, Storage } from "../platform/index.ts";
import type { PolicyEngine } from "../policy/index.ts";

/** What the HTTP routes are given by the app that composes them. */
export interface AppParts {
  version: string;
  storage: Storage;
  connector: CommerceConnector;
  policy: PolicyEngine;
  agent: LoadedAgent;
  metrics: Metrics;
  adminToken: string;
  describeStore(): Promise<{ dataset: string | null; anchor: string | null; customers: number }>;
}
