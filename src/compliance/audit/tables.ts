export type AuditRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON: the decision, the confirmation, the outcome. */
  data: string;
  /** Pseudonym of the customer whose personal data `data` holds, sealed with their key; null when none. */
  data_subject: string | null;
  prev_hash: string;
  hash: string;
};

export type AuditTables = {
  audit_log: AuditRow;
};
