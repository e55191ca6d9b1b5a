import type { ZodServer } from "../platform/index.ts";
import { adminRoutes } from "./admin.ts";
import { healthRoutes } from "./health.ts";
import type { AppParts } from "./parts.ts";

export type { AppParts } from "./parts.ts";

export function registerRoutes(app: ZodServer, parts: AppParts): void {
  healthRoutes(app, parts);
  adminRoutes(app, parts);
}
