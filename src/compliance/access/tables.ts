export type UserRow = {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  created_at: string;
  disabled_at: string | null;
};

export type SessionRow = {
  /** sha256 of the session id: a copy of the table does not hand out sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
};

export type ApiTokenRow = {
  id: string;
  name: string;
  /** sha256 of the secret part (tokens are 192 random bits: a fast hash is enough). */
  secret_hash: string;
  role: string;
  /** JSON array of permissions, or null for all of the role's. */
  scopes: string | null;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
};

export type AccessTables = {
  auth_users: UserRow;
  auth_sessions: SessionRow;
  auth_tokens: ApiTokenRow;
};
