/**
 * The studio's view of the platform API: the shapes of /api/v1/agent/* (src/api/versions.ts) and
 * /api/v1/analytics (src/api/analytics.ts), and the query keys they are cached under.
 */

export const ENVIRONMENTS = ["staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface Canary {
  version: number;
  percent: number;
}

export interface Deployment {
  version: number;
  canary: Canary | null;
  deployedAt: string;
  deployedBy: string;
}

export interface VersionSummary {
  version: number;
  author: string;
  note: string;
  createdAt: string;
  digest: string;
  gate: {
    tests: { passed: number; total: number };
    replay: { replayed: number; unchanged: number } | null;
  };
}

export interface VersionsOverview {
  agentId: string;
  draft: { changedSinceLatest: boolean };
  versions: VersionSummary[];
  deployments: Record<Environment, Deployment | null>;
}

export interface VersionDiff {
  from: number;
  to: number;
  files: { path: string; status: "added" | "removed" | "changed"; lines: string[] }[];
}

/** `details` of a 422 `gate_failed` answer to a publish. */
export interface GateRefusal {
  tests: { passed: number; total: number; failures: { name: string; message: string; file?: string }[] };
  replay: { replayed: number; changed: { conversationId: string; differences: string[] }[] } | null;
}

export interface DeployRequest {
  environment: Environment;
  version: number;
  canary?: Canary;
}

export const BREAKDOWNS = ["day", "channel", "language", "version"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface AnalyticsQuery {
  from: string;
  to: string;
  by: Breakdown;
}

type Rate = number | null;

export interface AnalyticsMetrics {
  conversations: number;
  purged: number;
  contacts: number;
  contained: number;
  escalated: number;
  unresolved: number;
  containmentRate: Rate;
  escalationRate: Rate;
  escalationsByReason: Record<string, number>;
  resolutionByIntent: Record<string, { started: number; resolved: number; rate: Rate }>;
  averageHandlingSeconds: number | null;
  turnsPerResolution: number | null;
  repeatContacts: { identifiedContacts: number; repeats: number; rate: Rate };
  identification: {
    identified: number;
    byOrderNumber: number;
    byOrderNumberShare: Rate;
    byMethod: Record<string, number>;
  };
  cost: {
    assistedContacts: number;
    selfServiceContacts: number;
    totalMinor: number;
    perContactMinor: number | null;
    savingsMinor: number;
  };
  promiseToPay: { invoiceContacts: number; promises: number; rate: Rate };
  crossSell: { offers: number; rate: Rate };
  voiceLatencyMs: { turns: number; p50: number; p90: number; p95: number; p99: number } | null;
}

export interface AnalyticsReport {
  from: string;
  to: string;
  by: Breakdown;
  timeZone: "UTC";
  costs: { assistedContactCost: number; selfServiceContactCost: number };
  totals: AnalyticsMetrics;
  groups: { key: string; metrics: AnalyticsMetrics }[];
}

/** Versions newest first, whatever order the API lists them in. */
export function newestFirst(versions: VersionSummary[]): VersionSummary[] {
  return [...versions].sort((a, b) => b.version - a.version);
}

export function analyticsSearch(query: AnalyticsQuery): string {
  return new URLSearchParams({ from: query.from, to: query.to, by: query.by }).toString();
}

export const keys = {
  versions: ["agent", "versions"] as const,
  diff: (to: number, from: number) => ["agent", "diff", to, from] as const,
  analytics: (query: AnalyticsQuery) => ["analytics", query.from, query.to, query.by] as const,
};
