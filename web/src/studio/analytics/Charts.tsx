import { useMemo } from "react";
import { EChart } from "../../shared/EChart.tsx";
import { formatCount, formatMs, formatRate } from "../../shared/format.ts";
import type { AnalyticsReport } from "../api.ts";
import { strings } from "../strings.ts";
import {
  contactsOption,
  escalationRows,
  escalationsOption,
  intentRows,
  latencyOption,
  resolutionOption,
} from "./chart-options.ts";

const t = strings.analytics;

/** The period's charts, each with its figures as a table for keyboard and screen-reader users. */
export function Charts({ report }: { report: AnalyticsReport }) {
  const by = t.breakdown[report.by];
  const contacts = useMemo(() => contactsOption(report), [report]);
  const escalations = useMemo(() => escalationRows(report.totals), [report]);
  const intents = useMemo(() => intentRows(report.totals), [report]);
  const escalationChart = useMemo(() => escalationsOption(escalations), [escalations]);
  const resolutionChart = useMemo(() => resolutionOption(intents), [intents]);
  const latency = report.totals.voiceLatencyMs;
  const latencyChart = useMemo(() => (latency ? latencyOption(latency) : null), [latency]);

  return (
    <div className="charts">
      <ChartPanel id="chart-contacts" title={t.charts.contactsTitle(by)} wide>
        <EChart option={contacts} label={t.charts.contactsTitle(by)} />
        <Figures
          head={[t.breakdownOption[report.by], t.charts.contacts, t.tiles.containment]}
          rows={report.groups.map((g) => [
            g.key,
            formatCount(g.metrics.contacts),
            formatRate(g.metrics.containmentRate),
          ])}
        />
      </ChartPanel>
      <ChartPanel id="chart-escalations" title={t.charts.escalationsTitle}>
        {escalations.length === 0 ? (
          <p className="empty">{t.charts.noEscalations}</p>
        ) : (
          <>
            <EChart option={escalationChart} label={t.charts.escalationsTitle} />
            <Figures
              head={["", t.charts.escalations]}
              rows={escalations.map((r) => [r.reason, formatCount(r.count)])}
            />
          </>
        )}
      </ChartPanel>
      <ChartPanel id="chart-resolution" title={t.charts.resolutionTitle}>
        {intents.length === 0 ? (
          <p className="empty">{t.charts.noIntents}</p>
        ) : (
          <>
            <EChart option={resolutionChart} label={t.charts.resolutionTitle} />
            <Figures
              head={["", t.charts.started, t.charts.resolved, t.charts.share]}
              rows={intents.map((r) => [
                r.intent,
                formatCount(r.started),
                formatCount(r.resolved),
                formatRate(r.rate),
              ])}
            />
          </>
        )}
      </ChartPanel>
      <ChartPanel id="chart-latency" title={t.charts.latencyTitle}>
        {latency && latencyChart ? (
          <>
            <EChart option={latencyChart} label={t.charts.latencyTitle} />
            <p className="hint">{t.charts.latencyTurns(latency.turns)}</p>
            <Figures
              head={["p50", "p90", "p95", "p99"]}
              rows={[
                [formatMs(latency.p50), formatMs(latency.p90), formatMs(latency.p95), formatMs(latency.p99)],
              ]}
            />
          </>
        ) : (
          <p className="empty">{t.charts.latencyNone}</p>
        )}
      </ChartPanel>
    </div>
  );
}

function ChartPanel({
  id,
  title,
  wide,
  children,
}: {
  id: string;
  title: string;
  wide?: boolean;
  children: React.ReactNode;
}) {
  return (
    <section className={wide ? "panel wide" : "panel"} aria-labelledby={`${id}-title`} data-chart={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Figures({ head, rows }: { head: string[]; rows: string[][] }) {
  return (
    <details className="figures">
      <summary>{t.charts.figures}</summary>
      <table>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h || i} scope="col" className={i > 0 ? "number" : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.join("|")}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={head[i] ?? i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={head[i] ?? i} className="number">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
