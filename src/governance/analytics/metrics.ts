import type { Period } from "./period.ts";
import { REPEAT_WINDOW_MS } from "./period.ts";
import { type ConversationFacts, type ConversationSummary, ORDER_NUMBER_METHODS } from "./summary.ts";

export const BREAKDOWNS = ["day", "channel", "language", "version"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * What a contact costs, in the currency's main unit (13.5 = $13.50): handled by a person (assisted)
 * or by the agent alone (self-service). The defaults are the industry figures; set the
 * store's own with `assistedContactCost` / `selfServiceContactCost`.
 */
export interface ContactCosts {
  assistedContactCost: number;
  selfServiceContactCost: number;
}
export const DEFAULT_CONTACT_COSTS: ContactCosts = {
  assistedContactCost: 13.5,
  selfServiceContactCost: 1.84,
};

/** Latency percentiles over every voice turn measured (nearest rank), in milliseconds. */
export interface VoiceLatency {
  turns: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/**
 * The metrics over a set of conversations. Rates are shares between 0 and 1 rounded to 4 places and
 * null when their denominator is 0; money is in minor units (cents), rounded to the cent.
 */
export interface AnalyticsMetrics {
  /** Conversations opened in the period, contacts or not. */
  conversations: number;
  /** Conversations whose transcript retention removed: counted here, classified nowhere. */
  purged: number;
  /** Conversations in which the customer wrote at least once. Every rate below is over contacts. */
  contacts: number;
  /** Contacts the agent resolved alone: no handoff, and at least one task resolved. */
  contained: number;
  /** Contacts the agent handed to a person (a `handoff` event), whatever it resolved before. */
  escalated: number;
  /** Contacts neither contained nor escalated: left, ended or refused without a resolved task. */
  unresolved: number;
  containmentRate: number | null;
  escalationRate: number | null;
  /** Escalated contacts by the handoff's reason. */
  escalationsByReason: Record<string, number>;
  /** Tasks started and resolved by intent (the skill the request started): resolved / started. */
  resolutionByIntent: Record<string, { started: number; resolved: number; rate: number | null }>;
  /** Mean seconds from opening to the handoff or the last event, over contacts (0.1 s). */
  averageHandlingSeconds: number | null;
  /** Customer messages in contained contacts per task they resolved (2 places). */
  turnsPerResolution: number | null;
  /** Identified contacts whose customer had another contact in the 7 days (168 h) before. */
  repeatContacts: { identifiedContacts: number; repeats: number; rate: number | null };
  /** Contacts verified, and how; `byOrderNumberShare` = verified from an order number / verified. */
  identification: {
    identified: number;
    byOrderNumber: number;
    byOrderNumberShare: number | null;
    byMethod: Record<string, number>;
  };
  /** Escalated contacts cost the assisted price, the rest the self-service price. */
  cost: {
    assistedContacts: number;
    selfServiceContacts: number;
    totalMinor: number;
    perContactMinor: number | null;
    /** Contained contacts × (assisted − self-service): what a person would have cost for them. */
    savingsMinor: number;
  };
  /** Contacts in which the invoice skill ran, and those that ended with a promise to pay recorded. */
  promiseToPay: { invoiceContacts: number; promises: number; rate: number | null };
  /** Contacts in which the agent made a cross-sell offer, over contacts. */
  crossSell: { offers: number; rate: number | null };
  /** Null until a voice turn is measured. */
  voiceLatencyMs: VoiceLatency | null;
}

export interface AnalyticsGroup {
  key: string;
  metrics: AnalyticsMetrics;
}

export interface AnalyticsReport {
  from: string;
  to: string;
  by: Breakdown;
  timeZone: "UTC";
  costs: ContactCosts;
  totals: AnalyticsMetrics;
  groups: AnalyticsGroup[];
}

export type RatedSummary = ConversationSummary & { repeat: boolean };

const round = (value: number, places: number) => Number(value.toFixed(places));
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));
const cents = (amount: number) => Math.round(amount * 100);
const sorted = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Nearest-rank percentile of an ascending list: the smallest value with at least p% at or below it. */
export function percentile(ascending: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * ascending.length));
  return ascending[rank - 1] as number;
}

/**
 * Flags repeat contacts: an identified contact is a repeat when the same customer (verified identity,
 * any channel) opened another contact at most 7 days (168 hours) before it. `earlier` are the
 * identified contacts of the 7 days before the period, so the first days of a period are judged too.
 */
export function markRepeats(
  summaries: readonly ConversationSummary[],
  earlier: ReadonlyArray<Pick<ConversationFacts, "id" | "customerId" | "createdAt">>,
): RatedSummary[] {
  const byCustomer = new Map<string, Array<{ id: string; at: number }>>();
  for (const c of [...earlier, ...summaries.filter((s) => s.contact)]) {
    if (!c.customerId) continue;
    const list = byCustomer.get(c.customerId) ?? [];
    list.push({ id: c.id, at: Date.parse(c.createdAt) });
    byCustomer.set(c.customerId, list);
  }
  return summaries.map((s) => {
    const at = Date.parse(s.createdAt);
    const repeat =
      s.contact &&
      s.customerId !== null &&
      (byCustomer.get(s.customerId) ?? []).some(
        (o) => o.id !== s.id && at - o.at <= REPEAT_WINDOW_MS && (o.at < at || (o.at === at && o.id < s.id)),
      );
    return { ...s, repeat };
  });
}

/** The metrics of a set of summaries (all of one period, or one group of it). */
export function computeMetrics(summaries: readonly RatedSummary[], costs: ContactCosts): AnalyticsMetrics {
  const contacts = summaries.filter((s) => s.contact);
  const count = (test: (s: RatedSummary) => boolean) => contacts.filter(test).length;
  const contained = contacts.filter((s) => s.outcome === "contained");
  const escalated = count((s) => s.outcome === "escalated");

  const reasons: Record<string, number> = {};
  const intents: Record<string, { started: number; resolved: number; rate: number | null }> = {};
  const methods: Record<string, number> = {};
  for (const s of contacts) {
    if (s.escalation !== null) reasons[s.escalation] = (reasons[s.escalation] ?? 0) + 1;
    if (s.verification !== null) methods[s.verification] = (methods[s.verification] ?? 0) + 1;
    for (const [intent, t] of Object.entries(s.tasks)) {
      intents[intent] ??= { started: 0, resolved: 0, rate: null };
      intents[intent].started += t.started;
      intents[intent].resolved += t.resolved;
    }
  }
  for (const t of Object.values(intents)) t.rate = share(t.resolved, t.started);

  const handled = contacts.flatMap((s) => (s.handlingSeconds === null ? [] : [s.handlingSeconds]));
  const containedTurns = contained.reduce((n, s) => n + s.customerMessages, 0);
  const containedResolutions = contained.reduce((n, s) => n + s.resolvedTasks, 0);
  const identifiedContacts = count((s) => s.customerId !== null);
  const repeats = count((s) => s.repeat);
  const identified = count((s) => s.verification !== null);
  const byOrderNumber = count((s) => s.verification !== null && ORDER_NUMBER_METHODS.has(s.verification));

  const assisted = cents(costs.assistedContactCost);
  const selfService = cents(costs.selfServiceContactCost);
  const totalMinor = escalated * assisted + (contacts.length - escalated) * selfService;
  const invoiceContacts = count((s) => s.invoiceContact);
  const promises = count((s) => s.invoiceContact && s.promiseToPay);
  const offers = count((s) => s.crossSellOffer);
  const latencies = contacts.flatMap((s) => s.voiceLatenciesMs).sort((a, b) => a - b);

  return {
    conversations: summaries.length,
    purged: summaries.filter((s) => s.purged).length,
    contacts: contacts.length,
    contained: contained.length,
    escalated,
    unresolved: count((s) => s.outcome === "unresolved"),
    containmentRate: share(contained.length, contacts.length),
    escalationRate: share(escalated, contacts.length),
    escalationsByReason: sorted(reasons),
    resolutionByIntent: sorted(intents),
    averageHandlingSeconds:
      handled.length === 0 ? null : round(handled.reduce((a, b) => a + b, 0) / handled.length, 1),
    turnsPerResolution: containedResolutions === 0 ? null : round(containedTurns / containedResolutions, 2),
    repeatContacts: { identifiedContacts, repeats, rate: share(repeats, identifiedContacts) },
    identification: {
      identified,
      byOrderNumber,
      byOrderNumberShare: share(byOrderNumber, identified),
      byMethod: sorted(methods),
    },
    cost: {
      assistedContacts: escalated,
      selfServiceContacts: contacts.length - escalated,
      totalMinor,
      perContactMinor: contacts.length === 0 ? null : Math.round(totalMinor / contacts.length),
      savingsMinor: contained.length * (assisted - selfService),
    },
    promiseToPay: { invoiceContacts, promises, rate: share(promises, invoiceContacts) },
    crossSell: { offers, rate: share(offers, contacts.length) },
    voiceLatencyMs:
      latencies.length === 0
        ? null
        : {
            turns: latencies.length,
            p50: percentile(latencies, 50),
            p90: percentile(latencies, 90),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
          },
  };
}

const GROUP_KEY: Record<Breakdown, (s: ConversationSummary) => string> = {
  day: (s) => s.day,
  channel: (s) => s.channel,
  language: (s) => s.language,
  version: (s) => s.agentVersion,
};

/**
 * The report of a period: totals, and one group per key of the breakdown (every day of the period,
 * empty ones included; otherwise each channel, language or agent version seen, in key order).
 * `summaries` must be the conversations opened in the period; `earlier` the look-back for repeats.
 */
export function buildReport(input: {
  summaries: readonly ConversationSummary[];
  earlier: ReadonlyArray<Pick<ConversationFacts, "id" | "customerId" | "createdAt">>;
  period: Period;
  by: Breakdown;
  costs: ContactCosts;
}): AnalyticsReport {
  const rated = markRepeats(input.summaries, input.earlier);
  const groups = new Map<string, RatedSummary[]>();
  if (input.by === "day") for (const day of input.period.days) groups.set(day, []);
  for (const s of rated) {
    const key = GROUP_KEY[input.by](s);
    const group = groups.get(key) ?? [];
    group.push(s);
    groups.set(key, group);
  }
  return {
    from: input.period.from,
    to: input.period.to,
    by: input.by,
    timeZone: "UTC",
    costs: {
      assistedContactCost: input.costs.assistedContactCost,
      selfServiceContactCost: input.costs.selfServiceContactCost,
    },
    totals: computeMetrics(rated, input.costs),
    groups: [...groups.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => ({ key, metrics: computeMetrics(groups.get(key) ?? [], input.costs) })),
  };
}
