import { z } from "zod";
import {
  type AgentVersion,
  type Deployment,
  diffBundles,
  ENVIRONMENTS,
  type GateReport,
} from "../governance/versions/index.ts";
import { actorOf, errorBody, SwitchboardError, type ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";
import { ErrorBodySchema, errorResponses, security } from "./schemas.ts";

const Canary = z.object({ version: z.number().int().min(1), percent: z.number().int().min(1).max(99) });
const DeploymentView = z.object({
  version: z.number(),
  canary: Canary.nullable(),
  deployedAt: z.string(),
  deployedBy: z.string(),
});
const VersionView = z.object({
  version: z.number(),
  author: z.string(),
  note: z.string(),
  createdAt: z.string(),
  digest: z.string(),
  gate: z.object({
    tests: z.object({ passed: z.number(), total: z.number() }),
    replay: z.object({ replayed: z.number(), unchanged: z.number() }).nullable(),
  }),
});
const VersionNumber = z.coerce.number().int().min(1).max(1_000_000);

function deploymentView(d: Deployment) {
  return { version: d.version, canary: d.canary, deployedAt: d.at, deployedBy: d.actor };
}

function versionView(v: AgentVersion) {
  return {
    version: v.version,
    author: v.author,
    note: v.note,
    createdAt: v.createdAt,
    digest: v.digest,
    gate: {
      tests: { passed: v.gate.tests.total - v.gate.tests.failed.length, total: v.gate.tests.total },
      replay: v.gate.replay
        ? {
            replayed: v.gate.replay.replayed,
            unchanged: v.gate.replay.replayed - v.gate.replay.regressions.length,
          }
        : null,
    },
  };
}

/** A refused gate as the studio shows it: which tests failed and which replayed conversations changed. */
function gateDetails(gate: GateReport) {
  return {
    tests: {
      passed: gate.tests.total - gate.tests.failed.length,
      total: gate.tests.total,
      failures: gate.tests.failed.map((f) => ({
        name: f.name,
        file: f.file,
        message: f.failures.join("; "),
      })),
    },
    replay: gate.replay
      ? {
          replayed: gate.replay.replayed,
          changed: gate.replay.regressions.map((r) => ({
            conversationId: r.conversationId,
            differences: r.differences,
          })),
        }
      : null,
  };
}

/**
 * Agent versions through the API, as the CLI does them: list, diff, publish the draft through the
 * release gate, deploy (production needs agents:deploy), roll back. Every step is audited.
 */
export function versionRoutes(app: ZodServer, parts: AppParts): void {
  const { versions } = parts;
  const agentId = () => parts.agent.definition.id;

  app.get(
    "/api/v1/agent/versions",
    {
      onRequest: parts.guard("agents:read"),
      schema: {
        tags: ["agent versions"],
        summary: "Published versions of the agent and what each environment runs",
        security,
        response: {
          200: z.object({
            agentId: z.string(),
            draft: z.object({ changedSinceLatest: z.boolean() }),
            versions: z.array(VersionView),
            deployments: z.object({
              staging: DeploymentView.nullable(),
              production: DeploymentView.nullable(),
            }),
          }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async () => {
      const id = agentId();
      const list = await versions.store.list(id);
      const latest = list[0];
      const draftDigest = versions.draftDigest();
      return {
        agentId: id,
        draft: { changedSinceLatest: !latest || latest.digest !== draftDigest },
        versions: list.map(versionView),
        deployments: {
          staging: await versions.store.current(id, "staging").then((d) => (d ? deploymentView(d) : null)),
          production: await versions.store
            .current(id, "production")
            .then((d) => (d ? deploymentView(d) : null)),
        },
      };
    },
  );

  app.get(
    "/api/v1/agent/versions/:version/diff",
    {
      onRequest: parts.guard("agents:read"),
      schema: {
        tags: ["agent versions"],
        summary: "What changed between two versions (default: against the one before), file by file",
        security,
        params: z.object({ version: VersionNumber }),
        querystring: z.object({ against: VersionNumber.optional() }),
        response: {
          200: z.object({
            from: z.number(),
            to: z.number(),
            files: z.array(
              z.object({
                path: z.string(),
                status: z.enum(["added", "removed", "changed"]),
                lines: z.array(z.string()),
              }),
            ),
          }),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request) => {
      const to = request.params.version;
      const from = request.query.against ?? to - 1;
      const target = await versions.store.bundle(agentId(), to);
      const base = from >= 1 ? await versions.store.bundle(agentId(), from) : { files: {} };
      if (!target || !base) throw new SwitchboardError("not_found", `No version ${target ? from : to}`);
      const files = diffBundles(base as typeof target, target).map((f) => ({
        path: f.path,
        status: f.change,
        lines: f.lines,
      }));
      return { from, to, files };
    },
  );

  app.post(
    "/api/v1/agent/versions",
    {
      onRequest: parts.guard("agents:write"),
      schema: {
        tags: ["agent versions"],
        summary: "Publish the agent directory as the next version, through the release gate",
        description:
          "Runs the draft's conversation tests and replays recent recorded conversations against it; refuses with 422 and the report when anything regresses.",
        security,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
        response: {
          201: z.object({ version: z.number() }),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          409: ErrorBodySchema.describe("Nothing changed since the latest version"),
          422: ErrorBodySchema.describe("The release gate refused the version; details hold its report"),
        },
      },
    },
    async (request, reply) => {
      const result = await versions.store.publish({
        dir: versions.draftDir,
        author: actorOf(request),
        note: request.body.note,
        replay: await versions.replay(),
      });
      if (result.ok) return reply.status(201).send({ version: result.version.version });
      if (result.reason === "unchanged")
        return reply.status(409).send(errorBody("unchanged", result.message));
      return reply
        .status(422)
        .send(errorBody("gate_failed", result.message, result.gate ? gateDetails(result.gate) : undefined));
    },
  );

  app.post(
    "/api/v1/agent/deployments",
    {
      onRequest: parts.guard("agents:write"),
      schema: {
        tags: ["agent versions"],
        summary: "Point staging or production at a version, optionally with a canary share",
        description:
          "Production also needs the agents:deploy permission. Servers pick it up at their next start.",
        security,
        body: z.object({
          environment: z.enum(ENVIRONMENTS),
          version: z.number().int().min(1),
          canary: Canary.optional(),
        }),
        response: {
          200: DeploymentView,
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      if (request.body.environment === "production") {
        await parts.guard("agents:deploy")(request, reply);
        if (reply.sent) return reply;
      }
      const deployed = await versions.store.deploy({
        agentId: agentId(),
        environment: request.body.environment,
        version: request.body.version,
        canary: request.body.canary,
        actor: actorOf(request),
      });
      return deploymentView(deployed);
    },
  );

  app.post(
    "/api/v1/agent/deployments/rollback",
    {
      onRequest: parts.guard("agents:write"),
      schema: {
        tags: ["agent versions"],
        summary: "Return an environment to the version it ran before",
        security,
        body: z.object({ environment: z.enum(ENVIRONMENTS) }),
        response: {
          200: DeploymentView,
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
          409: ErrorBodySchema.describe("No earlier version to return to"),
        },
      },
    },
    async (request, reply) => {
      if (request.body.environment === "production") {
        await parts.guard("agents:deploy")(request, reply);
        if (reply.sent) return reply;
      }
      const back = await versions.store.rollback(agentId(), request.body.environment, actorOf(request));
      return deploymentView(back);
    },
  );
}
