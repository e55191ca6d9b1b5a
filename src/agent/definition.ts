import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { SwitchboardError } from "../platform/errors.ts";
import { loadPolicyPack, type PolicyPack } from "../policy/index.ts";

/**
 * An agent is configuration: a directory holding `agent.yaml` and the policy pack it names.
 * Versioning, deployment and release gates build on this (governance/).
 */
export const AgentDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "agent ids are kebab-case"),
    name: z.string().min(1),
    description: z.string().optional(),
    /** BCP 47 language subtags the agent serves; the first is its default. */
    languages: z.array(z.enum(["en", "de", "fr", "es", "it", "nl"])).min(1),
    /** The policy pack file, relative to the agent directory. */
    policy: z.string().min(1),
    /** The reference store data set loaded on the first start when the store is empty. */
    dataset: z.enum(["enriched", "tau"]).default("enriched"),
  })
  .strict();

export type AgentDefinition = z.infer<typeof AgentDefinitionSchema>;

export interface LoadedAgent {
  dir: string;
  definition: AgentDefinition;
  policy: PolicyPack;
}

export function loadAgent(dir: string): LoadedAgent {
  const root = resolve(dir);
  const file = resolve(root, "agent.yaml");
  if (!existsSync(file))
    throw new SwitchboardError(
      "agent_invalid",
      `No agent definition at ${file} (set SWITCHBOARD_AGENT to an agent directory)`,
    );
  const doc = parseDocument(readFileSync(file, "utf8"));
  if (doc.errors.length > 0) {
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid agent definition ${file}: ${doc.errors.map((e) => e.message.split("\n")[0]).join("; ")}`,
    );
  }
  const parsed = AgentDefinitionSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid agent definition ${file}:\n  - ${problems.join("\n  - ")}`,
      { details: problems },
    );
  }
  return { dir: root, definition: parsed.data, policy: loadPolicyPack(resolve(root, parsed.data.policy)) };
}
