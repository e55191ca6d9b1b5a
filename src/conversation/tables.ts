export type ConversationRow = {
  id: string;
  channel: string;
  locale: string;
  language: string;
  agent_id: string;
  agent_version: string;
  customer_id: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  /** The agent's session state after the last turn (JSON), derived from the events. */
  state: string;
  event_count: number;
};

export type ConversationEventRow = {
  conversation_id: string;
  seq: number;
  at: string;
  type: string;
  payload: string;
};

export type ConversationTables = {
  conversations: ConversationRow;
  conversation_events: ConversationEventRow;
};
