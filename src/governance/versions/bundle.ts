import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parseDocument } from "yaml";
import { digest } from "../../platform/canonical-json.ts";
import { SwitchboardError } from "../../platform/errors.ts";

/**
 * An agent definition as published: every file of its directory (agent.yaml, the policy pack,
 * messages, utterances, names, conversation tests), by relative path. What was published is what runs.
 */
export interface Bundle {
  files: Record<string, string>;
}

const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;

export function readBundle(dir: string): Bundle {
  const root = resolve(dir);
  const files: Record<string, string> = {};
  let bytes = 0;
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      if (name.startsWith(".")) continue;
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const text = readFileSync(path, "utf8");
        bytes += text.length;
        if (bytes > MAX_BUNDLE_BYTES)
          throw new SwitchboardError("agent_invalid", `The agent directory ${root} is larger than 20 MB`);
        files[relative(root, path).split(sep).join("/")] = text;
      }
    }
  };
  walk(root);
  if (!files["agent.yaml"]) throw new SwitchboardError("agent_invalid", `No agent.yaml in ${root}`);
  bringInShared(root, files);
  return { files };
}

/** agent.yaml keys that name files or directories the agent may share with another agent. */
const SHARED_PATHS = ["policy", "utterances", "productNames", "optionNames"] as const;

/**
 * Files agent.yaml takes from outside its directory (tau-retail uses the default agent's utterances)
 * are copied into the bundle under shared/ and agent.yaml points there, so a version carries all it runs.
 */
function bringInShared(root: string, files: Record<string, string>): void {
  const doc = parseDocument(files["agent.yaml"] as string);
  let changed = false;
  for (const key of SHARED_PATHS) {
    const value = doc.get(key);
    if (typeof value !== "string") continue;
    const source = resolve(root, value);
    if (source === root || source.startsWith(root + sep) || !existsSync(source)) continue;
    const target = `shared/${key}`;
    if (statSync(source).isDirectory()) {
      for (const name of readdirSync(source).sort())
        if (!name.startsWith(".") && statSync(join(source, name)).isFile())
          files[`${target}/${name}`] = readFileSync(join(source, name), "utf8");
      doc.set(key, target);
    } else {
      files[`${target}/${basename(source)}`] = readFileSync(source, "utf8");
      doc.set(key, `${target}/${basename(source)}`);
    }
    changed = true;
  }
  if (changed) files["agent.yaml"] = doc.toString();
}

export function bundleDigest(bundle: Bundle): string {
  return digest(bundle.files);
}

/** Writes the bundle into `dir` (which must be empty or new), refusing paths that leave it. */
export function writeBundle(bundle: Bundle, dir: string): string {
  const root = resolve(dir);
  for (const [path, text] of Object.entries(bundle.files)) {
    const target = resolve(root, path);
    if (!target.startsWith(root + sep))
      throw new SwitchboardError("agent_invalid", `Bad bundle path ${path}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return root;
}

/** Files added, removed and changed between two bundles, with a line diff of each changed file. */
export function diffBundles(
  from: Bundle,
  to: Bundle,
): { path: string; change: "added" | "removed" | "changed"; lines: string[] }[] {
  const paths = [...new Set([...Object.keys(from.files), ...Object.keys(to.files)])].sort();
  const out: { path: string; change: "added" | "removed" | "changed"; lines: string[] }[] = [];
  for (const path of paths) {
    const a = from.files[path];
    const b = to.files[path];
    if (a === b) continue;
    if (a === undefined) out.push({ path, change: "added", lines: [] });
    else if (b === undefined) out.push({ path, change: "removed", lines: [] });
    else out.push({ path, change: "changed", lines: lineDiff(a.split("\n"), b.split("\n")) });
  }
  return out;
}

/** A minimal line diff (longest common subsequence), enough for reviewing policy and message edits. */
function lineDiff(a: string[], b: string[]): string[] {
  if (a.length * b.length > 4_000_000) return [`- (${a.length} lines)`, `+ (${b.length} lines)`];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, (lcs[i] as number[])[j + 1] as number);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number))
      out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  while (i < a.length) out.push(`- ${a[i++]}`);
  while (j < b.length) out.push(`+ ${b[j++]}`);
  return out;
}
