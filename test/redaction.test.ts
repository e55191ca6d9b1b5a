import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, test } from "node:test";
import type { App } from "../src/app.ts";
import { redactForLog } from "../src/compliance/index.ts";
import { createLogger, type Storage } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { testDatabases } from "./support/databases.ts";
import { everyStoredText } from "./support/scan.ts";

/** What must never be kept, in the forms it was sent (digits only, and as grouped by the customer). */
const SECRETS = [
  "4111111111111111",
  "4111 1111 1111 1111",
  "5555555555554444",
  "378282246310005",
  "822463", // the middle of the Amex number sent across two messages
  "DE89370400440532013000",
  "DE89 3704 0044 0532 0130 00",
  "0532 0130",
  "GB82WEST12345698765432",
  "4000056655665556",
];

const CHAT_TURNS = [
  "Where is my order?",
  "liam.thomas9081@example.com",
  "Can I pay with my card 4111 1111 1111 1111 exp 12/27 cvv 123",
  "my credit card number is 3782 822463",
  "10005",
  "please refund to my IBAN DE89 3704 0044 0532 0130 00",
  "or to GB82WEST12345698765432 instead",
];

/** As an ASR transcript reads a caller saying their card number, digit by digit. */
const VOICE_TURNS = [
  "i want to pay by card",
  "the card number is five five five five five five five five five five five five four four four four",
  "four zero zero zero zero five six six",
  "five five six six five five five six",
];

for (const database of await testDatabases()) {
  describe(`redaction end to end on ${database.name}`, { skip: database.skip }, () => {
    let storage: Storage;
    let app: App;
    let url: string;
    let logs = "";
    const conversations: string[] = [];

    async function converse(channel: string, turns: string[]) {
      const started = (await (
        await fetch(`${url}/api/v1/conversations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ channel, locale: "en-US" }),
        })
      ).json()) as { id: string };
      conversations.push(started.id);
      const replies: string[] = [];
      for (const text of turns) {
        const res = await fetch(`${url}/api/v1/conversations/${started.id}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text }),
        });
        assert.equal(res.status, 200);
        const body = (await res.json()) as { messages: Array<{ text: string }> };
        replies.push(...body.messages.map((m) => m.text));
      }
      return replies;
    }

    before(async () => {
      storage = await database.open();
      const sink = new Writable({
        write(chunk, _encoding, done) {
          logs += String(chunk);
          done();
        },
      });
      const logger = createLogger({ level: "trace", destination: sink, scrub: redactForLog });
      ({ app, url } = await startTestApp(storage, { logger }));
      const replies = [...(await converse("chat", CHAT_TURNS)), ...(await converse("voice", VOICE_TURNS))];
      // The agent never repeats them either.
      for (const secret of SECRETS) assert.ok(!replies.join("\n").includes(secret), secret);
      // ...and tells the customer it removed them, pointing to the secure way to pay.
      assert.ok(replies.some((r) => r.includes("I removed the card details")));
      // Something that reaches a log line with a card in it (an error quoting input) is masked too.
      logger.error({ err: new Error("could not parse 4111 1111 1111 1111") }, "parse failed");
    });
    after(async () => {
      await app.close();
      await storage.close();
    });

    const absent = (where: string, text: string) => {
      const found = SECRETS.filter((s) => text.includes(s));
      assert.deepEqual(found, [], `${where} holds ${found.join(", ")}`);
    };

    test("the transcripts read back through the API show masks, not numbers", async () => {
      for (const id of conversations) {
        const res = await fetch(`${url}/api/v1/conversations/${id}`);
        const text = await res.text();
        absent(`conversation ${id}`, text);
        assert.match(text, /\[card ending \d{4}\]|\[card digits removed\]/);
      }
      const chat = await (await fetch(`${url}/api/v1/conversations/${conversations[0]}`)).text();
      assert.match(chat, /\[IBAN ending 3000\]/);
      assert.match(chat, /\[card ending 1111\]/);
      assert.match(chat, /\[security code removed\]/);
      assert.match(chat, /\[expiry removed\]/);
    });

    test("the database, opened or not, holds none of them", async () => {
      absent("the database", (await everyStoredText(storage)).join("\n"));
      // Opened: every event of every conversation, decrypted.
      for (const id of conversations) absent(id, JSON.stringify(await app.conversations.get(id)));
    });

    test("the customer's data export holds none of them", async () => {
      const customerId = (await app.connector.findCustomerByEmail("liam.thomas9081@example.com")) as string;
      const res = await fetch(`${url}/api/v1/customers/${customerId}/personal-data`, { headers: admin });
      const text = await res.text();
      assert.ok(text.includes(conversations[0] as string), "the export includes the chat");
      absent("the export", text);
    });

    test("the logs hold none of them", () => {
      assert.match(logs, /parse failed/);
      absent("the logs", logs);
    });
  });
}
