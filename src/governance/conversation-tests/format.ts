import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { SwitchboardError } from "../../platform/index.ts";

/**
 * A conversation test: what the customer says, turn by turn, and what must be true of the agent's
 * replies, understanding, tool calls, policy decisions and the final order state. See
 * docs/conversation-tests.md.
 */

const TextMatch = z
  .object({
    contains: z.union([z.string(), z.array(z.string())]).optional(),
    not_contains: z.union([z.string(), z.array(z.string())]).optional(),
    matches: z.string().optional(),
  })
  .strict();

const Decision = z
  .object({ action: z.string(), allowed: z.boolean().optional(), reason: z.string().optional() })
  .strict();

const TurnExpect = z
  .object({
    reply: TextMatch.optional(),
    intent: z.string().optional(),
    language: z.string().optional(),
    entities: z.array(z.string()).optional(),
    tools: z.array(z.string()).optional(),
    no_tools: z.array(z.string()).optional(),
    policy: z.array(Decision).optional(),
    verified: z.boolean().optional(),
    handoff: z.union([z.boolean(), z.string()]).optional(),
    ended: z.boolean().optional(),
  })
  .strict();

const OrderExpect = z
  .object({
    status: z.string().optional(),
    cancel_reason: z.string().optional(),
    returns: z.number().int().optional(),
    returned_items: z.number().int().optional(),
    exchanges: z.number().int().optional(),
    items_modified: z.boolean().optional(),
    city: z.string().optional(),
    postal_code: z.string().optional(),
    payment_methods: z.array(z.string()).optional(),
  })
  .strict();

export const ConversationTestSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()).default([]),
    locale: z.string().optional(),
    channel: z.enum(["chat", "voice", "email", "sms", "whatsapp"]).default("chat"),
    turns: z.array(z.object({ customer: z.string().min(1), expect: TurnExpect.optional() }).strict()).min(1),
    final: z
      .object({
        orders: z.record(z.string(), OrderExpect).optional(),
        tools: z.array(z.string()).optional(),
        no_tools: z.array(z.string()).optional(),
        policy: z.array(Decision).optional(),
        handoff: z.union([z.boolean(), z.string()]).optional(),
        ended: z.boolean().optional(),
        promises: z.record(z.string(), z.number().int()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ConversationTest = z.infer<typeof ConversationTestSchema> & { file: string };
export type TextExpectation = z.infer<typeof TextMatch>;
export type DecisionExpectation = z.infer<typeof Decision>;
export type TurnExpectation = z.infer<typeof TurnExpect>;
export type OrderExpectation = z.infer<typeof OrderExpect>;

export function loadConversationTests(dir: string): ConversationTest[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".yaml") || name.endsWith(".yml")) files.push(path);
    }
  };
  walk(dir);
  return files.map((file) => {
    const doc = parseDocument(readFileSync(file, "utf8"));
    if (doc.errors.length > 0)
      throw new SwitchboardError("bad_request", `${file}: ${doc.errors[0]?.message.split("\n")[0]}`);
    const parsed = ConversationTestSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SwitchboardError(
        "bad_request",
        `${relative(process.cwd(), file)}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`,
      );
    }
    return { ...parsed.data, file };
  });
}
