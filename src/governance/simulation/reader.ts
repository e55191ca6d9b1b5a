import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import type { CatalogEntries } from "../../agent/responses/catalog.ts";

/** One message the agent sent, recognised: which catalogue entry it is and the values it was filled with. */
export interface ReadMessage {
  key: string;
  params: Record<string, string>;
  text: string;
}

interface Pattern {
  key: string;
  regex: RegExp;
  names: string[];
  /** Literal characters: the more, the more specific the match. */
  weight: number;
  opensWithWords: boolean;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads the agent's messages the way a customer reads them: by their wording. Every catalogue
 * entry becomes a pattern whose placeholders capture the values, so a simulated customer follows
 * the agent's actual words (a reworded message still reads), not its internal state.
 */
export class MessageReader {
  private readonly patterns: Pattern[];

  constructor(catalog: CatalogEntries) {
    this.patterns = Object.entries(catalog)
      .map(([key, entry]) => compile(key, typeof entry === "string" ? entry : entry.text))
      // A message that opens with words ("Your order … is cancelled. {refunds}") is more telling than
      // one that opens with a value ("{amount} goes back to …") which could swallow it.
      .sort((a, b) => Number(b.opensWithWords) - Number(a.opensWithWords) || b.weight - a.weight);
  }

  read(text: string): ReadMessage {
    for (const pattern of this.patterns) {
      const match = pattern.regex.exec(text);
      if (!match) continue;
      const params: Record<string, string> = {};
      pattern.names.forEach((name, i) => {
        const value = match[i + 1];
        if (value !== undefined && params[name] === undefined) params[name] = value;
      });
      return { key: pattern.key, params, text };
    }
    return { key: "unknown", params: {}, text };
  }
}

function compile(key: string, template: string): Pattern {
  const names: string[] = [];
  let weight = 0;
  const walk = (elements: MessageFormatElement[]): string =>
    elements
      .map((element) => {
        switch (element.type) {
          case TYPE.literal:
            weight += element.value.length;
            // A list placed after a space is rendered on its own lines.
            return escapeRegex(element.value).replace(/\s+/g, "\\s+");
          case TYPE.argument:
          case TYPE.number:
          case TYPE.date:
          case TYPE.time:
            names.push(element.value);
            return "([\\s\\S]+?)";
          case TYPE.pound:
            return "\\d+";
          case TYPE.select:
          case TYPE.plural: {
            const branches = Object.values(element.options).map((option) => walk(option.value));
            return `(?:${branches.join("|")})`;
          }
          default:
            return "[\\s\\S]*?";
        }
      })
      .join("");
  const elements = parse(template, { ignoreTag: true });
  const source = walk(elements);
  const opensWithWords = elements[0]?.type === TYPE.literal && elements[0].value.trim() !== "";
  return { key, regex: new RegExp(`^${source}$`), names, weight, opensWithWords };
}

/** "1. first\n2. second" (the agent's numbered choices) as [index, label] pairs. */
export function numberedOptions(text: string): Array<{ index: number; label: string }> {
  const out: Array<{ index: number; label: string }> = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(\d+)\.\s+(.*)$/.exec(line);
    if (m) out.push({ index: Number(m[1]), label: (m[2] as string).trim() });
  }
  return out;
}
