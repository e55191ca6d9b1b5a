import { formatCount, formatDuration, formatMinor, formatRate } from "../../shared/format.ts";
import type { AnalyticsMetrics } from "../api.ts";
import { strings } from "../strings.ts";

const t = strings.analytics.tiles;

interface Tile {
  metric: string;
  label: string;
  value: string;
  /** The figure as the API gives it, for anyone (or any test) reading the page's data. */
  raw: number | null;
  sub: string;
}

export function tilesOf(m: AnalyticsMetrics): Tile[] {
  return [
    {
      metric: "contacts",
      label: t.contacts,
      value: formatCount(m.contacts),
      raw: m.contacts,
      sub: t.contactsSub(m.conversations),
    },
    {
      metric: "containment",
      label: t.containment,
      value: formatRate(m.containmentRate),
      raw: m.containmentRate,
      sub: t.containmentSub(m.contained),
    },
    {
      metric: "escalations",
      label: t.escalations,
      value: formatCount(m.escalated),
      raw: m.escalated,
      sub: t.escalationsSub(formatRate(m.escalationRate)),
    },
    {
      metric: "handling",
      label: t.handling,
      value: formatDuration(m.averageHandlingSeconds),
      raw: m.averageHandlingSeconds,
      sub: t.handlingSub,
    },
    {
      metric: "cost-per-contact",
      label: t.costPerContact,
      value: formatMinor(m.cost.perContactMinor),
      raw: m.cost.perContactMinor,
      sub: t.costPerContactSub(formatMinor(m.cost.totalMinor)),
    },
    {
      metric: "savings",
      label: t.savings,
      value: formatMinor(m.cost.savingsMinor),
      raw: m.cost.savingsMinor,
      sub: t.savingsSub,
    },
    {
      metric: "repeats",
      label: t.repeats,
      value: formatRate(m.repeatContacts.rate),
      raw: m.repeatContacts.rate,
      sub: t.repeatsSub(m.repeatContacts.repeats, m.repeatContacts.identifiedContacts),
    },
    {
      metric: "by-order-number",
      label: t.byOrderNumber,
      value: formatRate(m.identification.byOrderNumberShare),
      raw: m.identification.byOrderNumberShare,
      sub: t.byOrderNumberSub(m.identification.byOrderNumber, m.identification.identified),
    },
    {
      metric: "promise-to-pay",
      label: t.promiseToPay,
      value: formatRate(m.promiseToPay.rate),
      raw: m.promiseToPay.rate,
      sub: t.promiseToPaySub(m.promiseToPay.promises, m.promiseToPay.invoiceContacts),
    },
    {
      metric: "cross-sell",
      label: t.crossSell,
      value: formatRate(m.crossSell.rate),
      raw: m.crossSell.rate,
      sub: t.crossSellSub(m.crossSell.offers),
    },
  ];
}

/** The headline figures of the period, one tile each. */
export function Tiles({ metrics }: { metrics: AnalyticsMetrics }) {
  return (
    <dl className="tiles">
      {tilesOf(metrics).map((tile) => (
        <div key={tile.metric} className="tile" data-metric={tile.metric} data-value={String(tile.raw)}>
          <dt>{tile.label}</dt>
          <dd className="value">{tile.value}</dd>
          <dd className="sub">{tile.sub}</dd>
        </div>
      ))}
    </dl>
  );
}
