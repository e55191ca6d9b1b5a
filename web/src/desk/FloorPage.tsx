import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useApi } from "../shared/api-context.tsx";
import { type ChartOption, EChart } from "../shared/EChart.tsx";
import { ErrorNotice } from "../shared/ErrorNotice.tsx";
import { formatCount } from "../shared/format.ts";
import { PageHeading } from "../shared/Layout.tsx";
import { sharedStrings } from "../shared/strings.ts";
import { type Floor, keys, REFRESH_MS } from "./api.ts";
import { reasonLabel, strings, wrapUpLabel } from "./strings.ts";
import { formatWait } from "./time.ts";

const t = strings.floor;

function reasonsOption(byReason: Record<string, number>): ChartOption {
  const entries = Object.entries(byReason).sort((a, b) => b[1] - a[1]);
  return {
    color: ["#1d4ed8"],
    textStyle: { color: "#1f2933", fontFamily: "system-ui, sans-serif" },
    grid: { left: 16, right: 24, top: 16, bottom: 16, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: entries.map(([r]) => reasonLabel(r)), inverse: true },
    series: [{ name: t.escalations, type: "bar", data: entries.map(([, n]) => n) }],
  };
}

/** A small table of counts by key, the text twin of a chart. */
function Counts({ counts, label }: { counts: Record<string, number>; label: (key: string) => string }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return <p>{t.none}</p>;
  return (
    <table>
      <tbody>
        {entries.map(([key, n]) => (
          <tr key={key} data-key={key}>
            <th scope="row">{label(key)}</th>
            <td>{formatCount(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The floor now, for supervisors: refetched with every live desk event. */
export default function FloorPage() {
  const api = useApi();
  const floor = useQuery({
    queryKey: keys.floor,
    queryFn: ({ signal }) => api.get<Floor>("/api/v1/desk/floor", signal),
    refetchInterval: REFRESH_MS,
  });
  const option = useMemo(
    () => (floor.data ? reasonsOption(floor.data.today.escalationsByReason) : null),
    [floor.data],
  );
  const heading = <PageHeading appName={strings.appName}>{t.title}</PageHeading>;
  if (floor.isPending)
    return (
      <>
        {heading}
        <p>{sharedStrings.loading}</p>
      </>
    );
  if (floor.isError)
    return (
      <>
        {heading}
        <ErrorNotice error={floor.error} onRetry={() => floor.refetch()} />
      </>
    );
  const { queues, agents, open, today } = floor.data;
  const openCount = Object.values(open.byStatus).reduce((a, b) => a + b, 0);
  const tiles = [
    { metric: "open", label: t.tiles.open, value: openCount },
    { metric: "escalations", label: t.tiles.escalations, value: today.escalations },
    { metric: "closed", label: t.tiles.closed, value: today.closed },
    { metric: "callbacks", label: t.tiles.callbacks, value: today.callbacks },
  ];
  return (
    <>
      {heading}
      <dl className="tiles">
        {tiles.map((tile) => (
          <div key={tile.metric} className="tile" data-metric={tile.metric}>
            <dt>{tile.label}</dt>
            <dd className="value">{formatCount(tile.value)}</dd>
          </div>
        ))}
      </dl>
      <div className="floor-grid">
        <section className="panel" aria-labelledby="queues-title">
          <h2 id="queues-title">{t.queues}</h2>
          {queues.length === 0 ? (
            <p>{t.noQueues}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.queues}</th>
                  <th scope="col">{t.waiting}</th>
                  <th scope="col">{t.longestWait}</th>
                </tr>
              </thead>
              <tbody>
                {queues.map((q) => (
                  <tr key={q.queue}>
                    <th scope="row">{q.queue}</th>
                    <td>{formatCount(q.waiting)}</td>
                    <td>{formatWait(q.longestWaitSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="agents-title">
          <h2 id="agents-title">{t.agents}</h2>
          {agents.length === 0 ? (
            <p>{t.noAgents}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.presence}</th>
                  <th scope="col">{t.load}</th>
                  <th scope="col">{t.languages}</th>
                </tr>
              </thead>
              <tbody>
                {agents.map((a) => (
                  <tr key={a.userId}>
                    <th scope="row">{a.displayName}</th>
                    <td>{strings.presence.values[a.presence]}</td>
                    <td>
                      {a.load} / {a.maxChats}
                    </td>
                    <td>{a.languages.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="reasons-title">
          <h2 id="reasons-title">{t.byReason}</h2>
          {option && Object.keys(today.escalationsByReason).length > 0 && (
            <EChart option={option} label={t.byReasonChart} height={220} />
          )}
          <Counts counts={today.escalationsByReason} label={reasonLabel} />
        </section>
        <section className="panel" aria-labelledby="wrapups-title">
          <h2 id="wrapups-title">{t.byWrapUp}</h2>
          <Counts counts={today.closedByWrapUp} label={wrapUpLabel} />
        </section>
      </div>
    </>
  );
}
