import { z } from "zod";
import type { ToolContext } from "./context.ts";

export interface ToolError {
  code: string;
  /** Safe to show to the customer or a model. */
  message: string;
  details?: unknown;
}

/**
 * What a tool returns. `text` is the exact string a model sees (tau tools answer in tau's format);
 * `output` is the structured value skills and tests read.
 */
export type ToolResult =
  | { ok: true; output: unknown; text: string }
  | { ok: false; error: ToolError; text: string };

export interface ToolDefinition<P extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  parameters: P;
  /** Changes an order or a profile (and so needs verification, policy and confirmation). */
  mutates: boolean;
  run(ctx: ToolContext, args: z.infer<P>): Promise<ToolResult>;
}

export function defineTool<P extends z.ZodType>(tool: ToolDefinition<P>): ToolDefinition<P> {
  return tool;
}

export function success(
  output: unknown,
  text = typeof output === "string" ? output : JSON.stringify(output),
): ToolResult {
  return { ok: true, output, text };
}

export function failure(
  code: string,
  message: string,
  text = `Error: ${message}`,
  details?: unknown,
): ToolResult {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details }, text };
}

/** An OpenAI-compatible function description. */
export interface FunctionSchema {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ToolFaultLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/** A named set of tools: validates arguments, runs the tool, and keeps faults away from the caller. */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>();
  private readonly logger: ToolFaultLogger | undefined;

  constructor(tools: ToolDefinition[], logger?: ToolFaultLogger) {
    for (const tool of tools) {
      if (this.tools.has(tool.name)) throw new Error(`Tool ${tool.name} is defined twice`);
      this.tools.set(tool.name, tool);
    }
    this.logger = logger;
  }

  get names(): string[] {
    return [...this.tools.keys()];
  }

  get(name: string): ToolDefinition | undefined {
    return this.tools.get(name);
  }

  async call(name: string, args: unknown, ctx: ToolContext): Promise<ToolResult> {
    const tool = this.tools.get(name);
    if (!tool) return failure("unknown_tool", `unknown tool ${name}`);
    const parsed = tool.parameters.safeParse(args ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`)
        .join("; ");
      return failure("invalid_arguments", `invalid arguments for ${name}: ${problems}`);
    }
    try {
      return await tool.run(ctx, parsed.data);
    } catch (error) {
      // The caller (a customer or a model) sees a fixed message; the fault goes to the logs.
      this.logger?.error(
        { err: error, tool: name, conversationId: ctx.session.conversationId },
        "tool failed",
      );
      return failure("internal_error", "an internal error occurred");
    }
  }

  /** The tools as OpenAI-compatible function schemas, generated from the same schemas that validate. */
  functionSchemas(): FunctionSchema[] {
    return [...this.tools.values()].map((tool) => {
      const { $schema: _drop, ...parameters } = z.toJSONSchema(tool.parameters, { io: "input" }) as Record<
        string,
        unknown
      >;
      return { type: "function", function: { name: tool.name, description: tool.description, parameters } };
    });
  }
}
