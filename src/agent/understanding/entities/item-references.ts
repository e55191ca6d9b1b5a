import type { CatalogTerms, Entity, EntityContext } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { type CatalogIndex, catalogIndex, optionHits, productHits } from "./catalog.ts";
import { stem } from "./fuzzy.ts";
import { fold, type Token, tokenize } from "./text.ts";

/**
 * Which lines of the order the customer means: "the second one", "the last one", "both", "all of them",
 * "the keyboard" (every keyboard line), "the red one" (lines with red among their options), and
 * combinations ("the second red one", "both kettles"). One entity per reference; a message naming two
 * things ("the keyboard and the kettle") has two.
 */

type OrderItems = NonNullable<EntityContext["orderItems"]>;

interface ItemsIndex {
  index: CatalogIndex;
  lineIds: string[];
  /** Line ids per pseudo-product (one per distinct item name). */
  linesByName: string[][];
  /** Per line, its option values as match keys. */
  valueKeys: Map<string, Set<string>>;
}

const valueKey = (value: string) =>
  tokenize(value)
    .map((t) => stem(t.norm))
    .join(" ");

const cache = new WeakMap<OrderItems, ItemsIndex>();

function itemsIndex(items: OrderItems): ItemsIndex {
  const cached = cache.get(items);
  if (cached) return cached;
  const byName = new Map<string, number>();
  const catalog: CatalogTerms = { products: [] };
  const linesByName: string[][] = [];
  const valueKeys = new Map<string, Set<string>>();
  for (const line of items) {
    const key = fold(line.name ?? "").trim();
    let n = byName.get(key);
    if (n === undefined) {
      n = catalog.products.push({ id: key, name: line.name ?? "", options: {} }) - 1;
      byName.set(key, n);
      linesByName.push([]);
    }
    (linesByName[n] as string[]).push(line.lineId);
    const product = catalog.products[n] as CatalogTerms["products"][number];
    const keys = new Set<string>();
    for (const [option, value] of Object.entries(line.options ?? {})) {
      if (typeof value !== "string") continue;
      product.options[option] = [...(product.options[option] ?? []), value];
      keys.add(valueKey(value));
    }
    valueKeys.set(line.lineId, keys);
  }
  const built = { index: catalogIndex(catalog), lineIds: items.map((l) => l.lineId), linesByName, valueKeys };
  cache.set(items, built);
  return built;
}

interface Mention {
  start: number;
  end: number;
  tokenFrom: number;
  tokenTo: number;
  /** Lines the words name; undefined for ordinals and quantifiers, which pick from the others. */
  lines?: Set<string>;
  ordinal?: number;
  quantifier?: "all" | "both" | "none";
}

function tokenRange(
  tokens: readonly Token[],
  start: number,
  end: number,
): { tokenFrom: number; tokenTo: number } {
  // The first token ending after `start`.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end > start) hi = mid;
    else lo = mid + 1;
  }
  const tokenFrom = lo;
  let tokenTo = tokenFrom;
  while (tokenTo < tokens.length && (tokens[tokenTo] as Token).start < end) tokenTo++;
  return { tokenFrom, tokenTo };
}

const CONJUNCTIONS = new Set([
  "and",
  "und",
  "et",
  "y",
  "e",
  "en",
  "or",
  "oder",
  "ou",
  "o",
  "of",
  "but",
  "plus",
]);

function mentions(a: Analysis, items: ItemsIndex, resolved: Entity[]): Mention[] {
  const out: Mention[] = [];
  // Characters other entities hold: an email's or a name's words refer to no order line.
  const taken = new Uint8Array(a.text.length);
  for (const e of resolved) {
    if (["product", "option_value", "ordinal", "quantifier", "number"].includes(e.type)) continue;
    taken.fill(1, e.start, e.end);
  }
  const free = (start: number, end: number) => taken.subarray(start, end).every((x) => x === 0);
  const span = (tokenFrom: number, tokenTo: number) => ({
    start: (a.tokens[tokenFrom] as Token).start,
    end: (a.tokens[tokenTo - 1] as Token).end,
    tokenFrom,
    tokenTo,
  });
  // Products named by several item names on the same words ("kettle": two kinds of kettle) add up.
  const byWords = new Map<string, Mention>();
  for (const hit of productHits(a, items.index)) {
    const key = `${hit.tokenFrom}:${hit.tokenTo}`;
    const mention = byWords.get(key) ?? { ...span(hit.tokenFrom, hit.tokenTo), lines: new Set<string>() };
    for (const id of items.linesByName[hit.product] ?? []) mention.lines?.add(id);
    byWords.set(key, mention);
  }
  for (const hit of optionHits(a, items.index)) {
    const key = `${hit.tokenFrom}:${hit.tokenTo}`;
    if (byWords.has(key)) continue;
    const wanted = valueKey(hit.payload.value);
    const lines = new Set(items.lineIds.filter((id) => items.valueKeys.get(id)?.has(wanted)));
    byWords.set(key, { ...span(hit.tokenFrom, hit.tokenTo), lines });
  }
  // A catalog option the order lines do not have still narrows: "the blue keyboard" is no keyboard here.
  for (const e of resolved) {
    if (e.type !== "option_value") continue;
    const range = tokenRange(a.tokens, e.start, e.end);
    const key = `${range.tokenFrom}:${range.tokenTo}`;
    if (byWords.has(key)) continue;
    const wanted = valueKey(e.value.value);
    byWords.set(key, {
      start: e.start,
      end: e.end,
      ...range,
      lines: new Set(items.lineIds.filter((id) => items.valueKeys.get(id)?.has(wanted))),
    });
  }
  out.push(...byWords.values());
  for (const e of resolved) {
    if (e.type === "ordinal")
      out.push({ start: e.start, end: e.end, ...tokenRange(a.tokens, e.start, e.end), ordinal: e.value });
    if (e.type === "quantifier")
      out.push({ start: e.start, end: e.end, ...tokenRange(a.tokens, e.start, e.end), quantifier: e.value });
  }
  // Shorter mentions inside longer ones go ("keyboard" inside "mechanical keyboard"). Longest first; the
  // character map spares the search for mentions that no kept one covers.
  const kept: Mention[] = [];
  const covered = new Uint8Array(a.text.length);
  const longestFirst = out
    .filter((x) => free(x.start, x.end))
    .sort((x, y) => y.end - y.start - (x.end - x.start));
  for (const m of longestFirst) {
    const inside =
      covered[m.start] === 1 &&
      covered[m.end - 1] === 1 &&
      kept.some((k) => k.start <= m.start && k.end >= m.end && k.end - k.start > m.end - m.start);
    if (inside) continue;
    kept.push(m);
    covered.fill(1, m.start, m.end);
  }
  return kept.sort((x, y) => x.start - y.start);
}

/** Mentions next to each other describe one thing: "the second red one", "both kettles". */
function groups(a: Analysis, list: Mention[]): Mention[][] {
  const out: Mention[][] = [];
  for (const m of list) {
    const current = out[out.length - 1];
    const previous = current?.[current.length - 1];
    if (current && previous && m.tokenFrom >= previous.tokenTo && m.tokenFrom - previous.tokenTo <= 1) {
      const between = a.tokens.slice(previous.tokenTo, m.tokenFrom);
      const gapText = a.text.slice(previous.end, m.start);
      if (!/[,.;:!?]/.test(gapText) && !between.some((t) => CONJUNCTIONS.has(t.norm))) {
        current.push(m);
        continue;
      }
    }
    out.push([m]);
  }
  return out;
}

function resolveGroup(items: ItemsIndex, group: Mention[]): string[] {
  let candidates = items.lineIds;
  const named = group.filter((m) => m.lines);
  for (const m of named) candidates = candidates.filter((id) => m.lines?.has(id));
  let picked: string[] | undefined = named.length > 0 ? candidates : undefined;
  for (const m of group) {
    if (m.ordinal !== undefined) {
      const index = m.ordinal > 0 ? m.ordinal - 1 : candidates.length + m.ordinal;
      const id = candidates[index];
      picked = id === undefined ? [] : [id];
    } else if (m.quantifier === "all") picked = candidates;
    else if (m.quantifier === "both") picked = candidates.length === 2 ? candidates : [];
    else if (m.quantifier === "none") picked = [];
  }
  return [...new Set(picked ?? [])];
}

export function extractItemReferences(a: Analysis, resolved: Entity[]): Entity[] {
  const orderItems = a.context.orderItems;
  if (!orderItems?.length) return [];
  const items = itemsIndex(orderItems);
  const out: Entity[] = [];
  for (const group of groups(a, mentions(a, items, resolved))) {
    const lineIds = resolveGroup(items, group);
    if (lineIds.length === 0) continue;
    const start = (group[0] as Mention).start;
    const end = (group[group.length - 1] as Mention).end;
    out.push({ type: "item_reference", value: { lineIds }, text: a.text.slice(start, end), start, end });
  }
  return out;
}
