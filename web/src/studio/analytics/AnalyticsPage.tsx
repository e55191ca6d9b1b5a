import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useApi } from "../../shared/api-context.tsx";
import { ErrorNotice } from "../../shared/ErrorNotice.tsx";
import { formatMinor } from "../../shared/format.ts";
import { PageHeading } from "../../shared/Layout.tsx";
import { navigate, useLocation } from "../../shared/router.tsx";
import { sharedStrings } from "../../shared/strings.ts";
import {
  type AnalyticsQuery,
  type AnalyticsReport,
  analyticsSearch,
  BREAKDOWNS,
  type Breakdown,
  keys,
} from "../api.ts";
import { strings } from "../strings.ts";
import { Charts } from "./Charts.tsx";
import { queryFromSearch } from "./period.ts";
import { Tiles } from "./Tiles.tsx";

const t = strings.analytics;

/** Contact-center metrics over a period (docs/governance.md), with charts and the CSV export. */
export default function AnalyticsPage() {
  const api = useApi();
  const { path, query: search } = useLocation();
  const current = useMemo(() => queryFromSearch(search), [search]);
  const [draft, setDraft] = useState<AnalyticsQuery>(current);
  useEffect(() => setDraft(current), [current]);
  const report = useQuery({
    queryKey: keys.analytics(current),
    queryFn: ({ signal }) =>
      api.get<AnalyticsReport>(`/api/v1/analytics?${analyticsSearch(current)}`, signal),
    placeholderData: keepPreviousData,
  });
  const invalid = draft.from > draft.to;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalid) navigate(`${path}?${analyticsSearch(draft)}`);
  };
  const data = report.data;

  return (
    <>
      <PageHeading appName={strings.appName}>{t.title}</PageHeading>
      <section className="panel" aria-labelledby="filters-title">
        <h2 id="filters-title" className="visually-hidden">
          {t.filters}
        </h2>
        <form className="filters" onSubmit={submit}>
          <div>
            <label htmlFor="analytics-from">{t.from}</label>
            <input
              id="analytics-from"
              type="date"
              required
              value={draft.from}
              max={draft.to}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </div>
          <div>
            <label htmlFor="analytics-to">{t.to}</label>
            <input
              id="analytics-to"
              type="date"
              required
              value={draft.to}
              min={draft.from}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </div>
          <div>
            <label htmlFor="analytics-by">{t.by}</label>
            <select
              id="analytics-by"
              value={draft.by}
              onChange={(e) => setDraft({ ...draft, by: e.target.value as Breakdown })}
            >
              {BREAKDOWNS.map((by) => (
                <option key={by} value={by}>
                  {t.breakdownOption[by]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={invalid}>
            {t.apply}
          </button>
          <a
            className="button download"
            href={`/api/v1/analytics/export.csv?${analyticsSearch(current)}`}
            download
          >
            {t.download}
          </a>
        </form>
        {invalid && (
          <p className="field-error" role="alert">
            {t.badPeriod}
          </p>
        )}
        <p className="hint">{t.period(current.from, current.to)}</p>
      </section>
      <div aria-live="polite" aria-busy={report.isFetching}>
        {report.isError ? (
          <ErrorNotice error={report.error} onRetry={() => report.refetch()} />
        ) : !data ? (
          <p className="page-loading">{sharedStrings.loading}</p>
        ) : (
          <section aria-labelledby="headline-title" data-period={`${data.from}/${data.to}/${data.by}`}>
            <h2 id="headline-title" className="visually-hidden">
              {t.headline}
            </h2>
            {data.totals.contacts === 0 && <p className="notice warning">{t.noContacts}</p>}
            <Tiles metrics={data.totals} />
            <p className="hint">
              {t.costsNote(
                formatMinor(Math.round(data.costs.assistedContactCost * 100)),
                formatMinor(Math.round(data.costs.selfServiceContactCost * 100)),
              )}
            </p>
            <Charts report={data} />
          </section>
        )}
      </div>
    </>
  );
}
