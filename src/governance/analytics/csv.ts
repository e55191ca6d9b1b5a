import { stringify } from "csv-stringify/sync";
import type { AnalyticsMetrics, AnalyticsReport } from "./metrics.ts";

type Cell = string | number | null;

/** A text cell a spreadsheet would run as a formula is quoted with a leading apostrophe (OWASP). */
const safe = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Minor units as a decimal amount ("1234" cents → "12.34"), which spreadsheets read as money. */
const amount = (minor: number | null): Cell => (minor === null ? null : (minor / 100).toFixed(2));

/** The fixed columns: the JSON report's figures under snake_case names; money as decimal amounts. */
const COLUMNS: Array<[string, (m: AnalyticsMetrics) => Cell]> = [
  ["conversations", (m) => m.conversations],
  ["purged", (m) => m.purged],
  ["contacts", (m) => m.contacts],
  ["contained", (m) => m.contained],
  ["escalated", (m) => m.escalated],
  ["unresolved", (m) => m.unresolved],
  ["containment_rate", (m) => m.containmentRate],
  ["escalation_rate", (m) => m.escalationRate],
  ["average_handling_seconds", (m) => m.averageHandlingSeconds],
  ["turns_per_resolution", (m) => m.turnsPerResolution],
  ["identified_contacts", (m) => m.repeatContacts.identifiedContacts],
  ["repeat_contacts", (m) => m.repeatContacts.repeats],
  ["repeat_contact_rate", (m) => m.repeatContacts.rate],
  ["identified", (m) => m.identification.identified],
  ["identified_by_order_number", (m) => m.identification.byOrderNumber],
  ["identified_by_order_number_share", (m) => m.identification.byOrderNumberShare],
  ["assisted_contacts", (m) => m.cost.assistedContacts],
  ["self_service_contacts", (m) => m.cost.selfServiceContacts],
  ["cost_total", (m) => amount(m.cost.totalMinor)],
  ["cost_per_contact", (m) => amount(m.cost.perContactMinor)],
  ["savings", (m) => amount(m.cost.savingsMinor)],
  ["invoice_contacts", (m) => m.promiseToPay.invoiceContacts],
  ["promises_to_pay", (m) => m.promiseToPay.promises],
  ["promise_to_pay_rate", (m) => m.promiseToPay.rate],
  ["cross_sell_offers", (m) => m.crossSell.offers],
  ["cross_sell_rate", (m) => m.crossSell.rate],
  ["voice_turns", (m) => m.voiceLatencyMs?.turns ?? 0],
  ["voice_latency_p50_ms", (m) => m.voiceLatencyMs?.p50 ?? null],
  ["voice_latency_p90_ms", (m) => m.voiceLatencyMs?.p90 ?? null],
  ["voice_latency_p95_ms", (m) => m.voiceLatencyMs?.p95 ?? null],
  ["voice_latency_p99_ms", (m) => m.voiceLatencyMs?.p99 ?? null],
];

/**
 * The report as CSV: a header row, then one row per group, first column the group's key (named after
 * the breakdown). After the fixed columns come `escalated_<reason>` for every reason and
 * `intent_<intent>_started` / `_resolved` / `_rate` for every intent seen in the period. An empty
 * cell is a rate or average with nothing to divide by.
 */
export function analyticsCsv(report: AnalyticsReport): string {
  const reasons = Object.keys(report.totals.escalationsByReason);
  const intents = Object.keys(report.totals.resolutionByIntent);
  const columns: Array<[string, (m: AnalyticsMetrics) => Cell]> = [
    ...COLUMNS,
    ...reasons.map((r): [string, (m: AnalyticsMetrics) => Cell] => [
      `escalated_${r}`,
      (m) => m.escalationsByReason[r] ?? 0,
    ]),
    ...intents.flatMap(
      (i): Array<[string, (m: AnalyticsMetrics) => Cell]> => [
        [`intent_${i}_started`, (m) => m.resolutionByIntent[i]?.started ?? 0],
        [`intent_${i}_resolved`, (m) => m.resolutionByIntent[i]?.resolved ?? 0],
        [`intent_${i}_rate`, (m) => m.resolutionByIntent[i]?.rate ?? null],
      ],
    ),
  ];
  return stringify(
    [
      [report.by, ...columns.map(([name]) => safe(name))],
      ...report.groups.map((g) => [safe(g.key), ...columns.map(([, cell]) => cell(g.metrics))]),
    ],
    { cast: { number: (n) => String(n) } },
  );
}
