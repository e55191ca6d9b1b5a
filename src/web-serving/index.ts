export { WEB_AREAS, WEB_DIST_DIR, type WebArea, type WebPagesOptions, webPages } from "./pages.ts";
