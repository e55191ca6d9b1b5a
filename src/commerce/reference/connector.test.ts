import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testDatabases } from "../../../test/support/databases.ts";
import { otherVariant, seededStore } from "../../../test/support/store.ts";
import type { Storage } from "../../platform/index.ts";
import type { ReferenceOms } from "./connector.ts";

for (const database of await testDatabases()) {
  describe(`reference OMS on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let oms: ReferenceOms;
    let key = 0;
    const apply = (change: Parameters<ReferenceOms["apply"]>[0]) =>
      oms.apply(change, { idempotencyKey: `k${++key}`, actor: "test" });

    before(async () => {
      storage = await database.open();
      ({ oms } = await seededStore(storage, "tau"));
    });
    after(() => storage.close());

    test("finds customers the way people give their details", async () => {
      assert.equal(await oms.findCustomerByEmail("  Yusuf.Rossi7301@EXAMPLE.com "), "yusuf_rossi_9620");
      assert.equal(await oms.findCustomerByEmail("nobody@example.com"), null);
      assert.equal(await oms.findCustomerByNameAndPostalCode("YUSUF", "rossi", "19122"), "yusuf_rossi_9620");
      assert.equal(await oms.findCustomerByNameAndPostalCode("Yusuf", "Rossi", "19123"), null);
      assert.equal(await oms.findCustomerByOrder("#W2378156"), "yusuf_rossi_9620");
      assert.equal(await oms.getOrder("#W0000000"), null);
    });

    test("cancelling refunds each payment method: gift cards at once, cards within business days", async () => {
      const before = await oms.getCustomer("ethan_lopez_6291");
      const balanceBefore =
        before?.paymentMethods.find((m) => m.id === "gift_card_7219486")?.balanceMinor ?? 0;
      const preview = await oms.preview({
        kind: "cancel_order",
        orderId: "#W6779827",
        reason: "no longer needed",
      });
      assert.ok(preview.ok);
      assert.deepEqual(preview.value.movements, [
        {
          direction: "refund",
          amountMinor: 407945,
          currency: "USD",
          paymentMethodId: "gift_card_7219486",
          timing: "immediate",
        },
      ]);
      const applied = await apply({ kind: "cancel_order", orderId: "#W6779827", reason: "no longer needed" });
      assert.ok(applied.ok);
      assert.equal(applied.value.order?.status, "cancelled");
      assert.equal(applied.value.order?.cancelReason, "no longer needed");
      const refund = applied.value.order?.transactions.at(-1);
      assert.deepEqual([refund?.kind, refund?.amountMinor, refund?.status], ["refund", 407945, "succeeded"]);
      const after = await oms.getCustomer("ethan_lopez_6291");
      assert.equal(
        after?.paymentMethods.find((m) => m.id === "gift_card_7219486")?.balanceMinor,
        balanceBefore + 407945,
      );

      const card = await apply({ kind: "cancel_order", orderId: "#W5911003", reason: "ordered by mistake" });
      assert.ok(card.ok);
      const cardRefund = card.value.order?.transactions.at(-1);
      assert.equal(cardRefund?.status, "pending");
      assert.ok(
        cardRefund?.expectedAt && cardRefund.expectedAt > cardRefund.createdAt,
        "a card refund carries its expected date",
      );
      const refunds = await oms.listRefunds("#W5911003");
      assert.equal(refunds?.length, 1);
    });

    test("a cancelled order cannot be cancelled again, and nothing changes", async () => {
      const before = await oms.getOrder("#W6779827");
      const again = await apply({ kind: "cancel_order", orderId: "#W6779827", reason: "no longer needed" });
      assert.equal(again.ok, false);
      assert.equal(!again.ok && again.refusal.code, "invalid_state");
      assert.deepEqual(await oms.getOrder("#W6779827"), before);
    });

    test("the same idempotency key replays the outcome; reused for another change it is refused", async () => {
      const change = {
        kind: "update_shipping_address" as const,
        orderId: "#W2611340",
        address: {
          line1: "1 New St",
          line2: "",
          city: "Boston",
          state: "MA",
          postalCode: "02108",
          country: "USA",
        },
      };
      const refusedProcessed = await oms.apply(change, { idempotencyKey: "same", actor: "test" });
      assert.equal(
        !refusedProcessed.ok && refusedProcessed.refusal.code,
        "invalid_state",
        "a processed order has shipped",
      );

      const pending = (await oms.listOrders("ava_lopez_2676")).find((o) => o.status === "pending");
      assert.ok(pending, "ava_lopez_2676 has a pending order");
      const move = { ...change, orderId: pending.id };
      const first = await oms.apply(move, { idempotencyKey: "addr-1", actor: "test" });
      const second = await oms.apply(move, { idempotencyKey: "addr-1", actor: "test" });
      assert.ok(first.ok && second.ok);
      assert.equal(first.value.replayed, false);
      assert.equal(second.value.replayed, true);
      assert.equal(
        (await oms.getOrder(pending.id))?.changes.filter((c) => c.kind === "address").length,
        1,
        "applied once",
      );
      const conflict = await oms.apply(
        { ...move, address: { ...move.address, city: "Salem" } },
        { idempotencyKey: "addr-1", actor: "test" },
      );
      assert.equal(!conflict.ok && conflict.refusal.code, "idempotency_conflict");
      assert.equal((await oms.getOrder(pending.id))?.address.city, "Boston");
    });

    test("item swaps must stay within the product, be available and be covered by a gift card", async () => {
      const order = (await oms.listOrders("ava_lopez_2676")).find(
        (o) => o.status === "pending" && !o.itemsModifiedAt,
      );
      assert.ok(order);
      const line = order.items[0];
      assert.ok(line);
      const otherProduct = order.items.find((i) => i.productId !== line.productId);
      assert.ok(otherProduct);
      const wrong = await oms.preview({
        kind: "modify_items",
        orderId: order.id,
        items: [{ lineId: line.lineId, newVariantId: otherProduct.variantId }],
        paymentMethodId: "credit_card_7772870",
      });
      assert.equal(!wrong.ok && wrong.refusal.code, "variant_of_other_product");
      const unavailable = await otherVariant(oms, line.productId, line.variantId, "unavailable").catch(
        () => null,
      );
      if (unavailable) {
        const r = await oms.preview({
          kind: "modify_items",
          orderId: order.id,
          items: [{ lineId: line.lineId, newVariantId: unavailable.id }],
          paymentMethodId: "credit_card_7772870",
        });
        assert.equal(!r.ok && r.refusal.code, "variant_unavailable");
      }
      const target = await otherVariant(oms, line.productId, line.variantId);
      const difference = target.priceMinor - line.unitPriceMinor;
      if (difference > 600) {
        const poor = await oms.preview({
          kind: "modify_items",
          orderId: order.id,
          items: [{ lineId: line.lineId, newVariantId: target.id }],
          paymentMethodId: "gift_card_4855547",
        });
        assert.equal(!poor.ok && poor.refusal.code, "insufficient_balance");
      }
      const done = await apply({
        kind: "modify_items",
        orderId: order.id,
        items: [{ lineId: line.lineId, newVariantId: target.id }],
        paymentMethodId: "credit_card_7772870",
      });
      assert.ok(done.ok);
      const changed = done.value.order?.items.find((i) => i.lineId === line.lineId);
      assert.deepEqual([changed?.variantId, changed?.unitPriceMinor], [target.id, target.priceMinor]);
      assert.ok(done.value.order?.itemsModifiedAt);
      const settlement = done.value.order?.transactions.at(-1);
      assert.deepEqual(
        [settlement?.kind, settlement?.amountMinor],
        [difference > 0 ? "payment" : "refund", Math.abs(difference)],
      );
    });

    test("switching the payment method charges the new one and refunds the old", async () => {
      const order = (await oms.listOrders("yusuf_rossi_9620")).find((o) => o.status === "pending");
      const customer = await oms.getCustomer("yusuf_rossi_9620");
      if (!order || !customer) throw new Error("fixture: yusuf_rossi_9620 has a pending order");
      const current = order.transactions[0]?.paymentMethodId;
      const same = await oms.preview({
        kind: "update_payment_method",
        orderId: order.id,
        paymentMethodId: current ?? "",
      });
      assert.equal(!same.ok && same.refusal.code, "payment_method_unchanged");
      const unknown = await oms.preview({
        kind: "update_payment_method",
        orderId: order.id,
        paymentMethodId: "credit_card_0000000",
      });
      assert.equal(!unknown.ok && unknown.refusal.code, "payment_method_not_found");

      // #W1080318 ($53.43 on a card) moves to omar_kim_3528's $91 gift card.
      const switched = await apply({
        kind: "update_payment_method",
        orderId: "#W1080318",
        paymentMethodId: "gift_card_3749819",
      });
      assert.ok(switched.ok);
      const [original, charge, refund] = switched.value.order?.transactions ?? [];
      assert.deepEqual(
        [
          charge?.kind,
          charge?.paymentMethodId,
          charge?.amountMinor,
          refund?.kind,
          refund?.paymentMethodId,
          refund?.amountMinor,
        ],
        ["payment", "gift_card_3749819", 5343, "refund", original?.paymentMethodId, 5343],
      );
      const card = (await oms.getCustomer("omar_kim_3528"))?.paymentMethods.find(
        (m) => m.id === "gift_card_3749819",
      );
      assert.equal(card?.balanceMinor, 9100 - 5343);
      const again = await oms.preview({
        kind: "update_payment_method",
        orderId: "#W1080318",
        paymentMethodId: "credit_card_3577130",
      });
      assert.equal(
        !again.ok && again.refusal.code,
        "payment_not_single",
        "a second switch needs a single payment to replace",
      );
    });

    test("a return gets an RMA and a label; the same items cannot be returned twice", async () => {
      const order = await oms.getOrder("#W4817420");
      assert.equal(order?.status, "delivered");
      const lines = order?.items.slice(0, 2).map((i) => i.lineId) ?? [];
      const notDelivered = await oms.preview({
        kind: "create_return",
        orderId: "#W2611340",
        lineIds: ["#W2611340-1"],
        refundMethodId: "gift_card_1725971",
      });
      assert.equal(!notDelivered.ok && notDelivered.refusal.code, "invalid_state");
      const done = await apply({
        kind: "create_return",
        orderId: "#W4817420",
        lineIds: lines,
        refundMethodId: "gift_card_8168843",
        reason: "Too small",
      });
      assert.ok(done.ok);
      assert.match(done.value.rmaNumber ?? "", /^RMA-/);
      const ret = done.value.order?.returns[0];
      assert.deepEqual(ret?.lineIds, lines);
      assert.equal(
        ret?.refundAmountMinor,
        (order?.items[0]?.unitPriceMinor ?? 0) + (order?.items[1]?.unitPriceMinor ?? 0),
      );
      assert.equal(ret?.label?.carrier, "UPS");
      const twice = await apply({
        kind: "create_return",
        orderId: "#W4817420",
        lineIds: [lines[0] as string],
        refundMethodId: "gift_card_8168843",
      });
      assert.equal(!twice.ok && twice.refusal.code, "invalid_state");
      const missing = await oms.preview({
        kind: "create_return",
        orderId: "#W4817420",
        lineIds: ["#W4817420-99"],
        refundMethodId: "gift_card_8168843",
      });
      assert.equal(!missing.ok && missing.refusal.code, "line_not_found");
    });

    test("an exchange records the swap and its price difference without charging yet", async () => {
      const order = await oms.getOrder("#W2378156");
      const line = order?.items.find((i) => i.name === "Mechanical Keyboard");
      assert.ok(order && line);
      const target = await otherVariant(oms, line.productId, line.variantId);
      const done = await apply({
        kind: "create_exchange",
        orderId: order.id,
        items: [{ lineId: line.lineId, newVariantId: target.id }],
        paymentMethodId: "credit_card_9513926",
      });
      assert.ok(done.ok);
      const exchange = done.value.order?.exchanges[0];
      assert.equal(exchange?.priceDifferenceMinor, target.priceMinor - line.unitPriceMinor);
      assert.equal(
        done.value.order?.transactions.length,
        order.transactions.length,
        "no payment until the replacement ships",
      );
    });

    test("a default address needs its essential fields", async () => {
      const bad = await apply({
        kind: "update_default_address",
        customerId: "yusuf_rossi_9620",
        address: { line1: " ", line2: "", city: "X", state: "", postalCode: "1", country: "USA" },
      });
      assert.equal(!bad.ok && bad.refusal.code, "invalid_input");
      const good = await apply({
        kind: "update_default_address",
        customerId: "yusuf_rossi_9620",
        address: {
          line1: "9 Elm St",
          line2: "",
          city: "Philadelphia",
          state: "PA",
          postalCode: "19103",
          country: "USA",
        },
      });
      assert.ok(good.ok);
      assert.equal(await oms.findCustomerByNameAndPostalCode("Yusuf", "Rossi", "19103"), "yusuf_rossi_9620");
    });

    test("concurrent changes to one order apply exactly once", async () => {
      const order = (await oms.listOrders("ethan_lopez_6291")).find((o) => o.status === "pending");
      if (!order) throw new Error("fixture: ethan_lopez_6291 has another pending order");
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          oms.apply(
            { kind: "cancel_order", orderId: order.id, reason: "no longer needed" },
            { idempotencyKey: `race-${n}`, actor: "test" },
          ),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.refusal.code === "invalid_state"));
      const refunds = (await oms.getOrder(order.id))?.transactions.filter((t) => t.kind === "refund");
      assert.equal(refunds?.length, 1);
    });
  });
}
