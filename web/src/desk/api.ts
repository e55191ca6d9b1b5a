/**
 * The desk's view of the platform API: the shapes of /api/v1/desk/* (src/api/desk.ts), of one order
 * (GET /api/v1/orders/:orderId) and of the live frames of /api/v1/desk/ws (src/api/desk-live.ts).
 */

export const PRESENCE = ["available", "busy", "away", "offline"] as const;
export type Presence = (typeof PRESENCE)[number];

/** The platform's wrap-up codes (src/handoff/desk.ts). */
export const WRAP_UP_CODES = [
  "resolved",
  "refund_issued",
  "replacement_sent",
  "escalated_further",
  "callback_scheduled",
  "no_response",
  "duplicate",
  "other",
] as const;
export type WrapUpCode = (typeof WRAP_UP_CODES)[number];

export interface Handoff {
  conversationId: string;
  queue: string;
  language: string;
  channel: string;
  reason: string;
  status: "waiting" | "offered" | "assigned" | "closed";
  priority: number;
  enqueuedAt: string;
  offeredTo: string | null;
  assignedTo: string | null;
  attempts: number;
  lastFailure: string | null;
  callbackRequested: boolean;
  wrapUp: string | null;
  closedAt: string | null;
}

export interface DeskAgent {
  userId: string;
  displayName: string;
  presence: Presence;
  languages: string[];
  maxChats: number;
  maxCalls: number;
  updatedAt: string;
}

export interface DeskQueue {
  handoffs: Handoff[];
  agents: DeskAgent[];
}

/** The escalation packet (src/agent/dialogue/packet.ts). */
export interface EscalationPacket {
  conversationId: string;
  reason: string;
  language: string;
  channel: string;
  customer: { id: string; name: string; verifiedBy: string; tier?: string; region?: string } | null;
  orders: Array<{
    id: string;
    status: string;
    placedAt: string;
    items: string[];
    tracking: string[];
    valueMinor?: number;
    currency?: string;
  }>;
  tried: Array<{ skill: string; outcome?: string }>;
  decisions: Array<{ action: string; allowed: boolean; reasons: string[] }>;
  sentiment: { last: number; average: number; trend: number };
  suggestedNextStep: string;
}

export interface DeskConversation {
  handoff: Handoff;
  packet: EscalationPacket | null;
  status: string;
  messages: Array<{ role: "customer" | "agent" | "human"; text: string; at: string; author?: string }>;
  notes: Array<{ author: string; text: string; at: string }>;
}

export interface Order {
  id: string;
  status: string;
  currency: string;
  placedAt: string;
  items: Array<{ lineId: string; name: string; options: Record<string, string>; unitPriceMinor: number }>;
  shipments: Array<{
    id: string;
    carrier: string;
    trackingNumber: string;
    status: string;
    estimatedDelivery?: string;
    deliveredAt?: string;
  }>;
  returns: unknown[];
  exchanges: unknown[];
}

export interface Floor {
  queues: Array<{ queue: string; waiting: number; longestWaitSeconds: number }>;
  agents: Array<DeskAgent & { load: number }>;
  open: { byStatus: Record<string, number>; byChannel: Record<string, number> };
  today: {
    escalations: number;
    escalationsByReason: Record<string, number>;
    closed: number;
    closedByWrapUp: Record<string, number>;
    callbacks: number;
  };
}

/**
 * How often the queue and the floor refetch without a live event: waits keep growing between events,
 * and an event missed while the socket reconnects is caught up within this.
 */
export const REFRESH_MS = 30_000;

/** Everything the desk caches sits under "desk": a live event refetches it all. */
export const keys = {
  all: ["desk"] as const,
  queue: ["desk", "queue"] as const,
  conversation: (id: string) => ["desk", "conversation", id] as const,
  order: (id: string) => ["desk", "order", id] as const,
  floor: ["desk", "floor"] as const,
};

export const conversationPath = (id: string) => `/api/v1/desk/conversations/${encodeURIComponent(id)}`;
