import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { z } from "zod";
import { testDatabases } from "../../../test/support/databases.ts";
import { seededStore } from "../../../test/support/store.ts";
import { AuditLog, Vault } from "../../compliance/index.ts";
import type { Storage } from "../../platform/index.ts";
import { loadPolicyPack, PolicyEngine } from "../../policy/index.ts";
import type { ToolContext } from "./context.ts";
import { defineTool, ToolRegistry } from "./registry.ts";
import { ToolSession } from "./session.ts";
import { calculate, pythonFloat } from "./tau/calculate.ts";
import { tauTools } from "./tau/tools.ts";

const TAU_TOOL_NAMES = [
  "calculate",
  "cancel_pending_order",
  "exchange_delivered_order_items",
  "find_user_id_by_email",
  "find_user_id_by_name_zip",
  "get_item_details",
  "get_order_details",
  "get_product_details",
  "get_user_details",
  "list_all_product_types",
  "modify_pending_order_address",
  "modify_pending_order_items",
  "modify_pending_order_payment",
  "modify_user_address",
  "return_delivered_order_items",
  "think",
  "transfer_to_human_agents",
];

describe("tool registry", () => {
  test("exports tau's tool set as function schemas with its argument names", () => {
    const schemas = new ToolRegistry(tauTools).functionSchemas();
    assert.deepEqual(schemas.map((s) => s.function.name).sort(), TAU_TOOL_NAMES);
    const exchange = schemas.find((s) => s.function.name === "exchange_delivered_order_items")?.function
      .parameters as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(Object.keys(exchange.properties).sort(), [
      "item_ids",
      "new_item_ids",
      "order_id",
      "payment_method_id",
    ]);
    assert.deepEqual(exchange.required.sort(), ["item_ids", "new_item_ids", "order_id", "payment_method_id"]);
  });

  test("bad arguments are refused with what was wrong; a failing tool never leaks its error", async () => {
    const logged: unknown[] = [];
    const registry = new ToolRegistry(
      [
        ...tauTools,
        defineTool({
          name: "explode",
          description: "fails",
          parameters: z.object({}),
          mutates: false,
          async run() {
            throw new Error("secret connection string postgres://admin:hunter2@db");
          },
        }),
      ],
      { error: (details) => logged.push(details) },
    );
    const ctx = { session: new ToolSession("x") } as unknown as ToolContext;
    const bad = await registry.call("cancel_pending_order", { order_id: 42 }, ctx);
    assert.equal(bad.ok, false);
    assert.match(bad.text, /^Error: invalid arguments for cancel_pending_order: order_id: .*; reason: /);
    const boom = await registry.call("explode", {}, ctx);
    assert.deepEqual(boom, {
      ok: false,
      error: { code: "internal_error", message: "an internal error occurred" },
      text: "Error: an internal error occurred",
    });
    assert.equal(logged.length, 1);
    assert.equal((await registry.call("nope", {}, ctx)).ok, false);
  });
});

describe("calculate", () => {
  test("evaluates arithmetic like tau's tool and refuses anything else", () => {
    assert.deepEqual(calculate("2 + 2 * 3"), { ok: true, value: 8 });
    assert.deepEqual(calculate("(1000 - 12.5) / 3"), { ok: true, value: 329.17 });
    assert.deepEqual(calculate("-(2.5 + .5) * -2"), { ok: true, value: 6 });
    assert.equal(pythonFloat(6), "6.0");
    assert.equal(calculate("process.exit()").ok, false);
    assert.equal(calculate("1 / 0").ok, false);
    assert.equal(calculate("(1 + 2").ok, false);
  });

  test("agrees with ordinary arithmetic on random expressions", () => {
    const expr: fc.Arbitrary<{ text: string; value: number }> = fc.letrec<{
      node: { text: string; value: number };
    }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.integer({ min: 0, max: 10_000 }).map((n) => ({ text: String(n / 100), value: n / 100 })),
        fc.tuple(tie("node"), fc.constantFrom("+", "-", "*"), tie("node")).map(([a, op, b]) => ({
          text: `(${a.text} ${op} ${b.text})`,
          value: op === "+" ? a.value + b.value : op === "-" ? a.value - b.value : a.value * b.value,
        })),
      ),
    })).node;
    fc.assert(
      fc.property(expr, ({ text, value }) => {
        const result = calculate(text);
        assert.ok(result.ok);
        assert.ok(
          Math.abs(result.value - Math.round(value * 100) / 100) <= 0.01 + Math.abs(value) * 1e-12,
          `${text} = ${value}, got ${result.value}`,
        );
      }),
      { numRuns: 500 },
    );
  });
});

for (const database of await testDatabases()) {
  describe(`tau tools on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let ctx: ToolContext;
    const registry = new ToolRegistry(tauTools);

    before(async () => {
      storage = await database.open();
      const { oms, clock } = await seededStore(storage, "tau");
      const policy = new PolicyEngine(loadPolicyPack("agents/tau-retail/policy.yaml"));
      ctx = {
        connector: oms,
        policy,
        audit: new AuditLog({
          db: storage.db,
          dialect: storage.dialect,
          clock,
          vault: Vault.ephemeral(storage.db),
        }),
        clock,
        session: new ToolSession("tools"),
      };
    });
    after(() => storage.close());

    test("customers' data is readable only after they are verified, and only theirs", async () => {
      assert.match(
        (await registry.call("get_order_details", { order_id: "#W2378156" }, ctx)).text,
        /authenticated first/,
      );
      const found = await registry.call(
        "find_user_id_by_name_zip",
        { first_name: "Yusuf", last_name: "Rossi", zip: "19122" },
        ctx,
      );
      assert.deepEqual([found.ok, found.text], [true, "yusuf_rossi_9620"]);
      const own = await registry.call("get_order_details", { order_id: "#W2378156" }, ctx);
      assert.equal(own.ok, true);
      assert.equal((JSON.parse(own.text) as { status: string }).status, "delivered");
      const theirs = await registry.call("get_order_details", { order_id: "#W2611340" }, ctx);
      assert.deepEqual([theirs.ok, theirs.text], [false, "Error: order not found"]);
      const second = await registry.call(
        "find_user_id_by_email",
        { email: "noah.brown7922@example.com" },
        ctx,
      );
      assert.equal(second.ok, false, "one customer per conversation");
      assert.equal(ctx.session.verifiedCustomerId, "yusuf_rossi_9620");
    });

    test("product lookups answer in tau's shapes", async () => {
      const types = JSON.parse((await registry.call("list_all_product_types", {}, ctx)).text) as Record<
        string,
        string
      >;
      assert.equal(Object.keys(types).length, 50);
      assert.equal(types["Mechanical Keyboard"], "1656367028");
      const product = JSON.parse(
        (await registry.call("get_product_details", { product_id: "1656367028" }, ctx)).text,
      ) as { variants: Record<string, { price: number }> };
      assert.equal(Object.keys(product.variants).length, 20);
      assert.equal(
        (await registry.call("get_product_details", { product_id: "1151293680" }, ctx)).text,
        "Error: product not found",
      );
    });
  });
}
