import type { Environment } from "../api.ts";

/** The right each environment's deployments and rollbacks need (src/api/versions.ts). */
export function deployPermission(environment: Environment): string {
  return environment === "production" ? "agents:deploy" : "agents:write";
}
