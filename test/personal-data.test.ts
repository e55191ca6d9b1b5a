import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import type { App } from "../src/app.ts";
import type { Storage } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";
import { everyStoredText } from "./support/scan.ts";

async function say(url: string, id: string, text: string) {
  const res = await fetch(`${url}/api/v1/conversations/${id}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  return { status: res.status, body: (await res.json()) as { messages?: Array<{ text: string }> } };
}

for (const database of await testDatabases()) {
  describe(`personal data on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let app: App;
    let url: string;
    let customerId: string;
    let conversationId: string;
    const identifying: string[] = [];
    let name = { first: "", last: "", postalCode: "" };

    before(async () => {
      storage = await database.open();
      ({ app, url } = await startTestApp(storage));
      customerId = (await app.connector.findCustomerByEmail("liam.thomas9081@example.com")) as string;
      const customer = await app.connector.getCustomer(customerId);
      assert.ok(customer);
      name = { first: customer.firstName, last: customer.lastName, postalCode: customer.address.postalCode };
      // First and last names alone are shared with other customers; these identify this one.
      identifying.push(
        customerId,
        customer.address.line1,
        ...customer.emails,
        ...customer.phones,
        "221 Baker Street",
      );
      // The customer changes an address: the conversation, the order system and the audit log now hold it.
      const started = (await (
        await fetch(`${url}/api/v1/conversations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ channel: "chat", locale: "en-US" }),
        })
      ).json()) as { id: string };
      conversationId = started.id;
      for (const text of [
        "I need to change the delivery address on my order",
        "liam.thomas9081@example.com",
        "the skateboard one",
        "221 Baker Street, Apt 4, Austin, TX 78701",
        "yes",
      ])
        assert.equal((await say(url, conversationId, text)).status, 200);
      assert.equal((await app.connector.getOrder("#W3295833"))?.address.city, "Austin");
    });
    after(async () => {
      await app.close();
      await storage.close();
    });

    test("what was said is stored sealed: no plaintext of the conversation or the audit details", async () => {
      // The conversation row keeps the customer id (the link erasure follows); what was said is sealed.
      const stored = await everyStoredText(storage, ["conversation_events", "audit_log"]);
      const states = await sql<{ state: string }>`select state from conversations`.execute(storage.db);
      for (const { state } of states.rows) stored.push(state);
      for (const needle of ["Baker Street", "liam.thomas9081", customerId])
        assert.deepEqual(
          stored.filter((v) => v.includes(needle)),
          [],
          needle,
        );
      const events = await app.conversations.get(conversationId);
      assert.ok(JSON.stringify(events?.events).includes("liam.thomas9081@example.com"));
    });

    test("the export holds the profile, orders, conversations and audit entries, as JSON", async () => {
      const res = await fetch(`${url}/api/v1/customers/${customerId}/personal-data`, { headers: admin });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { erased: boolean; sections: Record<string, unknown> };
      assert.equal(body.erased, false);
      assert.equal((body.sections.profile as { id: string }).id, customerId);
      assert.ok((body.sections.orders as unknown[]).length > 0);
      assert.equal((body.sections.conversations as Array<{ id: string }>)[0]?.id, conversationId);
      const audit = body.sections.audit as Array<{ action: string; data: unknown }>;
      assert.ok(
        audit.some((e) => e.action === "change_applied" && JSON.stringify(e.data).includes("Baker Street")),
      );
    });

    test("after erasure nothing personal can be read anywhere, the audit chain verifies, the export is empty", async () => {
      const auditBefore = await app.audit.list({ subjectType: "order", subjectId: "#W3295833" });
      assert.ok(auditBefore.length > 0);

      const refused = await fetch(`${url}/api/v1/customers/${customerId}/personal-data`, {
        method: "DELETE",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ confirm: "someone else" }),
      });
      assert.equal(refused.status, 400);
      const erased = await fetch(`${url}/api/v1/customers/${customerId}/personal-data`, {
        method: "DELETE",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ confirm: customerId }),
      });
      assert.equal(erased.status, 200);
      const report = (await erased.json()) as { sections: Record<string, number> };
      assert.equal(report.sections.conversations, 1);

      // Scan every value of every table (case-insensitive) for anything that identified them.
      const stored = (await everyStoredText(storage)).map((v) => v.toLowerCase());
      for (const needle of identifying) {
        const hits = stored.filter((v) => v.includes(needle.toLowerCase()));
        assert.deepEqual(hits, [], `"${needle}" is still stored`);
      }
      // Through the APIs too: the conversation's events are unreadable, and it takes no more messages.
      const conversation = (await (await fetch(`${url}/api/v1/conversations/${conversationId}`)).json()) as {
        customerId: string | null;
        events: Array<{ event: Record<string, unknown> }>;
      };
      assert.equal(conversation.customerId, null);
      assert.ok(conversation.events.every((e) => e.event.erased === true));
      assert.equal((await say(url, conversationId, "hello again")).status, 410);
      assert.equal(await app.connector.getCustomer(customerId), null);
      assert.equal(await app.connector.findCustomerByEmail("liam.thomas9081@example.com"), null);
      assert.equal(
        await app.connector.findCustomerByNameAndPostalCode(name.first, name.last, name.postalCode),
        null,
      );

      // The audit entries about their orders are still there, still chained, no longer readable.
      const auditAfter = await app.audit.list({ subjectType: "order", subjectId: "#W3295833" });
      assert.equal(auditAfter.length, auditBefore.length);
      assert.ok(auditAfter.every((e) => JSON.stringify(e.data) === JSON.stringify({ erased: true })));
      assert.deepEqual((await app.audit.verify()).ok, true);
      const log = (await (await fetch(`${url}/api/v1/audit?limit=5`, { headers: admin })).json()) as {
        entries: Array<{ action: string; subject: { id: string } }>;
      };
      const erasure = log.entries.find((e) => e.action === "personal_data_erased");
      assert.ok(erasure && !erasure.subject.id.includes(customerId));

      const exported = (await (
        await fetch(`${url}/api/v1/customers/${customerId}/personal-data`, { headers: admin })
      ).json()) as { erased: boolean; sections: Record<string, unknown> };
      assert.equal(exported.erased, true);
      assert.deepEqual(exported.sections, {
        profile: null,
        orders: [],
        invoices: [],
        conversations: [],
        audit: [],
      });
    });
  });
}
