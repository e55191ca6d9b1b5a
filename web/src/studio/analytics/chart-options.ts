import type { ChartOption } from "../../shared/EChart.tsx";
import type { AnalyticsMetrics, AnalyticsReport } from "../api.ts";
import { label, strings } from "../strings.ts";

const t = strings.analytics;
const COLORS = { blue: "#1d4ed8", amber: "#f59e0b", green: "#059669", purple: "#9333ea", red: "#dc2626" };
const PALETTE = Object.values(COLORS);
const TEXT = { color: "#1f2933", fontFamily: "system-ui, sans-serif" };

/** A rate as a percentage with one decimal for a chart, or a gap. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function contactsOption(report: AnalyticsReport): ChartOption {
  const groups = report.groups;
  return {
    color: PALETTE,
    textStyle: TEXT,
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 32, containLabel: true },
    xAxis: {
      type: "category",
      // Days read as "11-24"; the year is in the period above.
      data: groups.map((g) => (report.by === "day" ? g.key.slice(5) : g.key)),
    },
    yAxis: [
      { type: "value", name: t.charts.contacts, minInterval: 1 },
      { type: "value", name: t.charts.containment, min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    ],
    series: [
      { name: t.charts.contacts, type: "bar", data: groups.map((g) => g.metrics.contacts) },
      {
        name: t.charts.containment,
        type: "line",
        yAxisIndex: 1,
        data: groups.map((g) => percent(g.metrics.containmentRate)),
      },
    ],
  };
}

export function escalationRows(metrics: AnalyticsMetrics): { reason: string; count: number }[] {
  return Object.entries(metrics.escalationsByReason)
    .map(([reason, count]) => ({ reason: label(t.reasons, reason), count }))
    .sort((a, b) => b.count - a.count);
}

export function escalationsOption(rows: { reason: string; count: number }[]): ChartOption {
  const ascending = [...rows].reverse();
  return {
    color: [COLORS.red],
    textStyle: TEXT,
    grid: { left: 16, right: 24, top: 16, bottom: 24, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: ascending.map((r) => r.reason) },
    series: [{ name: t.charts.escalations, type: "bar", data: ascending.map((r) => r.count) }],
  };
}

export function intentRows(
  metrics: AnalyticsMetrics,
): { intent: string; started: number; resolved: number; rate: number | null }[] {
  return Object.entries(metrics.resolutionByIntent)
    .map(([intent, r]) => ({ intent: label(t.intents, intent), ...r }))
    .sort((a, b) => b.started - a.started);
}

export function resolutionOption(rows: ReturnType<typeof intentRows>): ChartOption {
  const ascending = [...rows].reverse();
  return {
    color: [COLORS.blue, COLORS.green],
    textStyle: TEXT,
    legend: { top: 0 },
    grid: { left: 16, right: 24, top: 36, bottom: 24, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: ascending.map((r) => r.intent) },
    series: [
      { name: t.charts.started, type: "bar", data: ascending.map((r) => r.started) },
      { name: t.charts.resolved, type: "bar", data: ascending.map((r) => r.resolved) },
    ],
  };
}

export function latencyOption(latency: NonNullable<AnalyticsMetrics["voiceLatencyMs"]>): ChartOption {
  return {
    color: [COLORS.purple],
    textStyle: TEXT,
    grid: { left: 16, right: 24, top: 24, bottom: 24, containLabel: true },
    xAxis: { type: "category", data: ["p50", "p90", "p95", "p99"] },
    yAxis: { type: "value", name: t.charts.latency },
    series: [
      { name: t.charts.latency, type: "bar", data: [latency.p50, latency.p90, latency.p95, latency.p99] },
    ],
  };
}
