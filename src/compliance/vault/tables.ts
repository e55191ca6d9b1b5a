export type DataKeyRow = {
  /** Whose data the key protects: "customer:<id>" or "conversation:<id>". */
  subject: string;
  /** The data key, encrypted with the master key; null once shredded. */
  wrapped_key: string | null;
  created_at: string;
  shredded_at: string | null;
};

export type VaultTables = {
  compliance_data_keys: DataKeyRow;
};
