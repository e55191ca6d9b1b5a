import type { CatalogTerms, Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { allowedEdits, similarity, stem } from "./fuzzy.ts";
import { crossesSentence, fold, type Token, tokenize } from "./text.ts";
import { allLanguages, once } from "./words/index.ts";

/**
 * Product names and option values from the store's catalog, matched in the message tolerating typos and
 * plurals ("keyboards", "the kettel", "lether"). Catalog names are English and matched as written; a
 * head noun alone names the product ("the kettle" is the Electric Kettle and the Tea Kettle), a modifier
 * alone does not ("electric"). The index is built once per catalog object.
 *
 * fuse.js was measured against this job: one query over the 363 words of the reference catalog takes about
 * 0.3 ms, so querying it per word of a message would blow the sub-millisecond budget. Candidates are found
 * instead through an index by first letter and an edit distance with an early exit.
 */

const MIN_PRODUCT_SCORE = 0.6;

interface Term<T> {
  /** Folded, singular. */
  words: string[];
  /** joined[k]: the catalog writes words k and k+1 together ("1000ml", "i7", "4K"). */
  joined: boolean[];
  payload: T;
}

interface Candidate {
  word: string;
  sim: number;
}

/** A memo per index keeps repeated typos cheap; bounded so a long-running process does not grow it forever. */
const MEMO_LIMIT = 5000;

class TermIndex<T> {
  readonly terms: Term<T>[] = [];
  private readonly occurrences = new Map<string, Array<{ term: number; pos: number }>>();
  private readonly byInitial = new Map<string, string[]>();
  private readonly memo = new Map<string, Candidate[]>();

  add(text: string, payload: T): void {
    const tokens = tokenize(text);
    if (tokens.length === 0) return;
    const term: Term<T> = {
      words: tokens.map((t) => stem(t.norm)),
      joined: tokens.slice(1).map((t, k) => t.start === (tokens[k] as Token).end),
      payload,
    };
    const id = this.terms.push(term) - 1;
    term.words.forEach((word, pos) => {
      let list = this.occurrences.get(word);
      if (!list) {
        list = [];
        this.occurrences.set(word, list);
        if (word.length >= 5 && /^\p{L}+$/u.test(word)) {
          const initial = word[0] as string;
          this.byInitial.set(initial, [...(this.byInitial.get(initial) ?? []), word]);
        }
      }
      list.push({ term: id, pos });
    });
  }

  at(word: string): ReadonlyArray<{ term: number; pos: number }> {
    return this.occurrences.get(word) ?? [];
  }

  /** The index's words a text word may be: itself, or a close spelling when `fuzzy`. */
  candidates(word: string, fuzzy: boolean): Candidate[] {
    const exact = this.occurrences.has(word) ? [{ word, sim: 1 }] : [];
    if (!fuzzy || allowedEdits(word.length) === 0) return exact;
    const memoised = this.memo.get(word);
    if (memoised) return memoised;
    const out = [...exact];
    for (const other of this.byInitial.get(word[0] as string) ?? []) {
      if (other === word || Math.abs(other.length - word.length) > 2) continue;
      const sim = similarity(word, other);
      if (sim > 0) out.push({ word: other, sim });
    }
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(word, out);
    return out;
  }
}

/** Words that are never fuzzy-matched: function words of the six languages and near-misses of catalog words. */
const NOT_FUZZY = once(
  () =>
    new Set(
      [
        ...allLanguages((w) => w.stopwords),
        ...[
          "table",
          "tables",
          "match",
          "later",
          "layer",
          "weather",
          "charged",
          "cleaned",
          "shipped",
          "ordered",
        ],
      ].map(fold),
    ),
);

interface TermMatch<T> {
  term: Term<T>;
  /** Word range of the term that matched. */
  from: number;
  to: number;
  /** Token range in the message. */
  tokenFrom: number;
  tokenTo: number;
  sims: number[];
}

function gapFits(text: string, left: Token, right: Token, joined: boolean): boolean {
  const gap = text.slice(left.end, right.start);
  if (joined) {
    // "1000ml" may be written "1000 ml", "128GB" as "128 GB"; "i7" and "A4" stay together.
    if (left.num && !right.num && right.text.length > 1) return gap === "" || gap === " ";
    return gap === "" || gap === "-";
  }
  return gap.length <= 3 && /^[ \t]*[-–_/+&]?[ \t]*$/.test(gap) && !crossesSentence(gap);
}

interface Stemmed {
  word: string;
  fuzzy: boolean;
}

const stemCache = new WeakMap<Analysis, Stemmed[]>();

/** The message's words as catalog terms are keyed, once per message (products, options and order lines). */
function stemmed(a: Analysis): Stemmed[] {
  let words = stemCache.get(a);
  if (!words) {
    words = a.tokens.map((t) => ({
      word: stem(t.norm),
      fuzzy: !t.num && t.norm.length >= 5 && !NOT_FUZZY().has(t.norm),
    }));
    stemCache.set(a, words);
  }
  return words;
}

/** Every place where consecutive words of a term appear in the message, in order. */
function findTerms<T>(a: Analysis, index: TermIndex<T>): TermMatch<T>[] {
  const { tokens, text } = a;
  const cands = stemmed(a).map((w) => index.candidates(w.word, w.fuzzy));
  const out: TermMatch<T>[] = [];
  for (let j = 0; j < tokens.length; j++) {
    // A match may not start inside a word ("W2378156" holds no "2").
    if (j > 0 && (tokens[j - 1] as Token).end === (tokens[j] as Token).start) continue;
    for (const c of cands[j] as Candidate[]) {
      for (const occ of index.at(c.word)) {
        const term = index.terms[occ.term] as Term<T>;
        const sims = [c.sim];
        let k = 1;
        while (occ.pos + k < term.words.length && j + k < tokens.length) {
          const left = tokens[j + k - 1] as Token;
          const right = tokens[j + k] as Token;
          if (!gapFits(text, left, right, term.joined[occ.pos + k - 1] as boolean)) break;
          const wanted = term.words[occ.pos + k];
          const sim = (cands[j + k] as Candidate[]).find((x) => x.word === wanted)?.sim;
          if (!sim) break;
          sims.push(sim);
          k++;
        }
        const last = tokens[j + k - 1] as Token;
        const after = tokens[j + k];
        // Nor end inside one: the puzzle's "1000" pieces are not in "1000ml".
        if (after && after.start === last.end) continue;
        out.push({ term, from: occ.pos, to: occ.pos + k, tokenFrom: j, tokenTo: j + k, sims });
      }
    }
  }
  return out;
}

// --- products ---

interface ProductPayload {
  product: number;
  /** "tshirt" for "T-Shirt", "smartwatch" for "Smart Watch": a whole-name spelling in one word. */
  compound: boolean;
  /** A customer's word for it ("bouilloire à thé"): counts only when matched whole, never by a part ("thé"). */
  alias?: boolean;
}

/** Head nouns too generic to name a product alone: "set" (Luggage Set), "kit" (Makeup Kit). */
const GENERIC_HEADS = new Set(["set", "kit", "maker", "pack", "machine", "light"]);

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** 1 for the whole name as written; a head noun alone scores 0.5 plus half its share of the name. */
function productScore(match: TermMatch<ProductPayload>): number | undefined {
  const k = match.term.words.length;
  if (match.term.payload.alias) return match.from === 0 && match.to === k ? mean(match.sims) : undefined;
  if (match.term.payload.compound || (match.from === 0 && match.to === k)) return mean(match.sims);
  if (match.to !== k) return undefined;
  const head = match.term.words[k - 1] as string;
  if (match.to - match.from === 1 && (head.length < 4 || GENERIC_HEADS.has(head))) return undefined;
  return 0.5 + (0.5 * match.sims.reduce((s, x) => s + x, 0)) / k;
}

export interface CatalogIndex {
  catalog: CatalogTerms;
  products: TermIndex<ProductPayload>;
  options: TermIndex<OptionPayload>;
}

// --- option values ---

interface OptionPayload {
  /** The catalog's spelling. */
  value: string;
  /** Option names this value appears under, by folded name. */
  optionNames: Map<string, string>;
  /** Per product id: the option names this value appears under for that product. */
  byProduct: Map<string, Set<string>>;
  /** Needs context to count: one letter ("S", "M", "L"), bare digits ("10", "1000"), or yes/no/none. */
  weak: boolean;
}

const WEAK_VALUES = new Set(["yes", "no", "none"]);

function isWeakValue(value: string): boolean {
  const v = value.trim();
  return /^\p{L}$/u.test(v) || /^\d+$/.test(v) || WEAK_VALUES.has(v.toLowerCase());
}

const cache = new WeakMap<CatalogTerms, CatalogIndex>();

export function catalogIndex(catalog: CatalogTerms): CatalogIndex {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const products = new TermIndex<ProductPayload>();
  const values = new Map<string, OptionPayload>();
  catalog.products.forEach((product, i) => {
    products.add(product.name, { product: i, compound: false });
    const words = tokenize(product.name).map((t) => t.norm);
    if (words.length > 1 && words.join("").length >= 4)
      products.add(words.join(""), { product: i, compound: true });
    // Customers' own words for it, in any language: a whole alias names the product.
    for (const alias of product.aliases ?? [])
      products.add(alias, { product: i, compound: false, alias: true });
    for (const [option, list] of Object.entries(product.options ?? {})) {
      for (const value of list ?? []) {
        if (typeof value !== "string" || value.trim() === "") continue;
        const key = tokenize(value)
          .map((t) => stem(t.norm))
          .join(" ");
        if (key === "") continue;
        let payload = values.get(key);
        if (!payload) {
          payload = { value, optionNames: new Map(), byProduct: new Map(), weak: isWeakValue(value) };
          values.set(key, payload);
        }
        payload.optionNames.set(fold(option), payload.optionNames.get(fold(option)) ?? option);
        const names = payload.byProduct.get(product.id) ?? new Set<string>();
        names.add(option);
        payload.byProduct.set(product.id, names);
      }
    }
  });
  const options = new TermIndex<OptionPayload>();
  for (const payload of values.values()) {
    options.add(payload.value, payload);
    // "rot", "la negra": the customer's word for a value points at the catalogue's spelling.
    for (const alias of catalog.optionAliases?.[payload.value] ?? []) options.add(alias, payload);
  }
  const index = { catalog, products, options };
  cache.set(catalog, index);
  return index;
}

export interface ProductHit {
  product: number;
  score: number;
  tokenFrom: number;
  tokenTo: number;
}

/** Best reading per product and span, scored; below MIN_PRODUCT_SCORE dropped. */
export function productHits(a: Analysis, index: CatalogIndex): ProductHit[] {
  const best = new Map<string, ProductHit>();
  for (const m of findTerms(a, index.products)) {
    const score = productScore(m);
    if (score === undefined || score < MIN_PRODUCT_SCORE) continue;
    const hit = { product: m.term.payload.product, score, tokenFrom: m.tokenFrom, tokenTo: m.tokenTo };
    const key = `${hit.product}:${hit.tokenFrom}:${hit.tokenTo}`;
    const previous = best.get(key);
    if (!previous || previous.score < score) best.set(key, hit);
  }
  // A reading inside a longer one goes: "keyboard" inside "mechanical keyboard", and the Tea Kettle's
  // "kettle" inside "electric kettle".
  const hits = [...best.values()];
  return hits.filter(
    (h) =>
      !hits.some(
        (o) =>
          o.tokenFrom <= h.tokenFrom &&
          o.tokenTo >= h.tokenTo &&
          o.tokenTo - o.tokenFrom > h.tokenTo - h.tokenFrom,
      ),
  );
}

const SIZE_WORDS = once(() => new Set(allLanguages((w) => w.sizeWords).map(fold)));

/** "size L", "Größe: M", "1000 pieces": what lets a one-letter or bare-number value count. */
function weakValueBacked(a: Analysis, m: TermMatch<OptionPayload>): boolean {
  const { tokens, text } = a;
  // "L" or "10" may be the whole answer; "yes" and "no" as the whole answer are answers, not options.
  const answerWord = WEAK_VALUES.has(m.term.payload.value.toLowerCase());
  if (!answerWord && m.tokenFrom === 0 && m.tokenTo === tokens.length) return true;
  const before = tokens[m.tokenFrom - 1];
  const first = tokens[m.tokenFrom] as Token;
  const optionWords = new Set(
    [...m.term.payload.optionNames.keys()].flatMap((name) => name.split(/\s+/)).flatMap((w) => [w, stem(w)]),
  );
  if (before && /^[ \t]*:?[ \t]*$/.test(text.slice(before.end, first.start))) {
    if (SIZE_WORDS().has(before.norm) || optionWords.has(before.norm)) return true;
  }
  const last = tokens[m.tokenTo - 1] as Token;
  const after = tokens[m.tokenTo];
  return (
    after !== undefined &&
    /^[ \t]+$/.test(text.slice(last.end, after.start)) &&
    optionWords.has(stem(after.norm))
  );
}

export interface OptionHit {
  payload: OptionPayload;
  score: number;
  tokenFrom: number;
  tokenTo: number;
}

export function optionHits(a: Analysis, index: CatalogIndex): OptionHit[] {
  const out: OptionHit[] = [];
  for (const m of findTerms(a, index.options)) {
    if (m.from !== 0 || m.to !== m.term.words.length) continue;
    if (m.term.payload.weak && !weakValueBacked(a, m)) continue;
    const hit = { payload: m.term.payload, score: mean(m.sims), tokenFrom: m.tokenFrom, tokenTo: m.tokenTo };
    // One value per span: "bleu marine" is navy, not also blue; "space grey" is not also grey.
    if (
      out.some((o) => o.tokenFrom === hit.tokenFrom && o.tokenTo === hit.tokenTo && o.payload === hit.payload)
    )
      continue;
    out.push(hit);
  }
  return out.filter(
    (h) =>
      !out.some(
        (o) =>
          o.tokenFrom <= h.tokenFrom &&
          o.tokenTo >= h.tokenTo &&
          o.tokenTo - o.tokenFrom > h.tokenTo - h.tokenFrom,
      ),
  );
}

function spanOf(
  a: Analysis,
  tokenFrom: number,
  tokenTo: number,
): { text: string; start: number; end: number } {
  const start = (a.tokens[tokenFrom] as Token).start;
  const end = (a.tokens[tokenTo - 1] as Token).end;
  return { text: a.text.slice(start, end), start, end };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function extractProducts(a: Analysis): Entity[] {
  const catalog = a.context.catalog;
  if (!catalog?.products?.length) return [];
  const index = catalogIndex(catalog);
  return productHits(a, index).map((h) => {
    const product = catalog.products[h.product] as CatalogTerms["products"][number];
    return {
      type: "product",
      value: { productId: product.id, name: product.name, score: round(h.score) },
      ...spanOf(a, h.tokenFrom, h.tokenTo),
    };
  });
}

/** The option a value belongs to: the one it has for a product named in the message, else its only one. */
function optionName(payload: OptionPayload, productIds: string[]): string | undefined {
  const named = new Map<string, string>();
  for (const id of productIds)
    for (const name of payload.byProduct.get(id) ?? []) named.set(fold(name), name);
  if (named.size === 1) return [...named.values()][0];
  return payload.optionNames.size === 1 ? [...payload.optionNames.values()][0] : undefined;
}

export function extractOptionValues(a: Analysis, productIds: string[]): Entity[] {
  const catalog = a.context.catalog;
  if (!catalog?.products?.length) return [];
  return optionHits(a, catalogIndex(catalog)).map((h) => {
    const option = optionName(h.payload, productIds);
    return {
      type: "option_value",
      value: { ...(option !== undefined ? { option } : {}), value: h.payload.value, score: round(h.score) },
      ...spanOf(a, h.tokenFrom, h.tokenTo),
    };
  });
}
