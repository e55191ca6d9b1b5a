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
    /** The store's name as customers know it (greetings, summaries). */
    store: z.string().min(1).default("our store"),
    /** What customers call each catalogue product, per language (optional), relative to the agent directory. */
    productNames: z.string().min(1).default("product-names.yaml"),
    /** Directory of `<language>.yaml` intent utterances, relative to the agent directory. */
    utterances: z.string().min(1).default("utterances"),
    /** Replacements for built-in messages, per language: `{ en: { "greeting.open": "..." } }`. */
    messages: z
      .partialRecord(z.enum(["en", "de", "fr", "es", "it", "nl"]), z.record(z.string(), z.string()))
      .default({}),
  })
  .strict();

export type AgentDefinition = z.infer<typeof AgentDefinitionSchema>;

export interface LoadedAgent {
  dir: string;
  definition: AgentDefinition;
  policy: PolicyPack;
  /** Absolute path of the utterance directory. */
  utterancesDir: string;
  /** Catalogue product name to the words customers use for it, all languages together. */
  productNames: Record<string, string[]>;
}

const ProductNames = z.record(
  z.string(),
  z.partialRecord(z.enum(["en", "de", "fr", "es", "it", "nl"]), z.array(z.string().min(1))),
);

/** Optional: an agent without the file recognises products by their catalogue names only. */
function readProductNames(file: string): Record<string, string[]> {
  if (!existsSync(file)) return {};
  const parsed = ProductNames.safeParse(parseDocument(readFileSync(file, "utf8")).toJS());
  if (!parsed.success) {
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid product names ${file}: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`,
    );
  }
  return Object.fromEntries(
    Object.entries(parsed.data).map(([name, byLanguage]) => [name, Object.values(byLanguage).flat()]),
  );
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
  return {
    dir: root,
    definition: parsed.data,
    policy: loadPolicyPack(resolve(root, parsed.data.policy)),
    utterancesDir: resolve(root, parsed.data.utterances),
    productNames: readProductNames(resolve(root, parsed.data.productNames)),
  };
}
