import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testDatabases } from "../../../test/support/databases.ts";
import { seededStore } from "../../../test/support/store.ts";
import type { CommerceChange } from "../../commerce/index.ts";
import type { OmsDb, ReferenceOms } from "../../commerce/reference/index.ts";
import { AuditLog, Vault } from "../../compliance/index.ts";
import type { Clock, Storage } from "../../platform/index.ts";
import { loadPolicyPack, PolicyEngine } from "../../policy/index.ts";
import { commitChange, proposeChange } from "./change-flow.ts";
import type { ToolContext } from "./context.ts";
import { ToolSession } from "./session.ts";

const tauPolicy = new PolicyEngine(loadPolicyPack("agents/tau-retail/policy.yaml"));
const standardPolicy = new PolicyEngine(loadPolicyPack("agents/default/policy.yaml"));

for (const database of await testDatabases()) {
  describe(`change flow on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let oms: ReferenceOms;
    let audit: AuditLog;
    let clock: Clock;
    let n = 0;
    const context = (session: ToolSession, policy = tauPolicy): ToolContext => ({
      connector: oms,
      policy,
      audit,
      clock,
      session,
    });
    const session = (customerId?: string) => {
      const s = new ToolSession(`conv-${++n}`);
      if (customerId) s.verify(customerId, "email");
      return s;
    };
    const cancel: CommerceChange = { kind: "cancel_order", orderId: "#W5911003", reason: "no longer needed" };

    before(async () => {
      storage = await database.open();
      ({ oms, clock } = await seededStore(storage, "tau"));
      audit = new AuditLog({
        db: storage.db,
        dialect: storage.dialect,
        clock,
        vault: Vault.ephemeral(storage.db),
      });
    });
    after(() => storage.close());

    test("an unverified conversation cannot change an order, and the denial is audited", async () => {
      const result = await commitChange(context(session()), cancel);
      assert.equal(result.status, "denied");
      assert.ok(
        result.status === "denied" && result.decision.reasons.some((r) => r.code === "identity_not_verified"),
      );
      assert.equal((await oms.getOrder("#W5911003"))?.status, "pending");
      const [entry] = await audit.list({ subjectType: "order", subjectId: "#W5911003", limit: 1 });
      assert.equal(entry?.action, "change_denied");
    });

    test("a customer cannot change another customer's order, even having confirmed", async () => {
      const s = session("yusuf_rossi_9620");
      const proposal = await proposeChange(context(s), cancel);
      assert.ok(proposal.ok);
      s.confirm(proposal.proposal.digest);
      const result = await commitChange(context(s), cancel);
      assert.ok(
        result.status === "denied" && result.decision.reasons.map((r) => r.code).includes("not_your_order"),
      );
      assert.equal((await oms.getOrder("#W5911003"))?.status, "pending");
    });

    test("the owner's change waits for a yes to exactly that change, then applies once", async () => {
      const s = session("ava_lopez_2676");
      const unconfirmed = await commitChange(context(s), cancel);
      assert.ok(unconfirmed.status === "denied");
      assert.deepEqual(
        unconfirmed.decision.reasons.map((r) => r.code),
        ["confirmation_required"],
      );

      const otherReason: CommerceChange = { ...cancel, reason: "ordered by mistake" };
      s.confirm(unconfirmed.proposal.digest);
      const mismatched = await commitChange(context(s), otherReason);
      assert.equal(mismatched.status, "denied", "a yes to one reason does not cover another");

      const applied = await commitChange(context(s), cancel);
      assert.equal(applied.status, "applied");
      assert.equal((await oms.getOrder("#W5911003"))?.status, "cancelled");
      const actions = (await audit.list({ subjectType: "order", subjectId: "#W5911003" })).map(
        (e) => e.action,
      );
      assert.deepEqual(actions.slice(0, 2), ["change_applied", "change_requested"]);
      const again = await commitChange(context(s), cancel);
      assert.equal(again.status, "refused", "the order is cancelled now; the confirmation was used up");
    });

    test("the order system's refusal comes back as a value and nothing is written", async () => {
      const s = session("yusuf_rossi_9620");
      const result = await commitChange(context(s), {
        kind: "cancel_order",
        orderId: "#W9999999",
        reason: "no longer needed",
      });
      assert.ok(result.status === "refused" && result.refusal.code === "order_not_found");
    });

    test("the audit chain verifies after all of it", async () => {
      const verdict = await audit.verify();
      assert.ok(verdict.ok);
      assert.ok(verdict.entries >= 5);
    });
  });

  describe(`change flow obligations on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let oms: ReferenceOms;
    let audit: AuditLog;
    let clock: Clock;

    before(async () => {
      storage = await database.open();
      ({ oms, clock } = await seededStore(storage, "tau"));
      audit = new AuditLog({
        db: storage.db,
        dialect: storage.dialect,
        clock,
        vault: Vault.ephemeral(storage.db),
      });
    });
    after(() => storage.close());

    /** Delivered tau orders inside the standard 30-day window, fullest first. */
    async function recentDelivered() {
      const since = new Date(clock.now().getTime() - 25 * 86_400_000).toISOString();
      const ids = await (storage.db as unknown as OmsDb)
        .selectFrom("oms_orders")
        .select("id")
        .where("status", "=", "delivered")
        .where("delivered_at", ">=", since)
        .orderBy("id")
        .execute();
      return oms.getOrders(ids.map((r) => r.id));
    }

    test("a refund above the threshold is held for a person's approval and nothing changes", async () => {
      const order = (await recentDelivered()).find(
        (o) => o.items.reduce((sum, i) => sum + i.unitPriceMinor, 0) > 50_000,
      );
      assert.ok(order, "fixture: a recent delivered order above $500");
      const s = new ToolSession("approval");
      s.verify(order.customerId, "email");
      const ctx: ToolContext = { connector: oms, policy: standardPolicy, audit, clock, session: s };
      const payment = order.transactions[0]?.paymentMethodId ?? "";
      const change: CommerceChange = {
        kind: "create_return",
        orderId: order.id,
        lineIds: order.items.map((i) => i.lineId),
        refundMethodId: payment,
        reason: "Changed my mind",
      };
      const proposal = await proposeChange(ctx, change);
      assert.ok(proposal.ok);
      s.confirm(proposal.proposal.digest);
      const result = await commitChange(ctx, change);
      assert.equal(result.status, "approval_required");
      assert.deepEqual(result.status === "approval_required" && result.decision.obligations.approvalReasons, [
        "refund_over_threshold",
      ]);
      assert.equal((await oms.getOrder(order.id))?.returns.length, 0);
      assert.equal((await audit.list({ subjectId: order.id, limit: 1 }))[0]?.action, "change_needs_approval");
    });

    test("a restocking fee is part of what the customer confirms", async () => {
      const orders = await recentDelivered();
      const order = orders.find((o) =>
        o.items.some(
          (i) =>
            ["Headphones", "Laptop", "Tablet", "Smartphone", "E-Reader"].includes(i.name) &&
            i.unitPriceMinor < 40_000,
        ),
      );
      const gadget = order?.items.find(
        (i) =>
          ["Headphones", "Laptop", "Tablet", "Smartphone", "E-Reader"].includes(i.name) &&
          i.unitPriceMinor < 40_000,
      );
      assert.ok(order && gadget, "fixture: a recent order with an electronics item under $400");
      const s = new ToolSession("fee");
      s.verify(order.customerId, "email");
      const ctx: ToolContext = { connector: oms, policy: standardPolicy, audit, clock, session: s };
      const change: CommerceChange = {
        kind: "create_return",
        orderId: order.id,
        lineIds: [gadget.lineId],
        refundMethodId: order.transactions[0]?.paymentMethodId ?? "",
        opened: [gadget.lineId],
      };
      const proposal = await proposeChange(ctx, change);
      assert.ok(proposal.ok);
      const fee = Math.round(gadget.unitPriceMinor * 0.15);
      assert.equal(
        proposal.proposal.change.kind === "create_return" && proposal.proposal.change.feeMinor,
        fee,
      );
      assert.equal(proposal.proposal.preview.amountMinor, gadget.unitPriceMinor - fee);
      s.confirm(proposal.proposal.digest);
      const result = await commitChange(ctx, change);
      assert.equal(result.status, "applied");
      assert.equal((await oms.getOrder(order.id))?.returns[0]?.feeMinor, fee);
    });
  });
}
