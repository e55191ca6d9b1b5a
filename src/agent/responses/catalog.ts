import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import IntlMessageFormat from "intl-messageformat";
import { parse } from "yaml";
import { z } from "zod";
import { SwitchboardError } from "../../platform/index.ts";
import type { Language } from "../understanding/types.ts";

/** Skeletons of one message at most (its choices multiply them). */
const MAX_SKELETONS = 8;

/** A message: one template, or separate text and voice renderings where they must differ. */
const Entry = z.union([z.string(), z.object({ text: z.string(), voice: z.string() }).strict()]);
export const CatalogSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_.]*$/, "message keys are lower case with dots"),
  Entry,
);
export type CatalogEntries = z.infer<typeof CatalogSchema>;

const MESSAGES_DIR = new URL("./messages/", import.meta.url);

export function readBuiltInCatalog(language: Language): CatalogEntries {
  const file = fileURLToPath(new URL(`${language}.yaml`, MESSAGES_DIR));
  const parsed = CatalogSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new SwitchboardError(
      "agent_invalid",
      `Invalid message catalog ${file}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

interface Compiled {
  text: IntlMessageFormat;
  voice: IntlMessageFormat;
}

/**
 * The messages of one language, compiled once. Agent overrides replace built-in keys; every override
 * and every language must parse, and every language must have every English key.
 */
export class Catalog {
  private readonly compiled = new Map<string, Compiled>();
  readonly language: Language;

  constructor(language: Language, entries: CatalogEntries, source: string) {
    this.language = language;
    for (const [key, entry] of Object.entries(entries)) {
      const text = typeof entry === "string" ? entry : entry.text;
      const voice = typeof entry === "string" ? entry : entry.voice;
      try {
        this.compiled.set(key, {
          text: new IntlMessageFormat(text, language),
          voice: new IntlMessageFormat(voice, language),
        });
      } catch (error) {
        throw new SwitchboardError(
          "agent_invalid",
          `Message ${key} in ${source} does not parse: ${(error as Error).message}`,
        );
      }
    }
  }

  has(key: string): boolean {
    return this.compiled.has(key);
  }

  keys(): string[] {
    return [...this.compiled.keys()];
  }

  get(key: string): Compiled | undefined {
    return this.compiled.get(key);
  }

  /**
   * A message's fixed text with `placeholder` wherever a parameter goes: what of it is the same on
   * every call ("Thanks, ¤, I've found your account."). A choice (`select`) gives one skeleton per
   * branch (at most eight in all); a plural is a parameter.
   */
  skeletons(key: string, mode: "text" | "voice", placeholder: string): string[] {
    const entry = this.compiled.get(key);
    if (!entry) return [];
    type Element = ReturnType<IntlMessageFormat["getAst"]>[number];
    const expand = (elements: readonly Element[]): string[] => {
      let texts = [""];
      for (const element of elements) {
        const parts =
          element.type === 0
            ? [element.value]
            : element.type === 5
              ? Object.values(element.options).flatMap((option) => expand(option.value))
              : [placeholder];
        texts = texts.flatMap((t) => parts.map((p) => t + p)).slice(0, MAX_SKELETONS);
      }
      return texts;
    };
    return expand(entry[mode].getAst());
  }
}
