import { z } from "zod";
import { storeTools, ToolRegistry, tauTools } from "../agent/index.ts";
import { CustomerSchema, OrderSchema } from "../commerce/index.ts";
import { errorBody, type ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";
import { errorResponses, security } from "./schemas.ts";

/** Read access to the order system for staff and integrations. */
export function adminRoutes(app: ZodServer, parts: AppParts): void {
  app.get(
    "/api/v1/orders/:orderId",
    {
      onRequest: parts.guard("orders:read"),
      schema: {
        tags: ["admin"],
        summary: "One order with its items, payments, shipments and tracking, returns, exchanges and history",
        description: "The order id is URL-encoded: `#W2378156` is requested as `%23W2378156`.",
        security,
        params: z.object({ orderId: z.string().min(1).max(64) }),
        response: {
          200: OrderSchema,
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const order = await parts.connector.getOrder(request.params.orderId);
      if (!order)
        return reply.status(404).send(errorBody("not_found", `Order ${request.params.orderId} not found`));
      return order;
    },
  );

  app.get(
    "/api/v1/customers/:id",
    {
      onRequest: parts.guard("customers:read"),
      schema: {
        tags: ["admin"],
        summary:
          "One customer with contact details, payment methods (brand and last four only) and order ids",
        security,
        params: z.object({ id: z.string().min(1).max(128) }),
        response: {
          200: CustomerSchema,
          401: errorResponses[401],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request, reply) => {
      const customer = await parts.connector.getCustomer(request.params.id);
      if (!customer)
        return reply.status(404).send(errorBody("not_found", `Customer ${request.params.id} not found`));
      return customer;
    },
  );

  const toolSets = { tau: new ToolRegistry(tauTools), store: new ToolRegistry(storeTools) };
  app.get(
    "/api/v1/tools",
    {
      onRequest: parts.guard("tools:read"),
      schema: {
        tags: ["admin"],
        summary: "The agent's tools as OpenAI-compatible function schemas",
        security,
        querystring: z.object({ set: z.enum(["tau", "store"]).default("tau") }),
        response: {
          200: z.array(
            z.object({
              type: z.literal("function"),
              function: z.object({
                name: z.string(),
                description: z.string(),
                parameters: z.record(z.string(), z.unknown()),
              }),
            }),
          ),
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request) => toolSets[request.query.set].functionSchemas(),
  );
}
