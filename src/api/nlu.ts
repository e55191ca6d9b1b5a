import { z } from "zod";
import type { UnderstandingEngine } from "../agent/dialogue/engine.ts";
import { LANGUAGES, type Language } from "../agent/understanding/types.ts";
import type { Clock, ZodServer } from "../platform/index.ts";
import type { AppParts } from "./parts.ts";
import { errorResponses, security } from "./schemas.ts";

/** What the agent understands in a message: for designers checking utterances, and for tests. */
export function nluRoutes(
  app: ZodServer,
  understanding: UnderstandingEngine,
  languages: readonly Language[],
  clock: Clock,
  guard: AppParts["guard"],
): void {
  app.post(
    "/api/v1/nlu/parse",
    {
      onRequest: guard("nlu:parse"),
      schema: {
        security,
        tags: ["agent"],
        summary: "Language, intent, entities and sentiment of a message",
        body: z
          .object({ text: z.string().min(1).max(4000), language: z.enum(LANGUAGES).optional() })
          .strict(),
        response: {
          200: z.object({
            language: z.enum(LANGUAGES),
            intent: z.string(),
            confidence: z.number(),
            alternatives: z.array(z.object({ intent: z.string(), confidence: z.number() })),
            entities: z.array(
              z
                .object({
                  type: z.string(),
                  value: z.unknown(),
                  text: z.string(),
                  start: z.number(),
                  end: z.number(),
                })
                .catchall(z.unknown()),
            ),
            sentiment: z.object({ score: z.number(), label: z.string() }),
          }),
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
        },
      },
    },
    async (request) => {
      const u = await understanding.parse(request.body.text, {
        languages: request.body.language ? [request.body.language] : languages,
        today: clock.now().toISOString().slice(0, 10),
      });
      const entities = u.entities.map(
        (e) =>
          ({ ...e }) as {
            type: string;
            value: unknown;
            text: string;
            start: number;
            end: number;
            [k: string]: unknown;
          },
      );
      return {
        language: u.language,
        intent: u.intent,
        confidence: u.confidence,
        alternatives: u.alternatives,
        entities,
        sentiment: u.sentiment,
      };
    },
  );
}
