import type { Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { PhraseTrie } from "./phrases.ts";
import type { Token } from "./text.ts";
import { perLanguage, type Quantifier } from "./words/index.ts";

/**
 * "all", "both", "none" in the message's language: "all of them", "tous les deux", "tutti e due",
 * "allebei", "keins davon". Idioms built on the same words ("all right", "pas du tout", "alles klar",
 * "geen idee") are not quantifiers.
 */

type Entry = { quantifier: Quantifier; bound: boolean } | { blocked: true };

const trie = perLanguage((words) => {
  const t = new PhraseTrie<Entry>();
  for (const p of words.quantifierBlockers) t.add(p, { blocked: true });
  for (const [p, q] of words.quantifiers) t.add(p, { quantifier: q, bound: false });
  for (const [p, q] of words.boundQuantifiers) t.add(p, { quantifier: q, bound: true });
  return t;
});

export function extractQuantifiers(a: Analysis): Entity[] {
  const out: Entity[] = [];
  const { tokens, text } = a;
  for (const m of trie(a.language).scan(tokens, text)) {
    if ("blocked" in m.value) continue;
    const last = tokens[m.end - 1] as Token;
    const next = tokens[m.end];
    // "Keine." answers "which ones?"; "keine Ahnung", "geen tijd" are determiners.
    if (m.value.bound && next && !/[,.!?;:]/.test(text.slice(last.end, next.start))) continue;
    const start = (tokens[m.start] as Token).start;
    out.push({
      type: "quantifier",
      value: m.value.quantifier,
      text: text.slice(start, last.end),
      start,
      end: last.end,
    });
  }
  return out;
}
