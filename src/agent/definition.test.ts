import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadAgent } from "./definition.ts";

/** A copy of the default agent with its agent.yaml edited. */
function variant(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-agent-"));
  cpSync("agents/default", dir, { recursive: true });
  const file = join(dir, "agent.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

describe("agent definitions", () => {
  test("the default agent offers every skill, with the documented escalation rules and a cross-sell", () => {
    const { definition, names } = loadAgent("agents/default");
    assert.ok(definition.skills.includes("exchange"));
    assert.deepEqual(definition.escalation, {
      misunderstoodTurns: 2,
      verificationAttempts: 3,
      negativeSentiment: true,
    });
    assert.equal(definition.crossSell[0]?.message, "cross_sell.descaler");
    assert.equal(names.values.red?.de?.[0], "rot");
    assert.equal(names.options.color?.fr?.[0], "couleur");
  });

  const invalid: Array<[string, (yaml: string) => string, RegExp]> = [
    ["an unknown skill", (y) => `${y}\nskills: [order_status, teleport]\n`, /skills\.1/],
    [
      "an escalation value out of range",
      (y) => y.replace("misunderstoodTurns: 2", "misunderstoodTurns: 0"),
      /escalation\.misunderstoodTurns/,
    ],
    [
      "a cross-sell message missing in a language",
      (y) => y.replace(/\n {2}nl:\n {4}cross_sell\.descaler: .*\n/, "\n"),
      /crossSell\.0\.message: "cross_sell\.descaler" has no text for nl/,
    ],
    ["an unknown key", (y) => `${y}\nescalate: true\n`, /escalate/],
  ];
  for (const [what, edit, message] of invalid) {
    test(`${what} is refused with a message naming it`, () => {
      assert.throws(() => loadAgent(variant(edit)), message);
    });
  }

  test("a broken option-names file is refused naming the file", () => {
    const dir = variant((y) => y);
    writeFileSync(join(dir, "option-names.yaml"), "values:\n  red: [rot]\n");
    assert.throws(() => loadAgent(dir), /Invalid option names .*option-names\.yaml: values\.red/);
  });
});
