import { createReadStream, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Logger } from "../platform/index.ts";

/** Where `npm run build:web` (Vite, web/vite.config.ts) writes the staff web app. */
export const WEB_DIST_DIR = fileURLToPath(new URL("../../web/dist/", import.meta.url));

/**
 * The pages, one per area of web/src: each is a single-page app answering its whole path. The staff's
 * studio and desk, and the customers' call page (/voice; its socket, /voice/ws, is src/voice/browser).
 */
export const WEB_AREAS = ["studio", "desk", "voice"] as const;
export type WebArea = (typeof WEB_AREAS)[number];

/** File names Vite writes to dist/assets (hashed names): anything else is not ours to serve. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$/;
const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/**
 * The pages' own scripts and styles only: no inline script or style, no eval, nothing from other
 * origins, never framed. Charts draw on a canvas and their tooltips as rich text for the same reason.
 * Without upgrade-insecure-requests: every resource is same-origin, and on a plain-HTTP address (a LAN
 * install) the upgrade would only break the page.
 */
const pageHelmet = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
} as const;

export interface WebPagesOptions {
  logger: Logger;
  /** The built app (tests may point elsewhere); read at each request, so a rebuild needs no restart. */
  distDir?: string;
}

/**
 * Serves the built web app: `/studio` and everything under it answers the studio's index.html (the
 * app routes in the browser), `/assets/*` the hashed scripts and styles shared by every area.
 */
export function webPages(app: FastifyInstance, options: WebPagesOptions): void {
  const dist = options.distDir ?? WEB_DIST_DIR;
  for (const area of WEB_AREAS) {
    const index = join(dist, area, "index.html");
    if (!existsSync(index))
      options.logger.warn({ area }, "the web app is not built (npm run build:web); its page answers 503");
    const page = async (_request: unknown, reply: FastifyReply) => {
      const html = await readFile(index, "utf8").catch(() => null);
      // Never cached: it names the current hashed assets.
      reply.header("cache-control", "no-cache");
      if (html === null)
        return reply
          .status(503)
          .type("text/plain; charset=utf-8")
          .send(`The ${area} has not been built: run npm run build:web, then reload.\n`);
      return reply.type("text/html; charset=utf-8").send(html);
    };
    app.get(`/${area}`, { schema: { hide: true }, helmet: pageHelmet }, page);
    app.get(`/${area}/*`, { schema: { hide: true }, helmet: pageHelmet }, page);
  }

  app.get<{ Params: { "*": string } }>("/assets/*", { schema: { hide: true } }, async (request, reply) => {
    const name = request.params["*"];
    const type = CONTENT_TYPES[extname(name)];
    const file = join(dist, "assets", name);
    const found = ASSET_NAME.test(name) && type ? await stat(file).catch(() => null) : null;
    if (!found?.isFile()) return reply.callNotFound();
    // Names carry a hash of their content: a changed file is a new name.
    return reply
      .header("cache-control", "public, max-age=31536000, immutable")
      .header("content-length", found.size)
      .type(type as string)
      .send(createReadStream(file));
  });
}
