import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const CHAT_HTML = readFileSync(new URL("./page/chat.html", import.meta.url), "utf8");
const WIDGET_JS = readFileSync(new URL("./page/widget.js", import.meta.url), "utf8");

/** CSP hashes of the page's inline script and style: nothing else may run or style it. */
function inlineHashes(html: string, tag: "script" | "style"): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g")))
    out.push(
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "")
        .digest("base64")}'`,
    );
  return out;
}

/**
 * The chat page at /chat and the script that embeds it in a shop's pages. The page may be framed
 * by the shop's sites (`frameAncestors`), and runs only its own inline script.
 */
export function chatPage(app: FastifyInstance, storeName: string, frameAncestors: string[] = ["*"]): void {
  const html = CHAT_HTML.replace(
    "<title>Chat with us</title>",
    `<title>${escapeHtml(storeName)}: chat</title>`,
  ).replace('<h1 id="title">Customer service</h1>', `<h1 id="title">${escapeHtml(storeName)}</h1>`);
  const pageHelmet = {
    frameguard: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: inlineHashes(html, "script"),
        styleSrc: inlineHashes(html, "style"),
        connectSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        frameAncestors,
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
  } as const;
  app.get("/chat", { schema: { hide: true }, helmet: pageHelmet }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(html),
  );
  // Loaded by the shop's pages from another origin.
  app.get(
    "/chat/widget.js",
    { schema: { hide: true }, helmet: { crossOriginResourcePolicy: { policy: "cross-origin" } } },
    async (_request, reply) => reply.type("text/javascript; charset=utf-8").send(WIDGET_JS),
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
