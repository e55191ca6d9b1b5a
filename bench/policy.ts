// Policy decisions per second and their latency, in-process on one core.
// Baseline in the same run: the tau-retail pack's cancel (4 rules) beside the standard pack's return
// with three items (12 rules, item scope). Run: npx tsx bench/policy.ts
import { loadPolicyPack, PolicyEngine, type PolicyFacts } from "../src/policy/index.ts";
import { fmt, summarize } from "./stats.ts";

const conversation = {
  identityVerified: true,
  verifiedCustomerId: "c",
  ownsSubject: true,
  confirmed: true,
  channel: "chat",
};
const order = {
  id: "#W1",
  status: "delivered",
  itemsModified: false,
  hasReturn: false,
  hasExchange: false,
  region: "DE",
  inEU: true,
  currency: "EUR",
  totalMinor: 90000,
  promotionCodes: ["HOLIDAY25"],
  daysSincePlaced: 40,
  daysSinceDelivery: 35,
  originalPaymentMethodId: "cc",
};
const item = (lineId: string, category: string, priceMinor: number) => ({
  lineId,
  productId: "p",
  name: lineId,
  category,
  finalSale: false,
  hygiene: false,
  opened: true,
  priceMinor,
});

const cases: Array<{
  name: string;
  engine: PolicyEngine;
  action: "cancel_order" | "create_return";
  facts: PolicyFacts;
}> = [
  {
    name: "tau-retail cancel_order (baseline)",
    engine: new PolicyEngine(loadPolicyPack("agents/tau-retail/policy.yaml")),
    action: "cancel_order",
    facts: {
      conversation,
      order: { ...order, status: "pending" },
      request: { kind: "cancel_order", reason: "no longer needed" },
    },
  },
  {
    name: "standard create_return, 3 items",
    engine: new PolicyEngine(loadPolicyPack("agents/default/policy.yaml")),
    action: "create_return",
    facts: {
      conversation,
      order,
      request: {
        kind: "create_return",
        amountMinor: 90000,
        paymentMethodKind: "credit_card",
        toOriginalPaymentMethod: true,
      },
      items: [item("a", "electronics", 60000), item("b", "apparel", 20000), item("c", "kitchen", 10000)],
    },
  },
];

const N = 20_000;
for (const c of cases) {
  for (let i = 0; i < 2_000; i++) await c.engine.decide(c.action, c.facts); // warm up
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await c.engine.decide(c.action, c.facts);
    samples.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  const s = summarize(samples);
  console.log(`${c.name}: ${(N / seconds).toFixed(0)} decisions/s, p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}`);
}
