import { digest } from "../../platform/canonical-json.ts";
import type { AuditLog } from "./log.ts";

/** What a start runs with: settings (secrets left out by the caller) and the agent version. */
export interface DeploymentSnapshot {
  settings: Record<string, unknown>;
  agent: { id: string; policyPack: string; digest: string };
}

/**
 * Configuration and agent versions change between starts, not through an API: each start compares
 * what it runs with to the last recorded snapshot and audits the difference, naming what changed.
 */
export async function auditDeployment(
  audit: AuditLog,
  snapshot: DeploymentSnapshot,
): Promise<{ changed: string[] } | null> {
  const [last] = await audit.list({ subjectType: "platform", subjectId: "deployment", limit: 1 });
  const before = (last?.data ?? null) as DeploymentSnapshot | null;
  if (before && digest({ settings: before.settings, agent: before.agent }) === digest(snapshot)) return null;
  const changed = before
    ? [
        ...Object.keys({ ...before.settings, ...snapshot.settings })
          .filter((k) => digest(before.settings[k] ?? null) !== digest(snapshot.settings[k] ?? null))
          .map((k) => `settings.${k}`),
        ...(digest(before.agent) !== digest(snapshot.agent) ? ["agent"] : []),
      ]
    : ["initial"];
  await audit.append({
    actor: "system:start",
    action: before ? "configuration_changed" : "configuration_recorded",
    subject: { type: "platform", id: "deployment" },
    data: { ...snapshot, changed },
  });
  return { changed };
}
