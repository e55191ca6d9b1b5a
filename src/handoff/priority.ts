import type { EscalationPacket } from "../agent/dialogue/packet.ts";

/**
 * Who is served first: every waiting minute is a point, and a conversation starts with points for an
 * upset customer, a valuable order and a loyal tier, so a furious gold customer with a $900 order does
 * not wait behind ten routine questions, and nobody waits forever behind them either.
 */
export function boostOf(packet: EscalationPacket): number {
  let points = 0;
  if (packet.sentiment.last <= -0.5 || packet.sentiment.average <= -0.3) points += 10;
  if (packet.customer?.tier === "gold") points += 10;
  else if (packet.customer?.tier === "silver") points += 5;
  const value = Math.max(0, ...packet.orders.map((o) => o.valueMinor ?? 0));
  points += Math.min(10, Math.floor(value / 10_000));
  if (packet.reason === "approval_required") points += 5;
  return points;
}

export function priorityAt(row: { boost: number; enqueued_at: string }, now: Date): number {
  const waited = Math.max(0, (now.getTime() - Date.parse(row.enqueued_at)) / 60_000);
  return row.boost + waited;
}

/** The queue a conversation waits in: the skill it needs and the customer's language. */
export function queueOf(packet: EscalationPacket): string {
  const skill = packet.reason === "approval_required" ? "approvals" : "orders";
  return `${skill}:${packet.language}`;
}
