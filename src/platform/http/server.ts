import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { SwitchboardError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";
import { errorBody, installErrorHandling } from "./errors.ts";

export type HttpServer = FastifyInstance;

declare module "fastify" {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
  }
}
/** A server whose routes take zod schemas. */
export type ZodServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpServerOptions {
  logger: Logger;
  metrics: Metrics;
  version: string;
  /** Request bodies above this are refused with 413 (chat messages and webhooks are small). */
  bodyLimitBytes?: number;
}

/**
 * The HTTP server every part mounts its routes on: zod validation and serialisation, the OpenAPI
 * description at /api/openapi.json built from the same schemas, uniform errors, and request metrics.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    // Requests are measured in metrics; per-request log lines would repeat customer URLs in the logs.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    // A path Fastify cannot decode (`/%ZZ`) is answered before any handler; in our error shape too.
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply).status(400).send(errorBody("bad_request", error.message));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // Every route, as registered: the authorization test checks each against its table.
  const routes: { method: string; url: string }[] = [];
  app.decorate("routeTable", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  await app.register(cookie);
  // Security headers on every response: no sniffing, no framing, same-origin scripts only, HSTS.
  // Pages that must differ (the embeddable chat) set their own per route.
  await app.register(helmet, { global: true });
  // Limits are set per public route (`config.rateLimit`); nothing is limited unless it asks.
  await app.register(rateLimit, {
    global: false,
    // Thrown, then answered by the one error handler like every other fault.
    errorResponseBuilder: (_request, context) =>
      new SwitchboardError(
        "rate_limited",
        `Too many requests: at most ${context.max} per ${context.after}; try again later`,
      ),
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    options.metrics.httpRequestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Switchboard API",
        description: "AI agents for ecommerce contact centers: admin, conversation and desk APIs.",
        version: options.version,
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          // The desk's browser session; state-changing requests also send the x-csrf-token header.
          session: { type: "apiKey", in: "cookie", name: "sb_session" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  return app;
}
