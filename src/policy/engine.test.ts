import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PolicyEngine } from "./engine.ts";
import type { ItemFacts, OrderFacts, PolicyFacts } from "./facts.ts";
import { loadPolicyPack } from "./load.ts";

const standard = new PolicyEngine(loadPolicyPack("agents/default/policy.yaml"));
const tau = new PolicyEngine(loadPolicyPack("agents/tau-retail/policy.yaml"));

const conversation = {
  identityVerified: true,
  verifiedCustomerId: "c1",
  ownsSubject: true,
  confirmed: true,
  channel: "chat",
};

function order(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    id: "#W1",
    status: "delivered",
    itemsModified: false,
    hasReturn: false,
    hasExchange: false,
    region: "US",
    inEU: false,
    currency: "USD",
    totalMinor: 10000,
    promotionCodes: [],
    daysSincePlaced: 12,
    daysSinceDelivery: 10,
    originalPaymentMethodId: "credit_card_1",
    ...overrides,
  };
}

function item(overrides: Partial<ItemFacts> = {}): ItemFacts {
  return {
    lineId: "l1",
    productId: "p1",
    name: "T-Shirt",
    category: "apparel",
    finalSale: false,
    hygiene: false,
    opened: null,
    priceMinor: 10000,
    ...overrides,
  };
}

function returnFacts(
  o: Partial<OrderFacts>,
  items: ItemFacts[] = [item()],
  request: Partial<PolicyFacts["request"]> = {},
): PolicyFacts {
  return {
    conversation,
    order: order(o),
    request: {
      kind: "create_return",
      amountMinor: items.reduce((s, i) => s + i.priceMinor, 0),
      paymentMethodId: "credit_card_1",
      paymentMethodKind: "credit_card",
      toOriginalPaymentMethod: true,
      ...request,
    },
    items,
  };
}

const codes = (d: { reasons: Array<{ code: string }> }) => d.reasons.map((r) => r.code);

describe("standard policy pack", () => {
  test("returns within 30 days of delivery are allowed, later ones denied with the window in the message", async () => {
    assert.equal(
      (await standard.decide("create_return", returnFacts({ daysSinceDelivery: 30 }))).allowed,
      true,
    );
    const late = await standard.decide("create_return", returnFacts({ daysSinceDelivery: 31 }));
    assert.deepEqual(codes(late), ["return_window_expired"]);
    assert.equal(
      late.reasons[0]?.message,
      "Items can be returned within 30 days of delivery, and this order was delivered 31 days ago.",
    );
  });

  test("HOLIDAY25 orders get 60 days", async () => {
    assert.equal(
      (
        await standard.decide(
          "create_return",
          returnFacts({ daysSinceDelivery: 55, promotionCodes: ["HOLIDAY25"] }),
        )
      ).allowed,
      true,
    );
    assert.equal(
      (
        await standard.decide(
          "create_return",
          returnFacts({ daysSinceDelivery: 61, promotionCodes: ["HOLIDAY25"] }),
        )
      ).allowed,
      false,
    );
  });

  test("final-sale items are not returnable, except under the EU/UK 14-day withdrawal right", async () => {
    const finalSale = [item({ finalSale: true, name: "Sunglasses" })];
    const us = await standard.decide("create_return", returnFacts({ daysSinceDelivery: 5 }, finalSale));
    assert.deepEqual(codes(us), ["final_sale_item"]);
    assert.equal(
      us.reasons[0]?.message,
      "Sunglasses was sold as final sale, so it cannot be returned or exchanged.",
    );
    assert.equal(us.items[0]?.allowed, false);
    assert.equal(
      (
        await standard.decide(
          "create_return",
          returnFacts({ daysSinceDelivery: 5, region: "DE", inEU: true, currency: "EUR" }, finalSale),
        )
      ).allowed,
      true,
    );
    assert.equal(
      (
        await standard.decide(
          "create_return",
          returnFacts({ daysSinceDelivery: 13, region: "GB", currency: "GBP" }, finalSale),
        )
      ).allowed,
      true,
    );
    assert.equal(
      (
        await standard.decide(
          "create_return",
          returnFacts({ daysSinceDelivery: 15, region: "FR", inEU: true, currency: "EUR" }, finalSale),
        )
      ).allowed,
      false,
    );
  });

  test("opened hygiene items are refused item by item", async () => {
    const d = await standard.decide(
      "create_return",
      returnFacts({}, [
        item({ lineId: "a", hygiene: true, opened: true, name: "Perfume" }),
        item({ lineId: "b" }),
      ]),
    );
    assert.equal(d.allowed, false);
    assert.deepEqual(
      d.items.map((i) => [i.lineId, i.allowed]),
      [
        ["a", false],
        ["b", true],
      ],
    );
  });

  test("opened electronics carry a 15% restocking fee outside the statutory period", async () => {
    const laptop = [item({ category: "electronics", opened: true, priceMinor: 80000, name: "Laptop" })];
    const us = await standard.decide("create_return", returnFacts({ daysSinceDelivery: 20 }, laptop));
    assert.equal(us.allowed, true);
    assert.deepEqual(us.obligations.fees, [{ code: "restocking_fee", amountMinor: 12000, lineId: "l1" }]);
    const eu = await standard.decide(
      "create_return",
      returnFacts({ daysSinceDelivery: 10, region: "NL", inEU: true, currency: "EUR" }, laptop),
    );
    assert.equal(eu.obligations.feeMinor, 0);
    const sealed = await standard.decide(
      "create_return",
      returnFacts({ daysSinceDelivery: 20 }, [item({ category: "electronics", opened: false })]),
    );
    assert.equal(sealed.obligations.feeMinor, 0);
  });

  test("refunds above the currency's threshold need approval; refunds go to the original method or a gift card", async () => {
    const big = await standard.decide("create_return", returnFacts({}, [item({ priceMinor: 60000 })]));
    assert.equal(big.allowed, true);
    assert.equal(big.obligations.approvalRequired, true);
    const gbp = await standard.decide(
      "create_return",
      returnFacts({ region: "GB", currency: "GBP" }, [item({ priceMinor: 45000 })]),
    );
    assert.equal(gbp.obligations.approvalRequired, true, "GBP threshold is 400.00");
    assert.equal(gbp.obligations.labelType, "qr_code");
    const otherCard = await standard.decide(
      "create_return",
      returnFacts({}, [item()], { toOriginalPaymentMethod: false, paymentMethodKind: "credit_card" }),
    );
    assert.deepEqual(codes(otherCard), ["refund_destination_not_allowed"]);
    const giftCard = await standard.decide(
      "create_return",
      returnFacts({}, [item()], { toOriginalPaymentMethod: false, paymentMethodKind: "gift_card" }),
    );
    assert.equal(giftCard.allowed, true);
    assert.equal(giftCard.obligations.labelType, "prepaid_label");
  });

  test("cancelling is only possible before shipment, and the customer hears why", async () => {
    const shipped = await standard.decide("cancel_order", {
      conversation,
      order: order({ status: "processed" }),
      request: { kind: "cancel_order", reason: "changed my mind" },
    });
    assert.deepEqual(codes(shipped), ["order_already_shipped"]);
    assert.match(shipped.reasons[0]?.message ?? "", /This order is processed/);
    assert.equal(
      (
        await standard.decide("cancel_order", {
          conversation,
          order: order({ status: "pending" }),
          request: { kind: "cancel_order", reason: "changed my mind" },
        })
      ).allowed,
      true,
    );
  });

  test("promises to pay: at most 14 days out and at least a quarter of the debt", async () => {
    const facts = (days: number, percent: number): PolicyFacts => ({
      conversation,
      request: { kind: "promise_to_pay", daysUntilPromise: days, promisedPercent: percent, amountMinor: 100 },
    });
    assert.equal((await standard.decide("promise_to_pay", facts(14, 100))).allowed, true);
    assert.deepEqual(codes(await standard.decide("promise_to_pay", facts(15, 100))), ["promise_too_far"]);
    assert.deepEqual(codes(await standard.decide("promise_to_pay", facts(3, 20))), ["promise_too_small"]);
  });

  test("every change needs a verified owner and a confirmation", async () => {
    const facts = returnFacts({});
    const anonymous = await standard.decide("create_return", {
      ...facts,
      conversation: {
        ...conversation,
        identityVerified: false,
        verifiedCustomerId: null,
        ownsSubject: false,
      },
    });
    assert.deepEqual(codes(anonymous), ["identity_not_verified", "not_your_order"]);
    const unconfirmed = await standard.decide("create_return", {
      ...facts,
      conversation: { ...conversation, confirmed: false },
    });
    assert.deepEqual(codes(unconfirmed), ["confirmation_required"]);
  });
});

describe("tau-retail policy pack", () => {
  const pending = (o: Partial<OrderFacts> = {}, reason = "no longer needed"): PolicyFacts => ({
    conversation,
    order: order({ status: "pending", daysSinceDelivery: null, ...o }),
    request: { kind: "cancel_order", reason },
  });

  test("cancel reasons are the two tau allows", async () => {
    assert.equal((await tau.decide("cancel_order", pending())).allowed, true);
    assert.equal((await tau.decide("cancel_order", pending({}, "ordered by mistake"))).allowed, true);
    assert.deepEqual(codes(await tau.decide("cancel_order", pending({}, "found it cheaper"))), [
      "invalid_cancel_reason",
    ]);
  });

  test("an order whose items were modified can no longer be changed or cancelled", async () => {
    for (const action of [
      "cancel_order",
      "update_shipping_address",
      "update_payment_method",
      "modify_items",
    ] as const) {
      const d = await tau.decide(action, {
        ...pending({ itemsModified: true }),
        request: { kind: action, reason: "no longer needed" },
      });
      assert.deepEqual(codes(d), ["items_already_modified"], action);
    }
  });

  test("a delivered order is returned or exchanged once", async () => {
    assert.equal((await tau.decide("create_return", returnFacts({}))).allowed, true);
    assert.deepEqual(codes(await tau.decide("create_exchange", returnFacts({ hasReturn: true }))), [
      "return_or_exchange_done",
    ]);
    assert.deepEqual(codes(await tau.decide("create_return", returnFacts({ status: "processed" }))), [
      "order_not_delivered",
    ]);
  });

  test("actions the pack does not list are refused", async () => {
    const d = await tau.decide("promise_to_pay", { conversation, request: { kind: "promise_to_pay" } });
    assert.deepEqual(codes(d), ["action_not_allowed"]);
  });

  test("the same facts always give the same decision", async () => {
    const facts = returnFacts({ daysSinceDelivery: 45 }, [
      item({ finalSale: true }),
      item({ lineId: "l2", category: "electronics", opened: true }),
    ]);
    const first = await standard.decide("create_return", facts);
    for (let i = 0; i < 20; i++) assert.deepEqual(await standard.decide("create_return", facts), first);
  });
});
