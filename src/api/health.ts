import { sql } from "kysely";
import { z } from "zod";
import type { ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";

const HealthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  uptimeSeconds: z.number(),
  database: z.object({ dialect: z.string(), reachable: z.boolean() }),
  agent: z.object({ id: z.string(), policyPack: z.string() }),
  store: z
    .object({
      connector: z.string(),
      dataset: z.string().nullable(),
      anchor: z.string().nullable(),
      customers: z.number(),
    })
    .nullable(),
});

/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
export function healthRoutes(app: ZodServer, parts: AppParts): void {
  app.get(
    "/health",
    {
      schema: {
        tags: ["platform"],
        summary: "Health of the platform and its database",
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      let reachable = true;
      let store = null;
      try {
        await sql`select 1`.execute(parts.storage.db);
        store = { connector: parts.connector.name, ...(await parts.describeStore()) };
      } catch {
        reachable = false;
      }
      return reply.status(reachable ? 200 : 503).send({
        status: reachable ? "ok" : "degraded",
        version: parts.version,
        uptimeSeconds: Math.round(process.uptime()),
        database: { dialect: parts.storage.dialect, reachable },
        agent: { id: parts.agent.definition.id, policyPack: `${parts.policy.id}@${parts.policy.version}` },
        store,
      });
    },
  );

  // Prometheus scrapes with a bearer token (bearer_token_file); the figures describe the business.
  app.get(
    "/metrics",
    { schema: { hide: true }, onRequest: parts.guard("metrics:read") },
    async (_request, reply) => {
      reply.header("content-type", parts.metrics.registry.contentType);
      return parts.metrics.registry.metrics();
    },
  );
}
