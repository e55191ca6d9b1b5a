import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { type ErrorCode, isSwitchboardError } from "../errors.ts";

/** The one JSON shape every error response has. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  config_invalid: 400,
  policy_pack_invalid: 400,
  agent_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  storage_unavailable: 503,
  internal: 500,
};

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Maps faults to HTTP in one place. Validation problems say what was wrong; anything unexpected is
 * logged in full and answered with a fixed message, never the exception's text.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({ path: v.instancePath || "/", message: v.message }));
      const where = error.validationContext ?? "request";
      return reply
        .status(400)
        .send(
          errorBody(
            "bad_request",
            `Invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
            issues,
          ),
        );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, route: request.routeOptions.url }, "response did not match its schema");
      return reply.status(500).send(errorBody("internal", "An internal error occurred"));
    }
    if (isSwitchboardError(error)) {
      const status = STATUS[error.code] ?? 500;
      if (status >= 500) request.log.error({ err: error }, "request failed");
      return reply
        .status(status)
        .send(
          errorBody(error.code, status >= 500 ? "An internal error occurred" : error.message, error.details),
        );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: bad JSON, body too large, unsupported media type.
      return reply.status(error.statusCode).send(errorBody("bad_request", error.message));
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send(errorBody("internal", "An internal error occurred"));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody("not_found", `No route ${request.method} ${request.url.split("?")[0]}`));
  });
}
