import IntlMessageFormat from "intl-messageformat";
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import type { Decision, DecisionReason, Fee, ItemDecision, Obligations } from "./decision.ts";
import { EU_REGIONS, type ItemFacts, type PolicyFacts } from "./facts.ts";
import type { Condition, PolicyAction, PolicyPack, Rule, Setting, ValueRef } from "./pack.ts";

/** Reasons the engine itself gives, beside the pack's own. */
const BUILT_IN_REASONS: Record<string, string> = {
  action_not_allowed: "This change is not something the store's policy lets me make.",
};

type RuleEvent = { type: "deny" | "obligation"; params: { index: number } };

function resolvePath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || current === undefined || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function splitFact(path: string): { fact: string; path?: string } {
  const dot = path.indexOf(".");
  return dot < 0 ? { fact: path } : { fact: path.slice(0, dot), path: path.slice(dot + 1) };
}

function compileValue(value: ValueRef): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if ("setting" in value) return { fact: "settings", path: value.setting };
    return splitFact(value.fact);
  }
  return value;
}

function compileCondition(c: Condition): NestedCondition {
  if ("all" in c) return { all: c.all.map(compileCondition) };
  if ("any" in c) return { any: c.any.map(compileCondition) };
  if ("not" in c) return { not: compileCondition(c.not) };
  const operator = c.operator === "containsAnyOf" ? "someFact:in" : c.operator;
  return { ...splitFact(c.fact), operator, value: compileValue(c.value) } as NestedCondition;
}

function topLevel(c: NestedCondition): TopLevelCondition {
  return "all" in c || "any" in c || "not" in c ? (c as TopLevelCondition) : { all: [c] };
}

function compileRule(rule: Rule, index: number): RuleProperties {
  let conditions: TopLevelCondition;
  let type: RuleEvent["type"];
  if ("require" in rule) {
    conditions = { not: compileCondition(rule.require) };
    type = "deny";
  } else if ("deny" in rule) {
    conditions = topLevel(compileCondition(rule.when));
    type = "deny";
  } else {
    conditions = rule.when ? topLevel(compileCondition(rule.when)) : { all: [] };
    type = "obligation";
  }
  return { name: rule.id, conditions, event: { type, params: { index } } };
}

function newEngine(rules: RuleProperties[]): Engine {
  const engine = new Engine(rules, { allowUndefinedFacts: true, pathResolver: resolvePath as never });
  engine.addOperator(
    "exists",
    (fact: unknown, expected: unknown) => (fact !== undefined && fact !== null) === expected,
  );
  return engine;
}

interface CompiledAction {
  rules: Rule[];
  orderEngine: Engine;
  itemEngine: Engine | null;
}

function settingFor(setting: Setting, region: string | undefined, currency: string | undefined): unknown {
  if (setting && typeof setting === "object" && !Array.isArray(setting)) {
    if ("byRegion" in setting) {
      const key =
        region && region in setting.byRegion
          ? region
          : region && EU_REGIONS.has(region) && "EU" in setting.byRegion
            ? "EU"
            : undefined;
      return key ? setting.byRegion[key] : setting.default;
    }
    return currency && currency in setting.byCurrency ? setting.byCurrency[currency] : setting.default;
  }
  return setting;
}

/**
 * Decides whether a change may be made, from the pack's rules and the facts given. Deterministic:
 * the same pack and facts always give the same decision, which is what the audit trail records.
 */
export class PolicyEngine {
  readonly pack: PolicyPack;
  private readonly compiled = new Map<string, CompiledAction>();
  private readonly messages = new Map<string, IntlMessageFormat>();

  constructor(pack: PolicyPack) {
    this.pack = pack;
    for (const [action, def] of Object.entries(pack.actions)) {
      if (!def) continue;
      const rules = [...pack.conversation, ...def.rules];
      const orderRules = rules.flatMap((r, i) => (r.scope === "order" ? [compileRule(r, i)] : []));
      const itemRules = rules.flatMap((r, i) => (r.scope === "item" ? [compileRule(r, i)] : []));
      this.compiled.set(action, {
        rules,
        orderEngine: newEngine(orderRules),
        itemEngine: itemRules.length > 0 ? newEngine(itemRules) : null,
      });
    }
    for (const [code, text] of Object.entries({ ...BUILT_IN_REASONS, ...pack.reasons })) {
      this.messages.set(code, new IntlMessageFormat(text, "en"));
    }
  }

  get id(): string {
    return this.pack.pack;
  }

  get version(): number {
    return this.pack.version;
  }

  /** Whether the pack lets the agent make this kind of change at all. */
  supports(action: PolicyAction): boolean {
    return this.compiled.has(action);
  }

  /** The pack's settings as they apply to a region and currency (for answering policy questions). */
  settings(region?: string, currency?: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, setting] of Object.entries(this.pack.settings))
      out[name] = settingFor(setting, region, currency);
    return out;
  }

  async decide(action: PolicyAction, facts: PolicyFacts): Promise<Decision> {
    const base = { action, pack: { id: this.pack.pack, version: this.pack.version } };
    const compiled = this.compiled.get(action);
    if (!compiled) {
      const reason = this.reason("action_not_allowed", "built-in", {});
      return {
        ...base,
        allowed: false,
        reasons: [reason],
        obligations: emptyObligations(),
        items: [],
        firedRules: [],
      };
    }
    const region = facts.order?.region ?? facts.customer?.region;
    const settings = this.settings(region, facts.order?.currency);
    const almanacFacts = { ...facts, settings };

    const fired: Array<{ index: number; item?: ItemFacts }> = [];
    const orderRun = await compiled.orderEngine.run(almanacFacts);
    for (const event of orderRun.events as RuleEvent[]) fired.push({ index: event.params.index });
    const items: ItemDecision[] = [];
    for (const item of facts.items ?? []) {
      if (compiled.itemEngine) {
        const run = await compiled.itemEngine.run({ ...almanacFacts, item });
        for (const event of run.events as RuleEvent[]) fired.push({ index: event.params.index, item });
      }
      items.push({ lineId: item.lineId, allowed: true, reasons: [] });
    }
    fired.sort((a, b) => a.index - b.index);

    const reasons: DecisionReason[] = [];
    const obligations = emptyObligations();
    for (const { index, item } of fired) {
      const rule = compiled.rules[index] as Rule;
      const scope = item ? { ...almanacFacts, item } : almanacFacts;
      const params = this.params(rule, scope);
      if ("require" in rule || "deny" in rule) {
        const code = "require" in rule ? rule.else : rule.deny;
        const reason = this.reason(code, rule.id, params, item?.lineId);
        reasons.push(reason);
        if (item) {
          const decision = items.find((d) => d.lineId === item.lineId);
          if (decision) {
            decision.allowed = false;
            decision.reasons.push(reason);
          }
        }
      } else {
        applyObligation(obligations, rule, item, facts, settings);
      }
    }
    obligations.feeMinor = obligations.fees.reduce((sum, f) => sum + f.amountMinor, 0);
    return {
      ...base,
      allowed: reasons.length === 0,
      reasons,
      obligations,
      items,
      firedRules: fired.map((f) => (compiled.rules[f.index] as Rule).id),
    };
  }

  private params(rule: Rule, scope: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(rule.params ?? {})) {
      if (ref && typeof ref === "object" && !Array.isArray(ref)) {
        out[name] =
          "setting" in ref ? resolvePath(scope.settings, ref.setting) : resolvePath(scope, ref.fact);
      } else {
        out[name] = ref;
      }
    }
    return out;
  }

  private reason(
    code: string,
    ruleId: string,
    params: Record<string, unknown>,
    lineId?: string,
  ): DecisionReason {
    const raw = this.pack.reasons[code] ?? BUILT_IN_REASONS[code] ?? code;
    let message = raw;
    try {
      message = String(this.messages.get(code)?.format(params as Record<string, string>) ?? raw);
    } catch {
      // A message whose parameter is missing still explains the decision, in its raw form.
    }
    return { code, ruleId, message, params, ...(lineId ? { lineId } : {}) };
  }
}

function emptyObligations(): Obligations {
  return { fees: [], feeMinor: 0, approvalRequired: false, approvalReasons: [] };
}

function applyObligation(
  obligations: Obligations,
  rule: Rule,
  item: ItemFacts | undefined,
  facts: PolicyFacts,
  settings: Record<string, unknown>,
): void {
  if (!("obligation" in rule)) return;
  const o = rule.obligation;
  if (o.feePercent !== undefined || o.feeMinor !== undefined) {
    const basis = item ? item.priceMinor : Math.abs(facts.request.amountMinor ?? 0);
    const percent =
      typeof o.feePercent === "object" ? Number(settings[o.feePercent.setting] ?? 0) : (o.feePercent ?? 0);
    const amount = (o.feeMinor ?? 0) + Math.round((basis * percent) / 100);
    const fee: Fee = {
      code: o.feeCode ?? rule.id,
      amountMinor: amount,
      ...(item ? { lineId: item.lineId } : {}),
    };
    obligations.fees.push(fee);
  }
  if (o.approval) {
    obligations.approvalRequired = true;
    if (!obligations.approvalReasons.includes(o.approval)) obligations.approvalReasons.push(o.approval);
  }
  if (o.refundDestinations && !obligations.refundDestinations)
    obligations.refundDestinations = o.refundDestinations;
  if (o.labelType && !obligations.labelType) obligations.labelType = o.labelType;
}
