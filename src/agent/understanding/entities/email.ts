import type { Entity } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { fold } from "./text.ts";
import { allLanguages, once } from "./words/index.ts";

/**
 * Email addresses, typed ("John.Smith@Example.com") or dictated ("john dot smith at example dot com",
 * "j o h n underscore s m i t h arroba gmail punto com", "tiret du huit" for "_"). The value is lower case
 * and always a syntactically valid address, so "at 5 pm" and "look at this dot" are never one.
 */

const TYPED = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

const LOCAL_CHARS = /^[\p{L}\p{N}._%+-]+$/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

export function isValidEmail(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at !== address.indexOf("@")) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || domain.length > 253) return false;
  if (!LOCAL_CHARS.test(local) || local.startsWith(".") || local.endsWith(".") || local.includes(".."))
    return false;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return /^\p{L}{2,}$/u.test(labels[labels.length - 1] as string);
}

function typed(text: string): Entity[] {
  const out: Entity[] = [];
  for (const match of text.matchAll(TYPED)) {
    let raw = match[0];
    let start = match.index;
    // Punctuation the pattern borrowed from the sentence: "(john@x.com).", "mail:-john@x.com".
    const lead = /^[._%+-]+/.exec(raw)?.[0].length ?? 0;
    start += lead;
    raw = raw.slice(lead).replace(/[.-]+$/, "");
    const value = raw.toLowerCase();
    if (isValidEmail(value)) out.push({ type: "email", value, text: raw, start, end: start + raw.length });
  }
  return out;
}

type Kind = "at" | "." | "_" | "-";

interface Chunk {
  start: number;
  end: number;
  /** The chunk without punctuation borrowed from the sentence. */
  core: string;
  norm: string;
}

/** Spoken separators by their first word, longest first, so "tiret bas" is an underscore before "tiret" is a dash. */
const SPOKEN_WORDS = once(() => {
  const byFirst = new Map<string, Array<[string[], Kind]>>();
  const add = (phrases: string[], kind: Kind) => {
    for (const phrase of phrases) {
      const words = fold(phrase).split(/\s+/);
      const list = byFirst.get(words[0] as string) ?? [];
      list.push([words, kind]);
      byFirst.set(words[0] as string, list);
    }
  };
  add(
    allLanguages((w) => w.emailAt),
    "at",
  );
  add(
    allLanguages((w) => w.emailDot),
    ".",
  );
  add(
    allLanguages((w) => w.emailUnderscore),
    "_",
  );
  add(
    allLanguages((w) => w.emailDash),
    "-",
  );
  for (const list of byFirst.values()) list.sort((x, y) => y[0].length - x[0].length);
  return byFirst;
});

const AT_FIRST_WORDS = once(
  () => new Set(allLanguages((w) => w.emailAt).map((p) => fold(p).split(/\s+/)[0] as string)),
);

/** Words that introduce an address and are never its local part: "my email is john at...". */
const NOT_LOCAL = new Set([
  "is",
  "my",
  "email",
  "mail",
  "e-mail",
  "address",
  "ist",
  "lautet",
  "adresse",
  "est",
  "c'est",
  "es",
  "correo",
  "dirección",
  "direccion",
  "indirizzo",
  "adres",
  "me",
  "it's",
  "its",
  "at",
]);

function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const raw = match[0];
    const lead = /^[("'“«¿¡<[]*/.exec(raw)?.[0].length ?? 0;
    const trail = /[)"'”»,;:!?>\]]*\.?[)"'”»,;:!?>\]]*$/.exec(raw.slice(lead))?.[0].length ?? 0;
    const core = raw.slice(lead, raw.length - trail);
    if (core.length === 0) continue;
    const start = match.index + lead;
    out.push({ start, end: start + core.length, core, norm: fold(core) });
  }
  return out;
}

type Separators = Array<{ kind: Kind; length: number } | undefined>;

function separators(cs: Chunk[]): Separators {
  return cs.map((chunk, c) => {
    if (chunk.core === "@") return { kind: "at", length: 1 };
    for (const [words, kind] of SPOKEN_WORDS().get(chunk.norm) ?? []) {
      if (words.every((word, k) => cs[c + k]?.norm === word)) return { kind, length: words.length };
    }
    return undefined;
  });
}

function isAtom(chunk: Chunk | undefined): chunk is Chunk {
  return chunk !== undefined && LOCAL_CHARS.test(chunk.core) && !/^[._%+-]|[._%+-]$/.test(chunk.core);
}

/** One spelled letter or digit ("j o h n"); ASCII only, so the Italian "è" before an address stays a verb. */
const single = (chunk: Chunk | undefined) => chunk !== undefined && /^[a-z0-9]$/i.test(chunk.core);

/** Chunks of a spelled word ("j o h n"), ending at chunk `last` and going left. */
function spelledLeft(cs: Chunk[], seps: Separators, last: number): number {
  let first = last;
  while (first > 0 && single(cs[first - 1]) && seps[first - 1] === undefined) first--;
  return first;
}

/** The local part ending at chunk `last`: atoms joined by separator words, going left. */
function localPart(
  cs: Chunk[],
  seps: Separators,
  last: number,
): { first: number; value: string } | undefined {
  let at = last;
  if (!isAtom(cs[at]) || (!single(cs[at]) && NOT_LOCAL.has(cs[at]?.norm ?? ""))) return undefined;
  const parts: string[] = [];
  for (;;) {
    const first = single(cs[at]) ? spelledLeft(cs, seps, at) : at;
    parts.unshift(
      cs
        .slice(first, at + 1)
        .map((c) => c.core)
        .join(""),
    );
    // A separator word needs an atom before it: "john dot smith".
    const sep = findSeparatorEndingAt(seps, first - 1);
    if (!sep || sep.kind === "at" || !isAtom(cs[sep.start - 1])) return { first, value: parts.join("") };
    parts.unshift(sep.kind);
    at = sep.start - 1;
  }
}

function findSeparatorEndingAt(seps: Separators, last: number): { kind: Kind; start: number } | undefined {
  for (let start = Math.max(0, last - 3); start <= last; start++) {
    const sep = seps[start];
    if (sep && start + sep.length - 1 === last) return { kind: sep.kind, start };
  }
  return undefined;
}

/** The domain starting at chunk `first`, going right; labels joined by "dot" or typed dots. */
function domainPart(
  cs: Chunk[],
  seps: Separators,
  first: number,
): { last: number; value: string } | undefined {
  let at = first;
  let value = "";
  let last = -1;
  for (;;) {
    const chunk = cs[at];
    if (!isAtom(chunk) || seps[at]) break;
    let end = at;
    if (single(chunk)) while (single(cs[end + 1]) && !seps[end + 1]) end++;
    value += cs
      .slice(at, end + 1)
      .map((c) => c.core)
      .join("");
    last = end;
    const sep = seps[end + 1];
    if (!sep || sep.kind === "at" || sep.kind === "_" || !isAtom(cs[end + 1 + sep.length])) break;
    value += sep.kind;
    at = end + 1 + sep.length;
  }
  return last < 0 ? undefined : { last, value };
}

function spoken(a: Analysis): Entity[] {
  const { text } = a;
  const out: Entity[] = [];
  if (!text.includes("@") && !a.tokens.some((t) => AT_FIRST_WORDS().has(t.norm))) return out;
  const cs = chunks(text);
  const seps = separators(cs);
  for (let c = 1; c < cs.length; c++) {
    const at = seps[c];
    if (at?.kind !== "at") continue;
    const local = localPart(cs, seps, c - 1);
    const domain = local && domainPart(cs, seps, c + at.length);
    if (!local || !domain) continue;
    const value = `${local.value}@${domain.value}`.toLowerCase();
    if (!isValidEmail(value)) continue;
    const start = (cs[local.first] as Chunk).start;
    const end = (cs[domain.last] as Chunk).end;
    out.push({ type: "email", value, text: text.slice(start, end), start, end });
    c = domain.last;
  }
  return out;
}

export function extractEmails(a: Analysis): Entity[] {
  const found = typed(a.text);
  const taken = (e: Entity) => found.some((f) => e.start < f.end && f.start < e.end);
  return [...found, ...spoken(a).filter((e) => !taken(e))];
}
