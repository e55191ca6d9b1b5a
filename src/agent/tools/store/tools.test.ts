import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testDatabases } from "../../../../test/support/databases.ts";
import { seededStore } from "../../../../test/support/store.ts";
import type { OmsDb, ReferenceOms } from "../../../commerce/reference/index.ts";
import { AuditLog, Vault } from "../../../compliance/index.ts";
import type { Clock, Storage } from "../../../platform/index.ts";
import { loadPolicyPack, PolicyEngine } from "../../../policy/index.ts";
import type { ToolContext } from "../context.ts";
import { ToolRegistry } from "../registry.ts";
import { ToolSession } from "../session.ts";
import { storeTools } from "./tools.ts";

const policy = new PolicyEngine(loadPolicyPack("agents/default/policy.yaml"));
const registry = new ToolRegistry(storeTools);

for (const database of await testDatabases()) {
  describe(`store tools on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let oms: ReferenceOms;
    let db: OmsDb;
    let clock: Clock;
    let audit: AuditLog;
    const ctx = (session: ToolSession): ToolContext => ({ connector: oms, policy, audit, clock, session });

    before(async () => {
      storage = await database.open();
      ({ oms, clock, db } = await seededStore(storage, "enriched"));
      audit = new AuditLog({
        db: storage.db,
        dialect: storage.dialect,
        clock,
        vault: Vault.ephemeral(storage.db),
      });
    });
    after(() => storage.close());

    async function verifiedFor(orderId: string) {
      const order = await oms.getOrder(orderId);
      const customer = order && (await oms.getCustomer(order.customerId));
      assert.ok(order && customer);
      const session = new ToolSession(`s-${orderId}`);
      const result = await registry.call(
        "verify_customer_by_order",
        { order_id: orderId, postal_code: customer.address.postalCode.toLowerCase() },
        ctx(session),
      );
      assert.equal(result.ok, true, result.text);
      return { session, order, customer };
    }

    test("verification by order number needs a matching second detail, and says nothing about which failed", async () => {
      const session = new ToolSession("v");
      const wrong = await registry.call(
        "verify_customer_by_order",
        { order_id: "#W2378156", email: "someone@example.com" },
        ctx(session),
      );
      assert.equal(wrong.text, "Error: the details do not match our records");
      assert.equal(session.verifiedCustomerId, null);
      const none = await registry.call("verify_customer_by_order", { order_id: "#W2378156" }, ctx(session));
      assert.equal(none.ok, false);
      const right = await registry.call(
        "verify_customer_by_order",
        { order_id: "#W2378156", email: "Yusuf.Rossi7301@example.com" },
        ctx(session),
      );
      assert.equal(right.ok, true);
      assert.equal(session.verificationMethod, "order_and_email");
    });

    test("tracking shows the carrier's latest scan and the estimate, for the owner only", async () => {
      const delayed = await db
        .selectFrom("oms_shipments")
        .select("order_id")
        .where("status", "=", "delayed")
        .orderBy("order_id")
        .executeTakeFirstOrThrow();
      const { session } = await verifiedFor(delayed.order_id);
      const result = await registry.call("track_shipment", { order_id: delayed.order_id }, ctx(session));
      assert.ok(result.ok);
      const view = result.output as {
        shipments: Array<{
          status: string;
          latest_event: { status: string; description: string };
          estimated_delivery: string;
        }>;
      };
      assert.equal(view.shipments[0]?.status, "delayed");
      assert.match(view.shipments[0]?.latest_event.description ?? "", /^Delay:/);
      assert.ok(
        (view.shipments[0]?.estimated_delivery ?? "") >= clock.now().toISOString().slice(0, 10),
        "a delayed parcel's estimate is not in the past",
      );
      const other = await registry.call("track_shipment", { order_id: "#W2378156" }, ctx(session));
      assert.equal(other.text, "Error: order #W2378156 not found");
    });

    test("refund status gives amounts, destination and the expected date", async () => {
      const pending = await db
        .selectFrom("oms_transactions")
        .select("order_id")
        .where("kind", "=", "refund")
        .where("status", "=", "pending")
        .orderBy("order_id")
        .executeTakeFirstOrThrow();
      const { session } = await verifiedFor(pending.order_id);
      const result = await registry.call("get_refund_status", { order_id: pending.order_id }, ctx(session));
      assert.ok(result.ok);
      const refund = (
        result.output as {
          refunds: Array<{ status: string; expected_by: string | null; amount: { amount: string } }>;
        }
      ).refunds.find((r) => r.status === "pending");
      assert.ok(refund?.expected_by && refund.expected_by > clock.now().toISOString());
      assert.match(refund.amount.amount, /^\d+\.\d{2}$/);
    });

    test("an open return's label can be fetched again", async () => {
      const open = await db
        .selectFrom("oms_returns")
        .select("order_id")
        .where("status", "=", "requested")
        .orderBy("order_id")
        .executeTakeFirstOrThrow();
      const { session } = await verifiedFor(open.order_id);
      const result = await registry.call("get_return_label", { order_id: open.order_id }, ctx(session));
      assert.ok(result.ok);
      const [label] = result.output as Array<{ rma_number: string; label: { url: string; carrier: string } }>;
      assert.match(label?.rma_number ?? "", /^RMA-\d{8}$/);
      assert.ok(label?.label.url.includes(label.rma_number));
    });

    test("collections: an overdue invoice, a promise the policy allows, and one it refuses", async () => {
      const today = clock.now().toISOString().slice(0, 10);
      const overdue = await db
        .selectFrom("oms_invoices")
        .selectAll()
        .where("status", "=", "open")
        .where("outstanding_minor", ">", 0)
        .where("due_date", "<", today)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const { session } = await verifiedFor(overdue.order_id);
      const status = await registry.call("get_invoice_status", { invoice_id: overdue.id }, ctx(session));
      assert.ok(status.ok);
      assert.equal((status.output as Array<{ status: string }>)[0]?.status, "overdue");

      const amount = (overdue.outstanding_minor / 100).toFixed(2);
      const tooFar = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
      const far = await registry.call(
        "promise_to_pay",
        { invoice_id: overdue.id, amount, date: tooFar },
        ctx(session),
      );
      assert.equal(far.ok, false);
      assert.equal(far.text, "Error: A payment date can be at most 14 days from today.");

      const soon = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
      const unconfirmed = await registry.call(
        "promise_to_pay",
        { invoice_id: overdue.id, amount, date: soon },
        ctx(session),
      );
      assert.equal(unconfirmed.ok, false);
      const digest = (unconfirmed.ok ? undefined : (unconfirmed.error.details as { confirmation: string }))
        ?.confirmation;
      assert.ok(digest);
      session.confirm(digest);
      const recorded = await registry.call(
        "promise_to_pay",
        { invoice_id: overdue.id, amount, date: soon },
        ctx(session),
      );
      assert.ok(recorded.ok, recorded.text);
      const promises = (await oms.getInvoice(overdue.id))?.promises.filter((p) => p.status === "open");
      assert.deepEqual(
        promises?.map((p) => [p.amountMinor, p.promisedDate]),
        [[overdue.outstanding_minor, soon]],
      );
    });

    test("nothing is readable before verification", async () => {
      for (const [name, args] of [
        ["list_orders", {}],
        ["track_shipment", { order_id: "#W2378156" }],
        ["get_invoice_status", {}],
      ] as const) {
        const result = await registry.call(name, args, ctx(new ToolSession("anon")));
        assert.equal(result.text, "Error: the customer must be verified first", name);
      }
    });
  });
}
