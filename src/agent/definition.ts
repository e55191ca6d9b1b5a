import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { SwitchboardError } from "../platform/errors.ts";
import { loadPolicyPack, type PolicyPack } from "../policy/index.ts";
import { SKILLS } from "./dialogue/state.ts";
import type { CustomerNames, NamesByLanguage } from "./responses/names.ts";

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
    /** What customers call option values ("rot" for red), per language (optional), relative to the agent directory. */
    optionNames: z.string().min(1).default("option-names.yaml"),
    /** Directory of `<language>.yaml` intent utterances, relative to the agent directory. */
    utterances: z.string().min(1).default("utterances"),
    /**
     * The skills this agent offers; a request for one left out goes to a person. Identifying the customer,
     * handing over and saying goodbye are always on.
     */
    skills: z
      .array(z.enum(SKILLS))
      .min(1)
      .default([...SKILLS]),
    /** When the agent hands over on its own. */
    escalation: z
      .object({
        /** Messages in a row the agent cannot place. */
        misunderstoodTurns: z.number().int().min(1).max(10).default(2),
        /** Failed identity checks before a person takes over. */
        verificationAttempts: z.number().int().min(1).max(10).default(3),
        /** Hand over when the customer's sentiment turns strongly negative. */
        negativeSentiment: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /**
     * Calls: the recording notice opens every call (required where calls are recorded or transcribed,
     * e.g. two-party-consent states and the EU). It tells the caller they can ask for a person.
     */
    voice: z
      .object({
        recordingNotice: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    changes: z
      .object({
        /**
         * Ask which of the customer's payment methods pays or receives an exchange's or item change's
         * price difference (tau-bench's store); otherwise the order's original payment method is used.
         */
        askPaymentForDifference: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /**
     * Offers made once per conversation after a task is resolved: `after` names the skills, `products`
     * (optional) the catalogue products that must be in the order discussed, `message` a message key
     * defined under `messages` for every language the agent serves.
     */
    crossSell: z
      .array(
        z
          .object({
            after: z.array(z.enum(SKILLS)).min(1),
            products: z.array(z.string().min(1)).optional(),
            message: z.string().regex(/^[a-z0-9_.]+$/, "message keys are lower case with dots"),
          })
          .strict(),
      )
      .default([]),
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
  /** Catalogue option value to the words customers use for it, all languages together. */
  optionNames: Record<string, string[]>;
  /** The same per language, the first word being how the agent writes it (responses/names.ts). */
  names: CustomerNames;
}

/** Catalogue spelling → language → customers' words. */
const NamesSchema = z.record(
  z.string(),
  z.partialRecord(z.enum(["en", "de", "fr", "es", "it", "nl"]), z.array(z.string().min(1)).min(1)),
);
const OptionNamesSchema = z
  .object({ values: NamesSchema.default({}), options: NamesSchema.default({}) })
  .strict();

/** A file's text; a directory or an unreadable file is a mistake in the agent, reported as one. */
function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new SwitchboardError("agent_invalid", `Invalid ${what} ${file}: ${(error as Error).message}`);
  }
}

/** A document's data; the yaml library refuses alias bombs (billion laughs) here. */
function dataOf(doc: ReturnType<typeof parseDocument>, file: string, what: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    throw new SwitchboardError("agent_invalid", `Invalid ${what} ${file}: ${(error as Error).message}`);
  }
}

/** Optional: an agent without the file recognises products and options by their catalogue names only. */
function readNames<T>(file: string, schema: z.ZodType<T>, what: string, empty: T): T {
  if (!existsSync(file)) return empty;
  const doc = parseDocument(readText(file, what));
  if (doc.errors.length > 0)
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid ${what} ${file}: ${doc.errors[0]?.message.split("\n")[0]}`,
    );
  const parsed = schema.safeParse(dataOf(doc, file, what) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid ${what} ${file}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** Every language's words together: what recognising a name in a message looks through. */
const flatten = (names: NamesByLanguage): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries(names).map(([name, byLanguage]) => [name, Object.values(byLanguage).flat()]),
  );

export function loadAgent(dir: string): LoadedAgent {
  const root = resolve(dir);
  const file = resolve(root, "agent.yaml");
  if (!existsSync(file))
    throw new SwitchboardError(
      "agent_invalid",
      `No agent definition at ${file} (set SWITCHBOARD_AGENT to an agent directory)`,
    );
  const doc = parseDocument(readText(file, "agent definition"));
  if (doc.errors.length > 0) {
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid agent definition ${file}: ${doc.errors.map((e) => e.message.split("\n")[0]).join("; ")}`,
    );
  }
  const parsed = AgentDefinitionSchema.safeParse(dataOf(doc, file, "agent definition"));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid agent definition ${file}:\n  - ${problems.join("\n  - ")}`,
      { details: problems },
    );
  }
  const definition = parsed.data;
  for (const [i, rule] of definition.crossSell.entries())
    for (const language of definition.languages)
      if (!definition.messages[language]?.[rule.message])
        throw new SwitchboardError(
          "agent_invalid",
          `Invalid agent definition ${file}:\n  - crossSell.${i}.message: "${rule.message}" has no text for ${language} under messages.${language}`,
        );
  const products = readNames(resolve(root, parsed.data.productNames), NamesSchema, "product names", {});
  const options = readNames(resolve(root, parsed.data.optionNames), OptionNamesSchema, "option names", {
    values: {},
    options: {},
  });
  const names: CustomerNames = { products, values: options.values, options: options.options };
  return {
    dir: root,
    definition: parsed.data,
    policy: loadPolicyPack(resolve(root, parsed.data.policy)),
    utterancesDir: resolve(root, parsed.data.utterances),
    productNames: flatten(names.products),
    optionNames: flatten(names.values),
    names,
  };
}
