import type { ZodServer } from "../platform/index.ts";
import { accessRoutes } from "./access.ts";
import { adminRoutes } from "./admin.ts";
import { analyticsRoutes } from "./analytics.ts";
import { complianceRoutes } from "./compliance.ts";
import { deskRoutes } from "./desk.ts";
import { deskLive } from "./desk-live.ts";
import { healthRoutes } from "./health.ts";
import type { AppParts } from "./parts.ts";
import { versionRoutes } from "./versions.ts";

export type { AppParts } from "./parts.ts";

export function registerRoutes(app: ZodServer, parts: AppParts, options: { signInsPerMinute: number }): void {
  healthRoutes(app, parts);
  adminRoutes(app, parts);
  accessRoutes(app, parts, options);
  complianceRoutes(app, parts);
  analyticsRoutes(app, parts);
  versionRoutes(app, parts);
  deskRoutes(app, parts);
  deskLive(app, parts);
}
