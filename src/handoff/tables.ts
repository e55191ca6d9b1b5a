/** A conversation a person must take over: where it waits, who has it, how it ended. */
export type HandoffRow = {
  conversation_id: string;
  /** The queue: the skill it needs and the customer's language, e.g. "orders:de". */
  queue: string;
  language: string;
  channel: string;
  reason: string;
  /** waiting → offered (to one agent) → assigned (accepted) → closed; back to waiting on a failure. */
  status: string;
  /** The fixed part of the priority: sentiment, order value and tier points (wait adds to it). */
  boost: number;
  enqueued_at: string;
  offered_to: string | null;
  offered_at: string | null;
  assigned_to: string | null;
  assigned_at: string | null;
  /** Offers and transfers that failed; the last one's typed reason. */
  attempts: number;
  last_failure: string | null;
  callback_requested: number;
  wrap_up: string | null;
  closed_at: string | null;
  closed_by: string | null;
};

/** A person at the desk: presence and capacity. */
export type DeskAgentRow = {
  user_id: string;
  display_name: string;
  presence: string;
  languages: string;
  max_chats: number;
  max_calls: number;
  updated_at: string;
};

export type HandoffTables = { handoffs: HandoffRow; desk_agents: DeskAgentRow };
