export type AuditRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON: the decision, the confirmation, the outcome. */
  data: string;
  prev_hash: string;
  hash: string;
};

export type AuditTables = {
  audit_log: AuditRow;
};
