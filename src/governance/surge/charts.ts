import * as echarts from "echarts";
import type { Bucket, GroupSummary } from "./measure.ts";
import type { PhaseWindow } from "./profiles.ts";
import type { StepResult } from "./run.ts";

/**
 * The report's charts, rendered on the server to SVG strings with ECharts' SSR mode, so the report is
 * one self-contained file with no script in it.
 */

const WIDTH = 960;
const HEIGHT = 320;
const PALETTE = ["#2f6fdf", "#e8743b", "#19a979", "#945ecf", "#ed4a7b", "#13a4b4", "#bf399e", "#6c8893"];

function render(option: echarts.EChartsCoreOption, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: "system-ui, sans-serif" },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface Bands {
  phases: readonly PhaseWindow[];
  steps: readonly Pick<StepResult, "label" | "startS" | "endS" | "ok">[];
}

/**
 * Shaded spans for the profile's phases and the saturation steps, labelled at the top when there is
 * room (a label on a sliver would overlap its neighbours).
 */
function bandSeries(bands: Bands, endS: number) {
  const roomy = (from: number, to: number) => (to - from) / Math.max(1, endS) > 0.07;
  const data = [
    ...bands.phases.map((p, i) => [
      {
        name: roomy(p.startS, p.endS) ? p.name : "",
        xAxis: p.startS,
        itemStyle: { color: i % 2 ? "rgba(47,111,223,0.05)" : "rgba(47,111,223,0.12)" },
      },
      { xAxis: p.endS },
    ]),
    ...bands.steps.map((s) => [
      {
        // Steps are labelled by number only: the step table and chart give their rates.
        name: (s.endS - s.startS) / Math.max(1, endS) > 0.02 ? s.label.replace(/^step (\d+):.*/, "#$1") : "",
        xAxis: s.startS,
        itemStyle: { color: s.ok ? "rgba(25,169,121,0.10)" : "rgba(237,74,123,0.12)" },
      },
      { xAxis: s.endS },
    ]),
  ];
  return {
    type: "line",
    name: "",
    data: [],
    silent: true,
    markArea: { silent: true, label: { position: "insideTop", fontSize: 9, color: "#555" }, data },
  };
}

const timeAxis = (max: number) => ({
  type: "value",
  name: "seconds",
  nameLocation: "middle",
  nameGap: 24,
  min: 0,
  max: Math.ceil(max),
  splitLine: { show: false },
});
const grid = { left: 64, right: 64, top: 64, bottom: 44 };
const legend = { top: 22, textStyle: { fontSize: 11 } };
const points = (series: readonly Bucket[], pick: (b: Bucket) => number | null) =>
  series.map((b) => [(b.startS + b.endS) / 2, pick(b)]);

export function arrivalsChart(series: readonly Bucket[], bands: Bands): string {
  const end = series.at(-1)?.endS ?? 1;
  return render({
    title: {
      text: "Arrivals and completed conversations",
      left: "center",
      top: 0,
      textStyle: { fontSize: 13 },
    },
    legend,
    grid,
    xAxis: timeAxis(end),
    yAxis: [
      { type: "value", name: "conversations/min" },
      { type: "value", name: "in flight", splitLine: { show: false } },
    ],
    series: [
      bandSeries(bands, end),
      {
        type: "line",
        name: "arrivals/min",
        showSymbol: false,
        data: points(series, (b) => b.arrivalsPerMin),
      },
      {
        type: "line",
        name: "completed/min",
        showSymbol: false,
        data: points(series, (b) => b.completedPerMin),
      },
      { type: "line", name: "failed/min", showSymbol: false, data: points(series, (b) => b.failedPerMin) },
      {
        type: "line",
        name: "in flight",
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { type: "dashed" },
        data: series.map((b) => [b.endS, b.inFlight]),
      },
    ],
  });
}

/** Latencies span milliseconds to timeouts, so a log axis keeps the quiet phases readable. */
function latencyOption(
  title: string,
  series: readonly Bucket[],
  bands: Bands,
  sloMs: number | null,
  pick: [string, (b: Bucket) => number | null][],
) {
  const end = series.at(-1)?.endS ?? 1;
  return {
    title: { text: title, left: "center", top: 0, textStyle: { fontSize: 13 } },
    legend,
    grid,
    xAxis: timeAxis(end),
    yAxis: { type: "log", name: "ms", min: 1, logBase: 10 },
    series: [
      bandSeries(bands, end),
      ...pick.map(([name, f], i) => ({
        type: "line",
        name,
        showSymbol: false,
        connectNulls: false,
        data: points(series, f),
        ...(i === 0 && sloMs
          ? {
              markLine: {
                silent: true,
                symbol: "none",
                lineStyle: { color: "#d33", type: "dashed" },
                label: { formatter: `SLO ${sloMs} ms`, position: "insideEndTop", color: "#d33" },
                data: [{ yAxis: sloMs }],
              },
            }
          : {}),
      })),
    ],
  };
}

export function latencyChart(series: readonly Bucket[], bands: Bands, sloMs: number): string {
  return render(
    latencyOption("Customer-message latency (send to the agent's answer)", series, bands, sloMs, [
      ["p50", (b) => b.latencyP50],
      ["p95", (b) => b.latencyP95],
      ["platform event-loop delay p99", (b) => b.platformLagMs],
    ]),
  );
}

export function queueWaitChart(series: readonly Bucket[], bands: Bands): string {
  return render(
    latencyOption("Queue wait (arrival to the agent's greeting), by arrival time", series, bands, null, [
      ["p50", (b) => b.queueWaitP50],
      ["p95", (b) => b.queueWaitP95],
    ]),
  );
}

export function errorsChart(series: readonly Bucket[], bands: Bands): string {
  const kinds = [...new Set(series.flatMap((b) => Object.keys(b.errors)))].sort();
  const end = series.at(-1)?.endS ?? 1;
  return render({
    title: {
      text: kinds.length ? "Failed requests by kind" : "Failed requests by kind: none",
      left: "center",
      top: 0,
      textStyle: { fontSize: 13 },
    },
    legend: { ...legend, show: kinds.length > 0 },
    grid,
    xAxis: timeAxis(end),
    yAxis: { type: "value", name: "requests", minInterval: 1 },
    series: [
      bandSeries(bands, end),
      ...(kinds.length ? kinds : ["errors"]).map((kind) => ({
        type: "bar",
        name: kind,
        stack: "errors",
        barMaxWidth: 8,
        data: points(series, (b) => b.errors[kind] ?? 0),
      })),
    ],
  });
}

export function resourcesChart(series: readonly Bucket[], bands: Bands): string {
  const end = series.at(-1)?.endS ?? 1;
  return render({
    title: {
      text: "CPU of the platform and of the load generator; the machine's load average",
      left: "center",
      top: 0,
      textStyle: { fontSize: 13 },
    },
    legend,
    grid,
    xAxis: timeAxis(end),
    yAxis: [
      { type: "value", name: "% of one core", min: 0 },
      { type: "value", name: "load average", splitLine: { show: false }, min: 0 },
    ],
    series: [
      bandSeries(bands, end),
      {
        type: "line",
        name: "platform CPU %",
        showSymbol: false,
        data: points(series, (b) => b.platformCpuPercent),
      },
      {
        type: "line",
        name: "generator CPU %",
        showSymbol: false,
        data: points(series, (b) => b.generatorCpuPercent),
      },
      {
        type: "line",
        name: "load average (1 min)",
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { type: "dotted" },
        data: points(series, (b) => b.loadAverage),
      },
    ],
  });
}

export function containmentChart(groups: readonly GroupSummary[]): string {
  const share = (n: number, g: GroupSummary) => {
    const finished = g.contained + g.handedOff + g.failed;
    return finished ? Math.round((n / finished) * 1000) / 10 : 0;
  };
  return render(
    {
      title: {
        text: "Outcome of conversations by phase (% of finished)",
        left: "center",
        top: 0,
        textStyle: { fontSize: 13 },
      },
      legend,
      grid: { ...grid, bottom: 72 },
      xAxis: {
        type: "category",
        data: groups.map((g) => g.name.replace(/^step (\d+): /, "#$1 ")),
        axisLabel: { interval: 0, fontSize: 10, rotate: groups.length > 6 ? 25 : 0 },
      },
      yAxis: { type: "value", max: 100, name: "%" },
      series: [
        {
          type: "bar",
          name: "contained",
          stack: "o",
          data: groups.map((g) => share(g.contained, g)),
          label: { show: true, fontSize: 10 },
        },
        { type: "bar", name: "handed off", stack: "o", data: groups.map((g) => share(g.handedOff, g)) },
        { type: "bar", name: "failed", stack: "o", data: groups.map((g) => share(g.failed, g)) },
      ],
    },
    340,
  );
}

export function stepsChart(steps: readonly StepResult[], sloMs: number): string {
  const sorted = [...steps].sort((a, b) => a.ratePerMin - b.ratePerMin);
  return render({
    title: {
      text: "Step-up: throughput and p95 latency by offered rate",
      left: "center",
      top: 0,
      textStyle: { fontSize: 13 },
    },
    legend,
    grid,
    xAxis: {
      type: "category",
      name: "conversations/min",
      nameLocation: "middle",
      nameGap: 24,
      data: sorted.map((s) => Math.round(s.ratePerMin).toString()),
    },
    yAxis: [
      { type: "value", name: "messages/s", min: 0 },
      { type: "log", name: "p95 ms", min: 1, splitLine: { show: false } },
    ],
    series: [
      {
        type: "bar",
        name: "answered/s",
        data: sorted.map((s) => ({
          value: s.throughputMsgsPerSec,
          itemStyle: { color: s.ok ? "#19a979" : "#ed4a7b" },
        })),
        label: { show: true, position: "top", fontSize: 10 },
      },
      {
        type: "line",
        name: "offered/s",
        data: sorted.map((s) => s.offeredMsgsPerSec),
        lineStyle: { type: "dotted" },
      },
      {
        type: "line",
        name: "p95 latency",
        yAxisIndex: 1,
        data: sorted.map((s) => s.p95Ms),
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { color: "#d33", type: "dashed" },
          label: { formatter: `SLO ${sloMs} ms`, position: "insideEndTop", color: "#d33" },
          data: [{ yAxis: sloMs }],
        },
      },
    ],
  });
}
