import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  arrivalsChart,
  type Bands,
  containmentChart,
  errorsChart,
  latencyChart,
  queueWaitChart,
  resourcesChart,
  stepsChart,
} from "./charts.ts";
import type { GroupSummary, LatencySummary } from "./measure.ts";
import type { SurgeResult } from "./run.ts";

/** The channels that exist to simulate; voice is named in the report so no one reads the figures as covering it. */
const CHANNEL_NOTE =
  "Channels: the chat HTTP API and the chat WebSocket. Voice (SIP, media streams) does not exist in the platform yet, so no call is simulated; email and messaging neither.";

export interface WrittenReport {
  dir: string;
  html: string;
  json: string;
}

/** Writes `surge.html` (self-contained, charts as inline SVG) and `surge.json` (every figure) to `dir`. */
export function writeReport(result: SurgeResult, dir: string): WrittenReport {
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const html = join(out, "surge.html");
  const json = join(out, "surge.json");
  writeFileSync(html, renderHtml(result));
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  return { dir: out, html, json };
}

const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v).toLocaleString("en-US")} ms`);
const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const num = (v: number) => v.toLocaleString("en-US");

function errorsText(errors: Record<string, number>): string {
  const entries = Object.entries(errors).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([k, n]) => `${esc(k)} ${n}`).join(", ") : "none";
}

function latencyCells(l: LatencySummary): string {
  return [l.p50, l.p95, l.p99, l.max].map((v) => `<td>${ms(v)}</td>`).join("");
}

function groupRow(g: GroupSummary): string {
  return `<tr><th>${esc(g.name)}</th><td>${num(g.arrivals)}</td><td>${num(g.completed)}</td><td>${num(g.failed)}</td>${latencyCells(
    g.messageLatency,
  )}<td>${ms(g.queueWait.p50)}</td><td>${ms(g.queueWait.p95)}</td><td>${pct(g.containment)}</td><td>${pct(
    g.asScripted,
  )}</td><td>${pct(g.errorRate)}</td><td class="l">${errorsText(g.errors)}</td></tr>`;
}

const GROUP_HEAD =
  '<tr><th></th><th>arrivals</th><th>completed</th><th>failed</th><th>message p50</th><th>p95</th><th>p99</th><th>max</th><th>queue wait p50</th><th>p95</th><th>contained</th><th>as scripted</th><th>error rate</th><th class="l">errors</th></tr>';

export function renderHtml(r: SurgeResult): string {
  const bands: Bands = { phases: r.phases, steps: r.steps };
  const s = r.settings;
  const t = r.profileTotals;
  const saturation = r.saturation;
  const stepRows = [...r.steps]
    .sort((a, b) => a.index - b.index)
    .map(
      (st) =>
        `<tr class="${st.ok ? "ok" : "bad"}"><th>${st.index + 1}</th><td>${num(Math.round(st.ratePerMin))}</td><td>${num(
          st.arrivals,
        )}</td><td>${st.offeredMsgsPerSec.toFixed(1)}</td><td>${st.throughputMsgsPerSec.toFixed(1)}</td><td>${ms(
          st.p50Ms,
        )}</td><td>${ms(st.p95Ms)}</td><td>${ms(st.queueWaitP95Ms)}</td><td>${ms(st.summary.queueWaitP95ByChannel.http)} / ${ms(
          st.summary.queueWaitP95ByChannel.websocket,
        )}</td><td>${pct(st.errorRate)}</td><td>${
          st.platformCpuPercent === null ? "–" : `${Math.round(st.platformCpuPercent)}%`
        }</td><td>${st.loadAverage === null ? "–" : st.loadAverage.toFixed(1)}</td><td>${ms(st.platformLagMs)}</td><td>${ms(st.generatorLagMs)}</td><td class="l">${st.ok ? "met" : esc(st.reasons.join("; "))}</td></tr>`,
    )
    .join("");
  const settingRows: [string, string][] = [
    ["profile", `${s.profile}: ${s.profileDescription}`],
    [
      "phases",
      r.phases
        .map(
          (p) =>
            `${p.name} ${p.hours} h (${p.startS}-${p.endS} s, ${num(Math.round(p.fromPerMin))}→${num(Math.round(p.toPerMin))}/min, returns ${Math.round(p.returnsShare * 100)}% of the mix)`,
        )
        .join("; "),
    ],
    [
      "time",
      `one simulated hour = ${s.hourSeconds} real seconds; arrival rates are real (what the platform sees)`,
    ],
    ["base rate", `${num(s.baseRatePerMin)} conversations a minute`],
    ["arrivals", `open loop, Poisson, seed ${s.seed}`],
    [
      "customers",
      `${s.scripts.total} scripts from ${s.scripts.dir} (${Object.entries(s.scripts.byReason)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`,
    ],
    ["think time", `${s.thinkMs} ms mean (uniform, half to one and a half times)`],
    [
      "channels",
      `${Math.round((1 - s.webSocketShare) * 100)}% HTTP API, ${Math.round(s.webSocketShare * 100)}% WebSocket`,
    ],
    ["timeout", `${num(s.timeoutMs)} ms per request`],
    [
      "saturation criteria",
      s.saturation
        ? `p95 message latency and p95 queue wait ≤ ${s.sloP95Ms} ms, errors ≤ ${s.criteria.maxErrorRate * 100}%, answered/s growing by at least ${s.criteria.minThroughputGrowthShare * 100}% of the offered growth; steps of ${s.stepSeconds} s, ×${s.stepFactor}, at most ${s.maxSteps}`
        : "step-up not run (--no-saturation)",
    ],
    ...Object.entries(s.platform).map(([k, v]): [string, string] => [`platform: ${k}`, v]),
    [
      "machine",
      `${s.machine.cpus} × ${s.machine.cpuModel}, Node ${s.machine.node}, ${s.machine.os}; load average ${s.machine.loadAverageAtStart} at the start`,
    ],
    ...(r.platformStartS
      ? [["platform start", `${r.platformStartS} s from spawn to listening`] as [string, string]]
      : []),
  ];
  const notes = [
    CHANNEL_NOTE,
    "The load generator runs on the same machine as the platform (its own process). Its CPU and event-loop delay are in the charts and the step table, with the machine's load average: when the generator is busy or the machine is crowded by other work, the figures are the machine's limit, not only the platform's.",
    "Customers replay the agent's conversation tests against one shared store, so later customers find orders already returned or cancelled by earlier ones; 'as scripted' is the share whose handoff (or none) is what the test expects.",
    ...(r.platform.errorsLogged
      ? [
          `The platform logged ${r.platform.errorsLogged} error lines; the first: ${r.platform.firstError ?? ""}`,
        ]
      : ["The platform logged no errors."]),
    ...r.notes,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Surge report: ${esc(s.profile)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.verdict{background:#f3f7ff;border-left:5px solid #2f6fdf;padding:12px 16px;font-size:16px;margin:16px 0}
.figures{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;margin:12px 0}
.figures div{background:#fafafa;border:1px solid #eee;padding:8px 10px}.figures b{display:block;font-size:18px}
table{border-collapse:collapse;width:100%;font-size:12px;margin:8px 0}
th,td{border-bottom:1px solid #e4e4e4;padding:4px 6px;text-align:right;vertical-align:top}
th{font-weight:600}.l,table.kv td,table.kv th{text-align:left}tr.bad td,tr.bad th{color:#b0194a}
svg{display:block;margin:6px 0;max-width:100%;height:auto}.muted{color:#666}
</style></head><body>
<h1>Surge report: ${esc(s.profile)}</h1>
<div class="muted">${esc(r.startedAt)} · ${r.durationS} s · seed ${s.seed}</div>
<p class="verdict" id="saturation">${esc(saturation.sentence)}</p>
<div class="figures">
<div>conversations<b>${num(t.arrivals)}</b>${num(t.completed)} completed, ${num(t.failed)} failed</div>
<div>message latency p50 / p95<b>${ms(t.messageLatency.p50)} / ${ms(t.messageLatency.p95)}</b>p99 ${ms(t.messageLatency.p99)}</div>
<div>queue wait p50 / p95<b>${ms(t.queueWait.p50)} / ${ms(t.queueWait.p95)}</b>arrival to greeting</div>
<div>containment<b>${pct(t.containment)}</b>errors ${pct(t.errorRate)} of ${num(t.requests)} requests</div>
</div>
<p class="muted">${esc(CHANNEL_NOTE)}</p>
<h2>The profile</h2>
${arrivalsChart(r.series, bands)}
${latencyChart(r.series, bands, s.sloP95Ms)}
${queueWaitChart(r.series, bands)}
${errorsChart(r.series, bands)}
${resourcesChart(r.series, bands)}
${containmentChart([...r.phaseSummaries, ...r.steps.map((st) => st.summary)])}
<h2>By phase</h2>
<table>${GROUP_HEAD}${r.phaseSummaries.map(groupRow).join("")}${groupRow({ ...t, name: "whole profile" })}</table>
<h2>By channel (profile)</h2>
<table>${GROUP_HEAD}${r.byChannel.map(groupRow).join("")}</table>
<h2>Saturation step-up</h2>
${
  r.steps.length
    ? `${stepsChart(r.steps, s.sloP95Ms)}<table><tr><th>step</th><th>conversations/min</th><th>arrivals</th><th>offered msg/s</th><th>answered msg/s</th><th>message p50</th><th>p95</th><th>queue wait p95</th><th>HTTP / WS</th><th>errors</th><th>platform CPU</th><th>load avg</th><th>platform loop delay</th><th>generator loop delay</th><th class="l">verdict</th></tr>${stepRows}</table>`
    : `<p>${esc(saturation.sentence)}</p>`
}
<h2>Settings</h2>
<table class="kv">${settingRows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("")}</table>
<h2>Notes</h2>
<ul>${notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>
</body></html>
`;
}
