import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { App } from "../src/app.ts";
import type { Storage } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";

for (const database of await testDatabases()) {
  describe(`admin API on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let app: App;
    let url: string;

    before(async () => {
      storage = await database.open();
      ({ app, url } = await startTestApp(storage));
    });
    after(async () => {
      await app.close();
      await storage.close();
    });

    test("the first start seeds the enriched store and /health says so", async () => {
      assert.equal(app.seeded?.dataset, "enriched");
      const res = await fetch(`${url}/health`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as {
        status: string;
        database: { dialect: string };
        store: { customers: number; dataset: string };
        agent: { policyPack: string };
      };
      assert.equal(body.status, "ok");
      assert.equal(body.database.dialect, database.name);
      assert.equal(body.store.customers, 800);
      assert.equal(body.store.dataset, "enriched");
      assert.equal(body.agent.policyPack, "standard@1");
    });

    test("an order is read by its URL-encoded id, with shipments and tracking", async () => {
      const res = await fetch(`${url}/api/v1/orders/%23W2378156`, { headers: admin });
      assert.equal(res.status, 200);
      const order = (await res.json()) as {
        id: string;
        customerId: string;
        items: unknown[];
        shipments: Array<{ trackingNumber: string; events: unknown[] }>;
      };
      assert.equal(order.id, "#W2378156");
      assert.equal(order.customerId, "yusuf_rossi_9620");
      assert.equal(order.items.length, 5);
      assert.equal(order.shipments[0]?.trackingNumber, "843053632392");
      assert.ok((order.shipments[0]?.events.length ?? 0) >= 4);
    });

    test("a customer is read with payment methods carrying brand and last four only", async () => {
      const res = await fetch(`${url}/api/v1/customers/yusuf_rossi_9620`, { headers: admin });
      assert.equal(res.status, 200);
      const customer = (await res.json()) as {
        paymentMethods: Array<Record<string, unknown>>;
        phones: string[];
      };
      assert.deepEqual(Object.keys(customer.paymentMethods[0] ?? {}).sort(), [
        "brand",
        "currency",
        "id",
        "kind",
        "lastFour",
      ]);
      assert.match(customer.phones[0] ?? "", /^\+1\d{10}$/);
    });

    test("without a valid token the API refuses, and says how to authenticate", async () => {
      const none = await fetch(`${url}/api/v1/orders/%23W2378156`);
      assert.equal(none.status, 401);
      assert.equal(none.headers.get("www-authenticate"), 'Bearer realm="switchboard"');
      const wrong = await fetch(`${url}/api/v1/customers/yusuf_rossi_9620`, {
        headers: { authorization: "Bearer nope" },
      });
      assert.equal(wrong.status, 401);
      assert.deepEqual(await wrong.json(), {
        error: { code: "unauthorized", message: "The token or session is invalid or has expired" },
      });
    });

    test("unknown records and malformed requests get clear errors", async () => {
      const missing = await fetch(`${url}/api/v1/orders/%23W0000000`, { headers: admin });
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), {
        error: { code: "not_found", message: "Order #W0000000 not found" },
      });
      const tooLong = await fetch(`${url}/api/v1/orders/${"x".repeat(100)}`, { headers: admin });
      assert.equal(tooLong.status, 400);
      assert.match(((await tooLong.json()) as { error: { message: string } }).error.message, /orderId/);
      const badQuery = await fetch(`${url}/api/v1/tools?set=everything`, { headers: admin });
      assert.equal(badQuery.status, 400);
      const noRoute = await fetch(`${url}/api/v1/nothing`);
      assert.equal(noRoute.status, 404);
    });

    test("the tool sets are published as function schemas", async () => {
      const tau = (await (await fetch(`${url}/api/v1/tools?set=tau`, { headers: admin })).json()) as Array<{
        function: { name: string };
      }>;
      assert.equal(tau.length, 17);
      const store = (await (
        await fetch(`${url}/api/v1/tools?set=store`, { headers: admin })
      ).json()) as Array<{ function: { name: string } }>;
      assert.deepEqual(store.map((t) => t.function.name).sort(), [
        "get_invoice_status",
        "get_refund_status",
        "get_return_label",
        "list_orders",
        "promise_to_pay",
        "track_shipment",
        "verify_customer_by_order",
      ]);
    });

    test("the OpenAPI description lists every route with its schemas", async () => {
      const spec = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, Record<string, { parameters?: unknown[]; responses: Record<string, unknown> }>>;
      };
      assert.equal(spec.openapi, "3.1.0");
      for (const path of ["/health", "/api/v1/orders/{orderId}", "/api/v1/customers/{id}", "/api/v1/tools"])
        assert.ok(spec.paths[path], path);
      const order = spec.paths["/api/v1/orders/{orderId}"]?.get;
      assert.ok(order?.responses["200"] && order.responses["401"] && order.responses["404"]);
      assert.equal(order?.parameters?.length, 1);
    });

    test("Prometheus metrics count the requests by route", async () => {
      assert.equal((await fetch(`${url}/metrics`)).status, 401);
      const text = await (await fetch(`${url}/metrics`, { headers: admin })).text();
      assert.match(
        text,
        /switchboard_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/orders\/:orderId",status="200"\} [1-9]/,
      );
      assert.match(text, /switchboard_process_cpu_seconds_total/);
    });
  });
}
