import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../shared/api.ts";
import { useApi } from "../../shared/api-context.tsx";
import { ErrorNotice } from "../../shared/ErrorNotice.tsx";
import { useSession } from "../../shared/session.tsx";
import { type GateRefusal, keys, newestFirst, type VersionsOverview } from "../api.ts";
import { strings } from "../strings.ts";
import { GateReport } from "./GateReport.tsx";
import { useIsLatestAction, VERSIONS_ACTION } from "./latest-action.ts";

const t = strings.versions;

/** Publishes the agent directory as the next version, through the release gate. */
export function PublishForm({ overview }: { overview: VersionsOverview }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const [note, setNote] = useState("");
  const publish = useMutation({
    mutationKey: [...VERSIONS_ACTION, "publish"],
    mutationFn: (body: { note: string }) => api.post<{ version: number }>("/api/v1/agent/versions", body),
    onSuccess: () => setNote(""),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.versions }),
  });
  const latestAction = useIsLatestAction(publish.submittedAt);
  const latest = newestFirst(overview.versions)[0]?.version ?? null;
  const changed = overview.draft.changedSinceLatest;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate({ note: note.trim() });
  };
  const error = publish.error;

  return (
    <section className="panel" aria-labelledby="publish-title">
      <h2 id="publish-title">{t.publishTitle}</h2>
      <p>{changed || latest === null ? t.draftChanged(latest) : t.draftSame(latest)}</p>
      <form onSubmit={submit}>
        <label htmlFor="publish-note">{t.note}</label>
        <textarea
          id="publish-note"
          value={note}
          maxLength={2000}
          aria-describedby="publish-note-hint"
          onChange={(e) => setNote(e.target.value)}
        />
        <p id="publish-note-hint" className="hint">
          {t.noteHint}
        </p>
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={!can("agents:write") || publish.isPending || !note.trim() || !changed}
          >
            {t.publish}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {publish.isPending && <p>{t.publishing}</p>}
        {publish.isSuccess && latestAction && (
          <p className="notice success" role="status">
            {t.published(publish.data.version)}
          </p>
        )}
      </div>
      {error instanceof ApiError && error.code === "gate_failed" ? (
        <GateReport message={error.message} report={error.details as GateRefusal | undefined} />
      ) : error instanceof ApiError && error.code === "unchanged" ? (
        <p className="notice warning" role="alert">
          {t.unchanged}
        </p>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
    </section>
  );
}
