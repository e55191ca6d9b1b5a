import { z } from "zod";

/**
 * A policy pack: the store's rules as data. Written in YAML by the CX team, versioned with the agent,
 * validated at load. See docs/policy-packs.md for the format.
 */

export const ACTIONS = [
  "cancel_order",
  "update_shipping_address",
  "update_payment_method",
  "modify_items",
  "create_return",
  "create_exchange",
  "update_default_address",
  "promise_to_pay",
] as const;
export type PolicyAction = (typeof ACTIONS)[number];

/** Operators a condition may use; `containsAnyOf` is true when a list fact shares a value with the list. */
export const OPERATORS = [
  "equal",
  "notEqual",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
  "containsAnyOf",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
  "exists",
] as const;
export type Operator = (typeof OPERATORS)[number];

export const FACT_ROOTS = ["conversation", "customer", "order", "request", "item"] as const;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ValueRef =
  | z.infer<typeof Scalar>
  | Array<z.infer<typeof Scalar>>
  | { fact: string }
  | { setting: string };

const ValueRefSchema: z.ZodType<ValueRef> = z.union([
  Scalar,
  z.array(Scalar),
  z.object({ fact: z.string().min(1) }).strict(),
  z.object({ setting: z.string().min(1) }).strict(),
]);

export interface LeafCondition {
  fact: string;
  operator: Operator;
  value: ValueRef;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

/** `{ fact: order.status, equal: pending }` in YAML; one operator per leaf. */
const LeafSchema = z
  .object({ fact: z.string().min(1) })
  .catchall(z.unknown())
  .transform((raw, ctx): LeafCondition => {
    const keys = Object.keys(raw).filter((k) => k !== "fact");
    const unknown = keys.filter((k) => !(OPERATORS as readonly string[]).includes(k));
    if (unknown.length > 0 || keys.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          unknown.length > 0
            ? `unknown operator '${unknown[0]}' (expected one of ${OPERATORS.join(", ")})`
            : `a condition needs exactly one operator besides 'fact' (found ${keys.length})`,
      });
      return z.NEVER;
    }
    const operator = keys[0] as Operator;
    const value = ValueRefSchema.safeParse(raw[operator]);
    if (!value.success) {
      ctx.addIssue({
        code: "custom",
        message: `'${operator}' needs a value, a list, { fact: path } or { setting: name }`,
        path: [operator],
      });
      return z.NEVER;
    }
    return { fact: raw.fact, operator, value: value.data };
  });

/**
 * Picks the schema by the key an object carries, so a mistake is reported against the form the
 * author meant (a union would only say that no form matched).
 */
function byKey<T>(choices: Array<[string, z.ZodType<T, unknown>]>, hint: string): z.ZodType<T, unknown> {
  return z.unknown().transform((raw, ctx): T => {
    if (raw && typeof raw === "object" && !Array.isArray(raw)) {
      for (const [key, schema] of choices) {
        if (!(key in raw)) continue;
        const parsed = schema.safeParse(raw);
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        return z.NEVER;
      }
    }
    ctx.addIssue({ code: "custom", message: hint });
    return z.NEVER;
  });
}

export const ConditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  byKey<Condition>(
    [
      ["all", z.object({ all: z.array(ConditionSchema).min(1) }).strict()],
      ["any", z.object({ any: z.array(ConditionSchema).min(1) }).strict()],
      ["not", z.object({ not: ConditionSchema }).strict()],
      ["fact", LeafSchema],
    ],
    "a condition is { all: [...] }, { any: [...] }, { not: ... } or { fact: path, <operator>: value }",
  ),
);

const ReasonCode = z.string().regex(/^[a-z][a-z0-9_]*$/, "reason codes are snake_case");
const RuleId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "rule ids are kebab-case");

const ObligationSchema = z
  .object({
    /** A fee in percent of the item's price (item scope) or of the request amount (order scope). */
    feePercent: z
      .union([z.number().min(0).max(100), z.object({ setting: z.string().min(1) }).strict()])
      .optional(),
    /** A flat fee in minor units of the order's currency. */
    feeMinor: z.number().int().min(0).optional(),
    feeCode: ReasonCode.optional(),
    /** A person must approve; the value is the reason code shown on the desk. */
    approval: ReasonCode.optional(),
    refundDestinations: z
      .array(z.enum(["original_payment_method", "gift_card", "store_credit"]))
      .min(1)
      .optional(),
    labelType: z.enum(["prepaid_label", "qr_code", "customer_arranged"]).optional(),
  })
  .strict()
  .refine(
    (o) => Object.keys(o).length > 0,
    "an obligation needs at least one of feePercent, feeMinor, approval, refundDestinations, labelType",
  );

const RuleBase = {
  id: RuleId,
  description: z.string().optional(),
  scope: z.enum(["order", "item"]).default("order"),
  /** Values for the reason's message, e.g. `{ windowDays: { setting: returnWindowDays } }`. */
  params: z.record(z.string(), ValueRefSchema).optional(),
};

const RequireRule = z.object({ ...RuleBase, require: ConditionSchema, else: ReasonCode }).strict();
const DenyRule = z.object({ ...RuleBase, deny: ReasonCode, when: ConditionSchema }).strict();
const ObligationRule = z
  .object({ ...RuleBase, obligation: ObligationSchema, when: ConditionSchema.optional() })
  .strict();
export type Rule = z.infer<typeof RequireRule> | z.infer<typeof DenyRule> | z.infer<typeof ObligationRule>;

export const RuleSchema: z.ZodType<Rule, unknown> = byKey<Rule>(
  [
    ["require", RequireRule],
    ["deny", DenyRule],
    ["obligation", ObligationRule],
  ],
  "a rule needs `require` with `else`, `deny` with `when`, or `obligation`",
);

/** A setting is one value, or values by region (with "EU" covering member states) or by currency. */
const SettingValue = z.union([Scalar, z.array(Scalar)]);
export const SettingSchema = z.union([
  SettingValue,
  z.object({ byRegion: z.record(z.string(), SettingValue), default: SettingValue.optional() }).strict(),
  z.object({ byCurrency: z.record(z.string(), SettingValue), default: SettingValue.optional() }).strict(),
]);
export type Setting = z.infer<typeof SettingSchema>;

export const PolicyPackSchema = z
  .object({
    pack: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "pack ids are kebab-case"),
    version: z.number().int().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    settings: z.record(z.string(), SettingSchema).default({}),
    /** Reason code to the English explanation the customer is given, with {param} placeholders. */
    reasons: z.record(ReasonCode, z.string().min(1)),
    /** Rules every action must pass (identity, ownership, confirmation). */
    conversation: z.array(RuleSchema).default([]),
    actions: z.partialRecord(
      z.enum(ACTIONS),
      z.object({ description: z.string().optional(), rules: z.array(RuleSchema) }).strict(),
    ),
  })
  .strict();

export type PolicyPack = z.infer<typeof PolicyPackSchema>;
