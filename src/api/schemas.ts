import { z } from "zod";

/** The error body every route answers with, for the OpenAPI description. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const errorResponses = {
  400: ErrorBodySchema.describe("The request was malformed"),
  401: ErrorBodySchema.describe("A valid bearer token or session is required"),
  403: ErrorBodySchema.describe("The role or token lacks the permission (or the CSRF token is missing)"),
  404: ErrorBodySchema.describe("Not found"),
};

/** OpenAPI security for guarded routes: a bearer token or the desk's session cookie. */
export const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
