import { z } from "zod";
import { analyticsCsv, analyticsPeriod, BREAKDOWNS, MAX_PERIOD_DAYS } from "../governance/analytics/index.ts";
import type { ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";
import { errorResponses, security } from "./schemas.ts";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD");

const Query = z.object({
  from: Day.describe("First day of the period (UTC), included"),
  to: Day.describe(`Last day of the period (UTC), included; a period covers at most ${MAX_PERIOD_DAYS} days`),
  by: z.enum(BREAKDOWNS).default("day").describe("One group per day, channel, language or agent version"),
});

const Rate = z.number().nullable();
const Counts = z.record(z.string(), z.number());

const Metrics = z.object({
  conversations: z.number(),
  purged: z.number(),
  contacts: z.number(),
  contained: z.number(),
  escalated: z.number(),
  unresolved: z.number(),
  containmentRate: Rate,
  escalationRate: Rate,
  escalationsByReason: Counts,
  resolutionByIntent: z.record(
    z.string(),
    z.object({ started: z.number(), resolved: z.number(), rate: Rate }),
  ),
  averageHandlingSeconds: z.number().nullable(),
  turnsPerResolution: z.number().nullable(),
  repeatContacts: z.object({ identifiedContacts: z.number(), repeats: z.number(), rate: Rate }),
  identification: z.object({
    identified: z.number(),
    byOrderNumber: z.number(),
    byOrderNumberShare: Rate,
    byMethod: Counts,
  }),
  cost: z.object({
    assistedContacts: z.number(),
    selfServiceContacts: z.number(),
    totalMinor: z.number(),
    perContactMinor: z.number().nullable(),
    savingsMinor: z.number(),
  }),
  promiseToPay: z.object({ invoiceContacts: z.number(), promises: z.number(), rate: Rate }),
  crossSell: z.object({ offers: z.number(), rate: Rate }),
  voiceLatencyMs: z
    .object({ turns: z.number(), p50: z.number(), p90: z.number(), p95: z.number(), p99: z.number() })
    .nullable(),
});

const Report = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(BREAKDOWNS),
  timeZone: z.literal("UTC"),
  costs: z.object({ assistedContactCost: z.number(), selfServiceContactCost: z.number() }),
  totals: Metrics,
  groups: z.array(z.object({ key: z.string(), metrics: Metrics })),
});

const description =
  "Computed from the conversation log over the conversations opened in the period; definitions in docs/governance.md.";

/** Contact-center metrics from the conversation log (docs/governance.md), as JSON or CSV. */
export function analyticsRoutes(app: ZodServer, parts: AppParts): void {
  app.get(
    "/api/v1/analytics",
    {
      onRequest: parts.guard("analytics:read"),
      schema: {
        tags: ["analytics"],
        summary:
          "Containment, escalations, handling time, repeats, cost and more over a period, with a breakdown",
        description,
        security,
        querystring: Query,
        response: {
          200: Report,
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request) => {
      const { from, to, by } = request.query;
      return parts.analytics.report(analyticsPeriod(from, to), by);
    },
  );

  app.get(
    "/api/v1/analytics/export.csv",
    {
      onRequest: parts.guard("analytics:read"),
      schema: {
        tags: ["analytics"],
        summary: "The same report as CSV: a header row, then one row per group",
        description,
        security,
        querystring: Query,
        produces: ["text/csv"],
        response: {
          200: z.string().describe("text/csv; the first column is named after the breakdown"),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request, reply) => {
      const { from, to, by } = request.query;
      const report = await parts.analytics.report(analyticsPeriod(from, to), by);
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="analytics-${from}-${to}-by-${by}.csv"`);
      return analyticsCsv(report);
    },
  );
}
