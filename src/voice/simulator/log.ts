import type { CallResult } from "./call.ts";
import type { CallExpectation } from "./scripts.ts";

/** An event of the conversation log as the platform's API returns it. */
export interface LogEvent {
  seq: number;
  at: string;
  event: { type: string; text?: string; [key: string]: unknown };
}

interface Summary {
  id: string;
  channel: string;
  createdAt: string;
}

/**
 * The conversation log read over the platform's HTTP API: `GET /api/v1/conversations?channel=voice`
 * with a token that may read conversations, and `GET /api/v1/conversations/:id` for the events.
 */
export class ConversationLogReader {
  constructor(
    private readonly baseUrl: URL,
    private readonly token: string | null,
  ) {}

  private async get<T>(path: string): Promise<T | null> {
    const response = await fetch(new URL(path, this.baseUrl), {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok ? ((await response.json()) as T) : null;
  }

  async events(conversationId: string): Promise<LogEvent[] | null> {
    const found = await this.get<{ events: LogEvent[] }>(
      `/api/v1/conversations/${encodeURIComponent(conversationId)}`,
    );
    return found?.events ?? null;
  }

  /** Voice conversations, newest first, back to (and a little before) `sinceWallMs`. */
  async voiceConversations(sinceWallMs: number): Promise<Summary[]> {
    const all: Summary[] = [];
    let before: string | undefined;
    for (let page = 0; page < 50; page++) {
      const query = `/api/v1/conversations?channel=voice&limit=200${before ? `&before=${encodeURIComponent(before)}` : ""}`;
      const rows = (await this.get<{ conversations: Summary[] }>(query))?.conversations ?? [];
      all.push(...rows);
      const last = rows[rows.length - 1];
      if (rows.length < 200 || !last || Date.parse(last.createdAt) < sinceWallMs - 5000) break;
      before = last.createdAt;
    }
    return all;
  }
}

/**
 * Finds each call's conversation and reads its outcome. The platform's 200 may carry the id
 * (X-Conversation-Id); otherwise a conversation whose log names the call's SIP Call-ID or its caller
 * (each simulated call comes from its own SIP user, which the platform records); otherwise
 * the voice conversation opened soonest after the call was answered (the platform opens one on the
 * ACK), each taken once, calls in the order they were answered. The last is a fallback: calls
 * answered within a few milliseconds of each other could be swapped, which the bench avoids by
 * starting calls apart.
 */
export async function attachLogs(
  calls: Array<{ result: CallResult; expect: CallExpectation }>,
  reader: ConversationLogReader,
): Promise<void> {
  const since = Math.min(...calls.map((c) => c.result.answeredAtWallMs));
  const pending = calls.filter((c) => !c.result.conversationId);
  const events = new Map<string, LogEvent[] | null>();
  const read = async (id: string) => {
    if (!events.has(id)) events.set(id, await reader.events(id));
    return events.get(id) ?? null;
  };
  if (pending.length > 0) {
    const candidates = (await reader.voiceConversations(since))
      .filter((c) => Date.parse(c.createdAt) >= since - 2000)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const taken = new Set(calls.map((c) => c.result.conversationId).filter((id): id is string => !!id));
    for (const candidate of candidates) {
      const log = await read(candidate.id);
      const text = JSON.stringify(log ?? []);
      const owner = pending.find(
        (c) =>
          !c.result.conversationId &&
          (text.includes(c.result.callId) ||
            (c.result.callerUser !== "" && text.includes(c.result.callerUser))),
      );
      if (owner) {
        owner.result.conversationId = candidate.id;
        owner.result.conversationMatchedBy = "caller";
        taken.add(candidate.id);
      }
    }
    const byTime = pending
      .filter((c) => !c.result.conversationId)
      .sort((a, b) => a.result.answeredAtWallMs - b.result.answeredAtWallMs);
    for (const call of byTime) {
      const match = candidates.find(
        (c) => !taken.has(c.id) && Date.parse(c.createdAt) >= call.result.answeredAtWallMs - 50,
      );
      if (!match) continue;
      taken.add(match.id);
      call.result.conversationId = match.id;
      call.result.conversationMatchedBy = "time";
    }
  }
  for (const call of calls) {
    if (!call.result.conversationId) continue;
    const log = await read(call.result.conversationId);
    if (log) judge(call.result, call.expect, log);
  }
}

/** The outcome, the transcript and whether the order number was heard, from one conversation's log. */
export function judge(result: CallResult, expect: CallExpectation, log: LogEvent[]): void {
  const agent = log.filter((e) => e.event.type === "agent_message").map((e) => String(e.event.text ?? ""));
  const customer = log
    .filter((e) => e.event.type === "customer_message")
    .map((e) => String(e.event.text ?? ""));
  result.transcript = log
    .filter((e) => e.event.type === "agent_message" || e.event.type === "customer_message")
    .map((e) => ({
      role: e.event.type === "agent_message" ? ("agent" as const) : ("customer" as const),
      text: String(e.event.text ?? ""),
    }));
  const missing: string[] = [];
  for (const phrase of expect.agentSays ?? [])
    if (!agent.some((text) => text.toLowerCase().includes(phrase.toLowerCase())))
      missing.push(`agent never said "${phrase}"`);
  const types = new Set(log.map((e) => e.event.type));
  for (const type of expect.events ?? []) if (!types.has(type)) missing.push(`no ${type} event`);
  result.outcome = { reached: missing.length === 0, missing };
  result.platformLatencyMs = log
    .filter((e) => e.event.type === "voice_turn_timing" && typeof e.event.latencyMs === "number")
    .map((e) => e.event.latencyMs as number);
  const num = (v: unknown) => (typeof v === "number" ? v : Number.NaN);
  result.platformTurns = log
    .filter((e) => e.event.type === "voice_turn_timing")
    .map(({ event }) => ({
      answerMs: num(event.answerMs),
      endpointMs: num(event.endpointMs),
      asrMs: num(event.asrMs),
      agentMs: num(event.agentMs),
      ttsFirstByteMs: num(event.ttsFirstByteMs),
      filler: event.filler === true,
    }));
  const interruptions = log.filter((e) => e.event.type === "voice_interrupted");
  result.interruptionsLogged = interruptions.length;
  result.platformBargeIns = interruptions
    .map(({ event }) => ({
      pausedAfterMs: num(event.pausedAfterMs),
      decidedAfterMs: num(event.decidedAfterMs),
    }))
    .filter((b) => Number.isFinite(b.pausedAfterMs));
  // A backchannel the agent "stopped" at, on a call whose log records no interruption at all: its
  // utterance ended on its own there (counted as talked through). Only from a platform that logs its
  // voice turns, so an interruption would be in the log too.
  const logsVoice = log.some((e) => e.event.type === "voice_turn_timing");
  if (logsVoice && result.interruptionsLogged === 0)
    for (const turn of result.turns) {
      const b = turn.backchannel;
      if (b?.agentTalking && b.keptTalking === false) {
        b.finishedNaturally = true;
        b.keptTalking = true;
      }
    }
  if (result.orderId) {
    const id = result.orderId.toLowerCase();
    result.orderRecognised = customer.some((text) => text.toLowerCase().includes(id));
    result.orderUnderstood = log.some(
      (e) => e.event.type === "interpretation" && JSON.stringify(e.event).toLowerCase().includes(id),
    );
  }
}
