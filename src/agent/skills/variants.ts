import type { OrderItem, Product, Variant } from "../../commerce/index.ts";
import type { Turn } from "../dialogue/turn.ts";
import { type MessageParam, variant as variantParam } from "../responses/params.ts";

/**
 * Picks the variant the customer asks for: every option value they named must match; options they
 * did not mention stay as on their current item where possible. Ambiguity is returned, not guessed.
 */
/** An option value the customer asked for; `said` groups alternative readings of the same words. */
export interface WantedOption {
  option?: string;
  value: string;
  said?: string;
}

export function pickVariant(
  product: Product,
  current: OrderItem,
  wanted: WantedOption[],
): { match: Variant } | { candidates: Variant[] } | { none: true } {
  const alternatives = product.variants.filter((v) => v.id !== current.variantId && v.available);
  if (wanted.length === 0) return { candidates: alternatives };
  const lower = (s: string) => s.toLowerCase();
  // "medium" read as another product's option (a lamp's brightness) still means this product's size.
  const names = new Set(product.variants.flatMap((v) => Object.keys(v.options).map(lower)));
  wanted = wanted.map((w) => (w.option && !names.has(lower(w.option)) ? { value: w.value } : w));
  const groups = new Map<string, WantedOption[]>();
  wanted.forEach((w, i) => {
    const key = w.said ?? `#${i}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  });
  const has = (v: Variant, w: WantedOption) =>
    Object.entries(v.options).some(
      ([name, value]) => lower(value) === lower(w.value) && (!w.option || lower(w.option) === lower(name)),
    );
  const fits = alternatives.filter((v) =>
    [...groups.values()].every((group) => group.some((w) => has(v, w))),
  );
  if (fits.length === 0) return { none: true };
  const kept = (v: Variant) =>
    Object.entries(current.options).filter(([name, value]) => v.options[name] === value).length;
  const best = Math.max(...fits.map(kept));
  const top = fits.filter((v) => kept(v) === best);
  return top.length === 1 ? { match: top[0] as Variant } : { candidates: top };
}

/** What distinguishes a variant from the customer's item: "size L, color red". */
export function variantDifference(current: OrderItem, variant: Variant): MessageParam {
  const diff = Object.entries(variant.options).filter(([name, value]) => current.options[name] !== value);
  return variantParam(diff.length > 0 ? diff : Object.entries(variant.options));
}

/**
 * Options the customer named without a value: "for another colour", "eine andere Größe". Matched as whole
 * words in any of the agent's languages (the catalogue's option name, or its names in option-names.yaml).
 */
export function namedOptions(
  said: string,
  product: Product,
  labels: Record<string, string[]> = {},
): string[] {
  const text = said.toLocaleLowerCase();
  const names = new Set(product.variants.flatMap((v) => Object.keys(v.options)));
  return [...names].filter((name) =>
    [name, ...(labels[name] ?? [])].some((word) =>
      new RegExp(`(^|[^\\p{L}])${escapeRegExp(word.toLocaleLowerCase())}([^\\p{L}]|$)`, "u").test(text),
    ),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function wantedOptions(turn: Turn): WantedOption[] {
  const found = turn.understanding?.entities.filter((e) => e.type === "option_value") ?? [];
  return found.map((e) => {
    const o = e.value as { option?: string; value: string };
    // Readings of the same words ("grey" as grey or gray) are alternatives, not two wishes.
    const said = `${turn.state.turns}:${e.start}`;
    return o.option ? { option: o.option, value: o.value, said } : { value: o.value, said };
  });
}
