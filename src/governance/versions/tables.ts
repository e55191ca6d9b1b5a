export type AgentVersionRow = {
  agent_id: string;
  version: number;
  digest: string;
  author: string;
  note: string;
  created_at: string;
  /** JSON: the release gate's report. */
  gate: string;
  /** JSON: the bundle's files. */
  bundle: string;
};

export type AgentDeploymentRow = {
  agent_id: string;
  environment: string;
  seq: number;
  version: number;
  canary_version: number | null;
  canary_percent: number;
  actor: string;
  at: string;
};

export type VersionTables = {
  agent_versions: AgentVersionRow;
  agent_deployments: AgentDeploymentRow;
};
