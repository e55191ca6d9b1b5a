import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AgentEvent } from "../src/agent/events.ts";
import { readBuiltInCatalog } from "../src/agent/responses/catalog.ts";
import { readTauData } from "../src/commerce/reference/index.ts";
import { loadTauBenchTasks } from "../src/governance/conformance/tasks.ts";
import {
  buildPersona,
  MessageReader,
  passHatK,
  policyViolations,
  readTaskTexts,
  runSimulation,
  SimulatedCustomer,
} from "../src/governance/simulation/index.ts";

const TAU_AGENT = "agents/tau-retail";
const DATASETS = "datasets";

describe("simulated customers", () => {
  test("pass^k is tau-bench's estimate: C(c,k)/C(n,k) averaged over tasks", () => {
    // Three tasks, four trials each: 4, 2 and 0 successes.
    assert.equal(passHatK([4, 2, 0], 4, 1), (1 + 0.5 + 0) / 3);
    // C(2,2)/C(4,2) = 1/6 for the second task.
    assert.ok(Math.abs(passHatK([4, 2, 0], 4, 2) - (1 + 1 / 6) / 3) < 1e-12);
    assert.equal(passHatK([4, 3, 0], 4, 4), 1 / 3);
  });

  test("the policy audit flags a change without verification, an allowing decision, a yes, or on another's order", async () => {
    const owner = async (id: string) => (id === "#W1" ? "alice" : "bob");
    const change = { type: "change_applied", action: "cancel_order", subject: "#W1" } as const;
    const decision: AgentEvent = {
      type: "policy_decision",
      action: "cancel_order",
      allowed: true,
      reasons: [],
      obligations: null,
      pack: "p",
    };
    const verified = { type: "identity_verified", customerId: "alice", method: "email" } as const;
    const yes = { type: "confirmation_given", digest: "d" } as const;
    assert.deepEqual(await policyViolations([verified, decision, yes, change], "alice", owner), []);
    assert.match(
      (await policyViolations([decision, yes, change], "alice", owner)).join(),
      /before the customer was verified/,
    );
    assert.match(
      (await policyViolations([verified, yes, change], "alice", owner)).join(),
      /without an allowing policy decision/,
    );
    assert.match(
      (await policyViolations([verified, decision, change], "alice", owner)).join(),
      /without the customer's yes/,
    );
    const other = { ...change, subject: "#W2" };
    assert.match(
      (await policyViolations([verified, decision, yes, other], "alice", owner)).join(),
      /an order of another customer/,
    );
    // A yes is used up by the change it confirmed.
    assert.match(
      (await policyViolations([verified, decision, yes, change, decision, change], "alice", owner)).join(),
      /without the customer's yes/,
    );
  });

  test("the reader recognises the agent's messages by their wording and extracts what they carry", () => {
    const reader = new MessageReader(readBuiltInCatalog("en"));
    const which = reader.read("Which order do you mean?\n1. #W1 from May 1: mug\n2. #W2 from May 2: lamp");
    assert.equal(which.key, "order.which");
    assert.match(which.params.options ?? "", /#W2/);
    const confirm = reader.read(
      "To confirm: cancel order #W6247578 (t-shirt). $53.43 goes back to your PayPal account within 5 to 7 business days. Shall I go ahead?",
    );
    assert.equal(confirm.key, "cancel.confirm");
    assert.equal(confirm.params.order, "#W6247578");
    assert.equal(reader.read("Something the catalogue never says.").key, "unknown");
    // A message that nests another ("… is cancelled. {refunds}") reads as the outer one.
    assert.equal(
      reader.read(
        "Your order #W3289292 is cancelled. $2,468.70 goes back to your PayPal account within 5 to 7 business days.",
      ).key,
      "cancel.done",
    );
  });

  test("personas come from the task: identity, what they know, and the outcome expressed as a customer would", () => {
    const tau = readTauData(DATASETS);
    const texts = readTaskTexts(DATASETS);
    const task = loadTauBenchTasks(DATASETS).find((t) => t.id === "test/0");
    assert.ok(task);
    const persona = buildPersona(task, texts.get("test/0") ?? { instruction: "", outputs: [] }, tau, "s");
    assert.equal(persona.firstName, "Yusuf");
    assert.equal(persona.identifyBy, "name_zip");
    assert.deepEqual(persona.knownOrders, ["#W2378156"]);
    const goal = persona.goals[0];
    assert.equal(goal?.kind, "exchange");
    assert.ok(goal?.kind === "exchange");
    assert.deepEqual(
      goal.swaps.map((s) => s.item.name),
      ["mechanical keyboard", "smart thermostat"],
    );
    assert.equal(goal.swaps[0]?.want["switch type"], "clicky");
    // The same seed gives the same customer; the words never carry internal item ids.
    const again = buildPersona(task, texts.get("test/0") ?? { instruction: "", outputs: [] }, tau, "s");
    assert.deepEqual(again.traits, persona.traits);
    const customer = new SimulatedCustomer(persona, "s");
    const opening = customer.opening();
    assert.doesNotMatch(opening, /1151293680|4983901480/);
    assert.match(opening, /exchange/);
  });

  test("a customer picks the offered version with the options it wants and says yes only to its own change", () => {
    const tau = readTauData(DATASETS);
    const task = loadTauBenchTasks(DATASETS).find((t) => t.id === "test/1");
    assert.ok(task);
    const persona = buildPersona(
      task,
      readTaskTexts(DATASETS).get("test/1") ?? { instruction: "", outputs: [] },
      tau,
      "x",
    );
    persona.traits = { typoRate: 0, changesMind: false, leadsWithOrder: true };
    const customer = new SimulatedCustomer(persona, "x");
    const reader = new MessageReader(readBuiltInCatalog("en"));
    customer.opening();
    const goal = persona.goals[0];
    assert.ok(goal?.kind === "exchange");
    const want = goal.swaps[0]?.want ?? {};
    const wantedLabel = Object.entries(want)
      .filter(([name, value]) => goal.swaps[0]?.item.options[name] !== value)
      .map(([name, value]) => `${name} ${value}`)
      .join(", ");
    const ask = reader.read(
      `What would you like instead of your ${goal.swaps[0]?.item.name}? I have:\n1. color purple\n2. ${wantedLabel}`,
    );
    const move = customer.respond([ask]);
    assert.ok("say" in move);
    assert.match(move.say, /2|second/);
    const wrong = reader.read(
      "To confirm: return the vacuum cleaner from order #W9999999, with a refund of $1.00 to your PayPal account. You'll get a prepaid return label by email. Shall I go ahead?",
    );
    const no = customer.respond([wrong]);
    assert.ok("say" in no);
    assert.equal(no.say, "No.");
  });

  test("a run over the chat API checks final order states, stated facts and the policy audit", async () => {
    const report = await runSimulation({
      agentDir: TAU_AGENT,
      datasetsDir: DATASETS,
      split: "test",
      k: 2,
      seed: "ci",
      taskIds: ["test/1", "test/10", "test/13", "test/0"],
    });
    assert.equal(report.trials.length, 8);
    assert.equal(report.violations, 0);
    const byTask = (id: string) => report.trials.filter((t) => t.taskId === id);
    // test/10: the customer asks for a person; the agent hands over and nothing changes.
    assert.ok(byTask("test/10").every((t) => t.passed && t.stop === "handed_off"));
    // test/13: two returns on two orders, each verified, confirmed and matching tau's expected state.
    assert.ok(byTask("test/13").every((t) => t.passed && t.stateMatches));
    for (const t of report.trials) {
      assert.ok(t.transcript.length >= 3, "the transcript is kept");
      assert.equal(t.passed, t.stateMatches && t.outputsStated && t.violations.length === 0);
    }
    assert.ok(report.passHat[0] !== undefined && report.passHat[0] >= (report.passHat[1] ?? 0));
    // A failed trial says why: a difference against the expected state or a missing fact.
    for (const t of report.trials.filter((x) => !x.passed))
      assert.ok(t.difference || t.missingOutputs.length > 0);
  });
});
