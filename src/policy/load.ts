import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { SwitchboardError } from "../platform/errors.ts";
import {
  ACTIONS,
  type Condition,
  FACT_ROOTS,
  type PolicyPack,
  PolicyPackSchema,
  type Rule,
  type ValueRef,
} from "./pack.ts";

/** A pack that failed validation: every problem, each with the file and the path inside it. */
export class PolicyPackError extends SwitchboardError {
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super("policy_pack_invalid", `Invalid policy pack ${source}:\n  - ${problems.join("\n  - ")}`, {
      details: problems,
    });
    this.problems = problems;
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path)
    out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(top level)";
}

function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    // A union reports its closest branch's issues; show those, they name the real mistake.
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      const first = best[0];
      if (first) return `${formatPath([...issue.path, ...first.path])}: ${first.message}`;
    }
    if (issue.code === "unrecognized_keys") {
      const known =
        issue.path.length === 1 && issue.path[0] === "actions" ? ` (actions are ${ACTIONS.join(", ")})` : "";
      return `${formatPath(issue.path)}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}${known}`;
    }
    return `${formatPath(issue.path)}: ${issue.message}`;
  });
}

/** Checks a shape-valid pack for references: facts, settings, reason codes, rule ids. */
function semanticProblems(pack: PolicyPack): string[] {
  const problems: string[] = [];
  const ruleIds = new Set<string>();

  const checkValue = (value: ValueRef, where: string, scope: "order" | "item") => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if ("setting" in value && !Object.hasOwn(pack.settings, value.setting))
        problems.push(`${where}: unknown setting '${value.setting}'`);
      if ("fact" in value) checkFact(value.fact, where, scope);
    }
  };
  const checkFact = (fact: string, where: string, scope: "order" | "item") => {
    const root = fact.split(".")[0] ?? "";
    if (!(FACT_ROOTS as readonly string[]).includes(root)) {
      problems.push(`${where}: unknown fact '${fact}' (facts start with ${FACT_ROOTS.join(", ")})`);
    } else if (root === "item" && scope !== "item") {
      problems.push(`${where}: 'item' facts are only available in rules with scope: item`);
    }
  };
  const checkCondition = (c: Condition, where: string, scope: "order" | "item") => {
    if ("all" in c) for (const [i, x] of c.all.entries()) checkCondition(x, `${where}.all[${i}]`, scope);
    else if ("any" in c) for (const [i, x] of c.any.entries()) checkCondition(x, `${where}.any[${i}]`, scope);
    else if ("not" in c) checkCondition(c.not, `${where}.not`, scope);
    else {
      checkFact(c.fact, where, scope);
      checkValue(c.value, where, scope);
    }
  };
  const checkReason = (code: string, where: string) => {
    if (!Object.hasOwn(pack.reasons, code))
      problems.push(`${where}: reason '${code}' is not declared under reasons`);
  };
  const checkRule = (rule: Rule, where: string) => {
    if (ruleIds.has(rule.id)) problems.push(`${where}.id: rule id '${rule.id}' is used twice`);
    ruleIds.add(rule.id);
    if ("require" in rule) {
      checkCondition(rule.require, `${where}.require`, rule.scope);
      checkReason(rule.else, `${where}.else`);
    } else if ("deny" in rule) {
      checkCondition(rule.when, `${where}.when`, rule.scope);
      checkReason(rule.deny, `${where}.deny`);
    } else {
      if (rule.when) checkCondition(rule.when, `${where}.when`, rule.scope);
      const fee = rule.obligation.feePercent;
      if (fee !== undefined && typeof fee === "object")
        checkValue(fee, `${where}.obligation.feePercent`, rule.scope);
      if (rule.obligation.approval) checkReason(rule.obligation.approval, `${where}.obligation.approval`);
      if (rule.obligation.feeCode) checkReason(rule.obligation.feeCode, `${where}.obligation.feeCode`);
      if (
        (rule.obligation.feePercent !== undefined || rule.obligation.feeMinor !== undefined) &&
        !rule.obligation.feeCode
      ) {
        problems.push(`${where}.obligation: a fee needs a feeCode naming it to the customer`);
      }
    }
    for (const [name, value] of Object.entries(rule.params ?? {}))
      checkValue(value, `${where}.params.${name}`, rule.scope);
  };

  for (const [i, rule] of pack.conversation.entries()) checkRule(rule, `conversation[${i}]`);
  for (const [action, def] of Object.entries(pack.actions)) {
    for (const [i, rule] of (def?.rules ?? []).entries()) checkRule(rule, `actions.${action}.rules[${i}]`);
  }
  return problems;
}

/** Validates a parsed pack; `source` names it in errors (a file path or "inline"). */
export function parsePolicyPack(raw: unknown, source = "inline"): PolicyPack {
  let parsed: ReturnType<typeof PolicyPackSchema.safeParse>;
  let problems: string[];
  try {
    parsed = PolicyPackSchema.safeParse(raw);
    problems = parsed.success ? semanticProblems(parsed.data) : zodProblems(parsed.error);
  } catch (error) {
    // Conditions nest, so validation recurses: a YAML alias inside its own anchor, or hundreds of levels.
    if (!(error instanceof RangeError)) throw error;
    throw new PolicyPackError(source, [
      "(top level): nested too deep, or an alias refers to a node that contains it",
    ]);
  }
  if (!parsed.success || problems.length > 0) throw new PolicyPackError(source, problems);
  return parsed.data;
}

export function loadPolicyPack(file: string): PolicyPack {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new PolicyPackError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new PolicyPackError(
      file,
      doc.errors.map((e) => `line ${e.linePos?.[0]?.line ?? "?"}: ${e.message.split("\n")[0]}`),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    // The yaml library refuses alias bombs (billion laughs) here.
    throw new PolicyPackError(file, [`cannot read the YAML: ${(error as Error).message}`]);
  }
  return parsePolicyPack(raw, file);
}
