// The /chat page in a real browser (Debian's chromium through playwright-core), used as a new customer
// would: one everyday contact in each of the six languages, with the order system checked afterwards.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { App } from "../src/app.ts";
import type { Storage } from "../src/platform/index.ts";
import { admin, startTestApp } from "./support/app.ts";
import { browserMissing, launchBrowser } from "./support/browser.ts";
import { testDatabases } from "./support/databases.ts";

const SHOTS = "test-output/chat-page";
const missing = browserMissing("/chat");

/** Types a message as a person would and waits for the agent's answer to appear. */
async function say(page: Page, text: string): Promise<string> {
  const before = await page.locator(".msg.agent").count();
  await page.locator("#text").fill(text);
  await page.keyboard.press("Enter");
  // Locators, not evaluated scripts: the page's CSP allows no eval. The answer is in and the box open.
  await page.locator(".msg.agent").nth(before).waitFor();
  await page.locator("#text:not([disabled])").waitFor();
  const all = await page.locator(".msg.agent").allTextContents();
  return all.slice(before).join("\n");
}

async function open(browser: Browser, url: string, locale: string): Promise<Page> {
  const page = await browser.newPage({ locale, viewport: { width: 420, height: 760 } });
  await page.goto(`${url}/chat?locale=${locale}`);
  await page.locator(".msg.agent").first().waitFor();
  return page;
}

const [sqlite] = await testDatabases();

describe("the /chat page in a browser", { skip: missing || !sqlite }, () => {
  let storage: Storage;
  let app: App;
  let url: string;
  let browser: Browser;

  before(async () => {
    storage = await (sqlite as NonNullable<typeof sqlite>).open();
    ({ app, url } = await startTestApp(storage));
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await storage?.close();
  });

  const order = async (id: string) => {
    const res = await fetch(`${url}/api/v1/orders/${encodeURIComponent(id)}`, { headers: admin });
    assert.equal(res.status, 200);
    return (await res.json()) as { status: string; returns: unknown[]; exchanges: unknown[] };
  };

  test("English: where is my order", async () => {
    const page = await open(browser, url, "en-US");
    assert.match((await page.locator(".msg.agent").first().textContent()) ?? "", /How can I help/);
    await say(page, "where is my order #W8770097?");
    const reply = await say(page, "ivan.santos3158@example.com");
    assert.match(reply, /#W8770097/);
    assert.match(reply, /hasn't shipped/);
    await page.screenshot({ path: `${SHOTS}/en-status.png` });
    await page.close();
  });

  test("Deutsch: einen Artikel zurückschicken", async () => {
    const page = await open(browser, url, "de-DE");
    await say(page, "Ich möchte das Hundebett aus meiner Bestellung #W3838037 zurückschicken");
    assert.match(await say(page, "marie.fischer617@example.com"), /warum/);
    assert.match(await say(page, "es ist zu klein"), /Zur Bestätigung/);
    assert.match(await say(page, "ja"), /RMA-/);
    await page.screenshot({ path: `${SHOTS}/de-return.png` });
    assert.equal((await order("#W3838037")).returns.length, 1);
    await page.close();
  });

  test("Français : échanger contre une autre couleur", async () => {
    const page = await open(browser, url, "fr-FR");
    await say(page, "Bonjour, je voudrais échanger mon casque contre une autre couleur");
    await say(page, "zoe.martin9080@example.fr");
    assert.match(await say(page, "#W2772842"), /couleur rouge/);
    assert.match(await say(page, "le rouge"), /Pour confirmer/);
    assert.match(await say(page, "oui"), /échange est enregistré/);
    assert.equal(await page.locator("#send").textContent(), "Envoyer");
    await page.screenshot({ path: `${SHOTS}/fr-exchange.png` });
    assert.equal((await order("#W2772842")).exchanges.length, 1);
    await page.close();
  });

  test("Español: cancelar un pedido pendiente", async () => {
    const page = await open(browser, url, "es-ES");
    await say(page, "quiero cancelar mi pedido");
    assert.match(await say(page, "martin.lopez5362@example.com"), /#W2466854/);
    assert.match(await say(page, "lo pedí por error"), /Para confirmar/);
    await say(page, "sí");
    await page.screenshot({ path: `${SHOTS}/es-cancel.png` });
    assert.equal((await order("#W2466854")).status, "cancelled");
    await page.close();
  });

  test("Nederlands: een retour buiten de termijn wordt geweigerd, met de reden", async () => {
    const page = await open(browser, url, "nl-NL");
    await say(page, "ik wil de fiets van bestelling #W9305517 retourneren");
    assert.match(await say(page, "fenna.dejong53@example.com"), /30 dagen/);
    await page.screenshot({ path: `${SHOTS}/nl-refused.png` });
    assert.equal((await order("#W9305517")).returns.length, 0);
    await page.close();
  });

  test("Italiano: parlare con un operatore", async () => {
    const page = await open(browser, url, "it-IT");
    const reply = await say(page, "voglio parlare con un operatore");
    assert.match(reply, /persona del nostro team/);
    await page.screenshot({ path: `${SHOTS}/it-human.png` });
    const id = await page.evaluate<string>(`sessionStorage.getItem("switchboard.conversation")`);
    const conversation = (await (await fetch(`${url}/api/v1/conversations/${id}`)).json()) as {
      status: string;
      events: Array<{ event: { type: string } }>;
    };
    assert.equal(conversation.status, "handed_off");
    assert.ok(conversation.events.some((e) => e.event.type === "handoff"));
    await page.close();
  });
});
