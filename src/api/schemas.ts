import { z } from "zod";

/** The error body every route answers with, for the OpenAPI description. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const errorResponses = {
  400: ErrorBodySchema.describe("The request was malformed"),
  401: ErrorBodySchema.describe("A valid bearer token is required"),
  404: ErrorBodySchema.describe("Not found"),
};
