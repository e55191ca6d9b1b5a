import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const CHAT_HTML = readFileSync(new URL("./page/chat.html", import.meta.url), "utf8");
const WIDGET_JS = readFileSync(new URL("./page/widget.js", import.meta.url), "utf8");

/** The chat page at /chat and the script that embeds it in a shop's pages. */
export function chatPage(app: FastifyInstance, storeName: string): void {
  const html = CHAT_HTML.replace(
    "<title>Chat with us</title>",
    `<title>${escapeHtml(storeName)}: chat</title>`,
  ).replace('<h1 id="title">Customer service</h1>', `<h1 id="title">${escapeHtml(storeName)}</h1>`);
  app.get("/chat", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(html),
  );
  app.get("/chat/widget.js", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").send(WIDGET_JS),
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
