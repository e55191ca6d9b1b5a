import { z } from "zod";
import { actorOf, errorBody, type ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";
import { errorResponses, security } from "./schemas.ts";

const CustomerId = z.object({ id: z.string().min(1).max(128) });

/** The audit trail, and GDPR access (Art. 15/20) and erasure (Art. 17) requests. */
export function complianceRoutes(app: ZodServer, parts: AppParts): void {
  app.get(
    "/api/v1/audit",
    {
      onRequest: parts.guard("audit:read"),
      schema: {
        tags: ["compliance"],
        summary: "Audit entries, newest first (personal data shown while its customer is not erased)",
        security,
        querystring: z.object({
          subjectType: z.string().max(40).optional(),
          subjectId: z.string().max(128).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.object({
            entries: z.array(
              z.object({
                seq: z.number(),
                at: z.string(),
                actor: z.string(),
                action: z.string(),
                subject: z.object({ type: z.string(), id: z.string() }),
                data: z.unknown(),
                prevHash: z.string(),
                hash: z.string(),
              }),
            ),
          }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request) => ({ entries: await parts.audit.list(request.query) }),
  );

  app.get(
    "/api/v1/audit/verify",
    {
      onRequest: parts.guard("audit:read"),
      schema: {
        tags: ["compliance"],
        summary: "Walks the hash chain and reports the first broken link",
        security,
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            brokenAt: z.number().optional(),
            problem: z.string().optional(),
          }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async () => parts.audit.verify(),
  );

  app.get(
    "/api/v1/customers/:id/personal-data",
    {
      onRequest: parts.guard("personal-data:export"),
      schema: {
        tags: ["compliance"],
        summary: "Everything kept about a customer, as JSON (GDPR Art. 15 and 20); empty once erased",
        security,
        params: CustomerId,
        response: {
          200: z.object({
            customerId: z.string(),
            exportedAt: z.string(),
            erased: z.boolean(),
            sections: z.record(z.string(), z.unknown()),
          }),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request, reply) => {
      const exported = await parts.personalData.export(request.params.id, actorOf(request));
      reply.header("content-disposition", `attachment; filename="personal-data.json"`);
      return exported;
    },
  );

  app.delete(
    "/api/v1/customers/:id/personal-data",
    {
      onRequest: parts.guard("personal-data:erase"),
      schema: {
        tags: ["compliance"],
        summary:
          "Erase a customer (GDPR Art. 17): profile anonymised, conversations and audit details crypto-shredded",
        description: "Irreversible. The body must repeat the customer id to confirm.",
        security,
        params: CustomerId,
        body: z.object({ confirm: z.string().min(1).max(128) }).strict(),
        response: {
          200: z.object({
            customerId: z.string(),
            erasedAt: z.string(),
            sections: z.record(z.string(), z.number()),
          }),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      if (request.body.confirm !== request.params.id)
        return reply
          .status(400)
          .send(errorBody("bad_request", "confirm must repeat the customer id: erasure cannot be undone"));
      return parts.personalData.erase(request.params.id, actorOf(request));
    },
  );
}
