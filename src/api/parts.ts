import type { FastifyReply, FastifyRequest } from "fastify";
import type { LoadedAgent } from "../agent/index.ts";
import type { CommerceConnector } from "../commerce/index.ts";
import type { AccessControl, AuditLog, Permission, PersonalDataService } from "../compliance/index.ts";
import type { ConversationService } from "../conversation/index.ts";
import type { AnalyticsSource } from "../governance/analytics/index.ts";
import type { AgentVersions, ReplayReport } from "../governance/versions/index.ts";
import type { HandoffDesk } from "../handoff/index.ts";
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
  access: AccessControl;
  audit: AuditLog;
  personalData: PersonalDataService;
  /** Metrics computed from the conversation log. */
  analytics: AnalyticsSource;
  /** Published agent versions, and the draft (the agent directory) that publishing takes. */
  versions: {
    store: AgentVersions;
    draftDir: string;
    draftDigest(): string;
    /** Replays recent recorded conversations against a candidate; undefined when there are none. */
    replay(): Promise<((candidateDir: string) => Promise<ReplayReport>) | undefined>;
  };
  /** Handed-over conversations and the people who take them. */
  desk: HandoffDesk;
  /** The conversations themselves (the desk reads transcripts and packets). */
  conversations: ConversationService;
  /** The onRequest hook that admits a request holding the permission. */
  guard: (permission: Permission) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  describeStore(): Promise<{ dataset: string | null; anchor: string | null; customers: number }>;
}
