/**
 * Who may do what. Permissions name one capability each; roles are fixed bundles of them, and an API
 * token carries a role narrowed further by its scopes (least privilege for integrations).
 */
export const ROLES = ["admin", "designer", "supervisor", "agent", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "orders:read",
  "customers:read",
  "conversations:read",
  "tools:read",
  "nlu:parse",
  "metrics:read",
  "analytics:read",
  "audit:read",
  "personal-data:export",
  "personal-data:erase",
  "retention:run",
  "users:manage",
  "tokens:manage",
  "agents:read",
  "agents:write",
  // Deploying to production (and rolling it back) is its own right: designers publish and stage.
  "agents:deploy",
  "desk:handle",
  "desk:supervise",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  // Designs and tests the agent; sees no customer records (analytics are aggregates, no records).
  designer: ["tools:read", "nlu:parse", "agents:read", "agents:write", "analytics:read"],
  // Runs the floor: customers and conversations, live metrics, the desk.
  supervisor: [
    "orders:read",
    "customers:read",
    "conversations:read",
    "metrics:read",
    "analytics:read",
    "agents:read",
    "desk:handle",
    "desk:supervise",
  ],
  // Handles escalated conversations at the desk.
  agent: ["orders:read", "customers:read", "conversations:read", "desk:handle"],
  // Reads the evidence, changes nothing: audit, transcripts, exports for access requests.
  auditor: ["audit:read", "conversations:read", "personal-data:export", "agents:read", "analytics:read"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
