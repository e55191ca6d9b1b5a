import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import { loadPolicyPack, PolicyPackError, parsePolicyPack } from "./load.ts";

const minimal = {
  pack: "demo",
  version: 1,
  name: "Demo",
  reasons: { too_late: "Too late after {days} days." },
  actions: {
    create_return: {
      rules: [{ id: "window", deny: "too_late", when: { fact: "order.daysSinceDelivery", greaterThan: 30 } }],
    },
  },
};

function problemsOf(raw: unknown): string[] {
  try {
    parsePolicyPack(raw, "demo.yaml");
    return [];
  } catch (error) {
    assert.ok(error instanceof PolicyPackError, `expected a PolicyPackError, got ${String(error)}`);
    return error.problems;
  }
}

describe("policy pack validation", () => {
  test("the shipped packs load", () => {
    assert.equal(loadPolicyPack("agents/default/policy.yaml").pack, "standard");
    assert.equal(loadPolicyPack("agents/tau-retail/policy.yaml").pack, "tau-retail");
  });

  test("a valid pack passes", () => {
    assert.deepEqual(problemsOf(minimal), []);
  });

  test("a misspelt operator names the path and the operators that exist", () => {
    const bad = structuredClone(minimal) as typeof minimal;
    (bad.actions.create_return.rules[0] as Record<string, unknown>).when = {
      fact: "order.daysSinceDelivery",
      greaterThen: 30,
    };
    const [problem] = problemsOf(bad);
    assert.match(
      problem ?? "",
      /^actions\.create_return\.rules\[0\]\.when: unknown operator 'greaterThen' \(expected one of equal, /,
    );
  });

  test("unknown facts, settings, reasons and duplicate rule ids are reported together", () => {
    const bad = structuredClone(minimal) as { actions: { create_return: { rules: unknown[] } } };
    bad.actions.create_return.rules = [
      { id: "a", deny: "too_late", when: { fact: "shipment.days", greaterThan: 1 } },
      {
        id: "a",
        deny: "no_such_reason",
        when: { fact: "order.daysSinceDelivery", greaterThan: { setting: "missing" } },
      },
      { id: "b", deny: "too_late", when: { fact: "item.finalSale", equal: true } },
    ];
    const problems = problemsOf(bad);
    assert.ok(
      problems.some((p) => p.startsWith("actions.create_return.rules[0].when: unknown fact 'shipment.days'")),
      problems.join("\n"),
    );
    assert.ok(problems.some((p) => p === "actions.create_return.rules[1].id: rule id 'a' is used twice"));
    assert.ok(
      problems.some(
        (p) =>
          p === "actions.create_return.rules[1].deny: reason 'no_such_reason' is not declared under reasons",
      ),
    );
    assert.ok(problems.some((p) => p === "actions.create_return.rules[1].when: unknown setting 'missing'"));
    assert.ok(problems.some((p) => p.includes("'item' facts are only available in rules with scope: item")));
  });

  test("an unknown action is refused", () => {
    const bad = { ...minimal, actions: { refund_everything: { rules: [] } } };
    assert.ok(
      problemsOf(bad).some((p) =>
        p.startsWith("actions: unknown key 'refund_everything' (actions are cancel_order,"),
      ),
      problemsOf(bad).join("\n"),
    );
  });

  test("a file with broken YAML names the file and the line", () => {
    const dir = mkdtempSync(join(tmpdir(), "pack-"));
    const file = join(dir, "policy.yaml");
    writeFileSync(file, "pack: demo\nversion: 1\nreasons:\n  a: [unclosed\n");
    assert.throws(
      () => loadPolicyPack(file),
      (error: unknown) =>
        error instanceof PolicyPackError && error.message.includes(file) && /line \d+/.test(error.message),
    );
  });

  test("any input at all yields a pack or a PolicyPackError, never a crash", () => {
    const shipped = parse(readFileSync("agents/default/policy.yaml", "utf8"));
    fc.assert(
      fc.property(fc.anything(), fc.jsonValue(), (garbage, json) => {
        for (const raw of [garbage, json, { ...shipped, actions: json }, { ...shipped, settings: garbage }])
          problemsOf(raw);
      }),
      { numRuns: 300 },
    );
  });
});
