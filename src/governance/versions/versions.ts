import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { loadAgent } from "../../agent/index.ts";
import type { AuditSink } from "../../compliance/index.ts";
import { type Clock, inTransaction, SwitchboardError, systemClock } from "../../platform/index.ts";
import { type Bundle, bundleDigest, readBundle, writeBundle } from "./bundle.ts";
import { type GateReport, runReleaseGate } from "./gate.ts";
import type { ReplayReport } from "./replay.ts";
import type { AgentVersionRow, VersionTables } from "./tables.ts";

export const ENVIRONMENTS = ["staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface AgentVersion {
  agentId: string;
  version: number;
  digest: string;
  author: string;
  note: string;
  createdAt: string;
  gate: GateReport;
}

export interface Deployment {
  agentId: string;
  environment: Environment;
  version: number;
  canary: { version: number; percent: number } | null;
  actor: string;
  at: string;
}

export type PublishResult =
  | { ok: true; version: AgentVersion }
  | { ok: false; reason: "gate_failed" | "unchanged"; gate?: GateReport; message: string };

function version(row: AgentVersionRow): AgentVersion {
  return {
    agentId: row.agent_id,
    version: Number(row.version),
    digest: row.digest,
    author: row.author,
    note: row.note,
    createdAt: row.created_at,
    gate: JSON.parse(row.gate) as GateReport,
  };
}

/**
 * Published agent versions: immutable, numbered, with author, note and the gate report that let them
 * through; deployments per environment with an optional canary; every step audited.
 */
export class AgentVersions {
  private readonly db: Kysely<VersionTables>;
  private readonly clock: Clock;

  constructor(private readonly options: { db: Kysely<object>; audit: AuditSink; clock?: Clock }) {
    this.db = options.db.withTables<VersionTables>();
    this.clock = options.clock ?? systemClock;
  }

  /** Validates the directory, runs the release gate on exactly the files it will store, then stores them. */
  async publish(input: {
    dir: string;
    author: string;
    note: string;
    /** Replays recorded conversations against the candidate (see replay.ts); none when absent. */
    replay?: ((candidateDir: string) => Promise<ReplayReport>) | undefined;
  }): Promise<PublishResult> {
    const bundle = readBundle(input.dir);
    const staged = mkdtempSync(join(tmpdir(), "sb-candidate-"));
    try {
      writeBundle(bundle, staged);
      const agentId = loadAgent(staged).definition.id;
      const digest = bundleDigest(bundle);
      const latest = await this.latest(agentId);
      if (latest && latest.digest === digest)
        return { ok: false, reason: "unchanged", message: `Nothing changed since version ${latest.version}` };
      const gate = await runReleaseGate(staged, { replay: input.replay });
      if (!gate.passed) {
        await this.options.audit.append({
          actor: input.author,
          action: "agent_version_refused",
          subject: { type: "agent", id: agentId },
          data: {
            digest,
            note: input.note,
            failed: gate.tests.failed.map((f) => f.file),
            changedConversations: gate.replay?.regressions.map((r) => r.conversationId) ?? [],
          },
        });
        return { ok: false, reason: "gate_failed", gate, message: "The release gate refused the version" };
      }
      const createdAt = this.clock.now().toISOString();
      const row = await inTransaction(this.db, async (trx) => {
        const last = await trx
          .selectFrom("agent_versions")
          .select((eb) => eb.fn.max("version").as("v"))
          .where("agent_id", "=", agentId)
          .executeTakeFirst();
        const next: AgentVersionRow = {
          agent_id: agentId,
          version: Number(last?.v ?? 0) + 1,
          digest,
          author: input.author,
          note: input.note,
          created_at: createdAt,
          gate: JSON.stringify(gate),
          bundle: JSON.stringify(bundle),
        };
        await trx.insertInto("agent_versions").values(next).execute();
        return next;
      });
      await this.options.audit.append({
        actor: input.author,
        action: "agent_version_published",
        subject: { type: "agent", id: agentId },
        data: { version: row.version, digest, note: input.note, tests: gate.tests.total },
      });
      return { ok: true, version: version(row) };
    } finally {
      rmSync(staged, { recursive: true, force: true });
    }
  }

  async list(agentId: string): Promise<AgentVersion[]> {
    const rows = await this.db
      .selectFrom("agent_versions")
      .selectAll()
      .where("agent_id", "=", agentId)
      .orderBy("version", "desc")
      .execute();
    return rows.map(version);
  }

  async latest(agentId: string): Promise<AgentVersion | null> {
    return (await this.list(agentId))[0] ?? null;
  }

  async bundle(agentId: string, v: number): Promise<Bundle | null> {
    const row = await this.db
      .selectFrom("agent_versions")
      .select("bundle")
      .where("agent_id", "=", agentId)
      .where("version", "=", v)
      .executeTakeFirst();
    return row ? (JSON.parse(row.bundle) as Bundle) : null;
  }

  async current(agentId: string, environment: Environment): Promise<Deployment | null> {
    return (await this.history(agentId, environment, 1))[0] ?? null;
  }

  async history(agentId: string, environment: Environment, limit = 50): Promise<Deployment[]> {
    const rows = await this.db
      .selectFrom("agent_deployments")
      .selectAll()
      .where("agent_id", "=", agentId)
      .where("environment", "=", environment)
      .orderBy("seq", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      agentId: r.agent_id,
      environment: r.environment as Environment,
      version: Number(r.version),
      canary:
        r.canary_version !== null
          ? { version: Number(r.canary_version), percent: Number(r.canary_percent) }
          : null,
      actor: r.actor,
      at: r.at,
    }));
  }

  /** Points an environment at a version, optionally with a canary share for a candidate. */
  async deploy(input: {
    agentId: string;
    environment: Environment;
    version: number;
    canary?: { version: number; percent: number } | undefined;
    actor: string;
  }): Promise<Deployment> {
    for (const v of [input.version, ...(input.canary ? [input.canary.version] : [])])
      if (!(await this.bundle(input.agentId, v)))
        throw new SwitchboardError("not_found", `Agent ${input.agentId} has no version ${v}`);
    if (input.canary && (input.canary.percent < 1 || input.canary.percent > 99))
      throw new SwitchboardError("bad_request", "A canary share is 1 to 99 percent");
    const at = this.clock.now().toISOString();
    await inTransaction(this.db, async (trx) => {
      const last = await trx
        .selectFrom("agent_deployments")
        .select((eb) => eb.fn.max("seq").as("s"))
        .where("agent_id", "=", input.agentId)
        .where("environment", "=", input.environment)
        .executeTakeFirst();
      await trx
        .insertInto("agent_deployments")
        .values({
          agent_id: input.agentId,
          environment: input.environment,
          seq: Number(last?.s ?? 0) + 1,
          version: input.version,
          canary_version: input.canary?.version ?? null,
          canary_percent: input.canary?.percent ?? 0,
          actor: input.actor,
          at,
        })
        .execute();
    });
    await this.options.audit.append({
      actor: input.actor,
      action: "agent_version_deployed",
      subject: { type: "agent", id: input.agentId },
      data: { environment: input.environment, version: input.version, canary: input.canary ?? null },
    });
    return {
      agentId: input.agentId,
      environment: input.environment,
      version: input.version,
      canary: input.canary ?? null,
      actor: input.actor,
      at,
    };
  }

  /** One command back: the environment returns to the version it ran before the current deployment. */
  async rollback(agentId: string, environment: Environment, actor: string): Promise<Deployment> {
    const [current, ...earlier] = await this.history(agentId, environment);
    if (!current) throw new SwitchboardError("not_found", `Nothing is deployed to ${environment}`);
    const previous = earlier.find((d) => d.version !== current.version || d.canary);
    if (!previous)
      throw new SwitchboardError("conflict", `${environment} has no earlier version to return to`);
    // Back to the deployment as it was, its canary included.
    return this.deploy({
      agentId,
      environment,
      version: previous.version,
      canary: previous.canary ?? undefined,
      actor: `${actor} (rollback)`,
    });
  }
}

/**
 * Which version serves a new conversation: the canary for a stable share of conversations (by id),
 * the deployed version for the rest.
 */
export function chooseVersion(deployment: Deployment, conversationId: string): number {
  if (!deployment.canary) return deployment.version;
  let hash = 2166136261;
  for (let i = 0; i < conversationId.length; i++)
    hash = Math.imul(hash ^ conversationId.charCodeAt(i), 16777619);
  return (hash >>> 0) % 100 < deployment.canary.percent ? deployment.canary.version : deployment.version;
}
