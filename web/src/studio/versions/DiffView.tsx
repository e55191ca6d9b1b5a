import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../shared/api-context.tsx";
import { ErrorNotice } from "../../shared/ErrorNotice.tsx";
import { sharedStrings } from "../../shared/strings.ts";
import { keys, newestFirst, type VersionDiff, type VersionSummary } from "../api.ts";
import { strings } from "../strings.ts";

const t = strings.versions;

/** What changed between two versions, file by file, as line diffs. */
export function DiffView({ versions }: { versions: VersionSummary[] }) {
  const api = useApi();
  const numbers = newestFirst(versions).map((v) => v.version);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  const diff = useQuery({
    queryKey: keys.diff(shown?.to ?? 0, shown?.from ?? 0),
    queryFn: ({ signal }) =>
      api.get<VersionDiff>(`/api/v1/agent/versions/${shown?.to}/diff?against=${shown?.from}`, signal),
    enabled: shown !== null,
  });

  if (numbers.length < 2)
    return (
      <section className="panel" aria-labelledby="diff-title">
        <h2 id="diff-title">{t.diffTitle}</h2>
        <p>{t.diffNeedsTwo}</p>
      </section>
    );
  const chosenTo = Number(to || numbers[0]);
  const chosenFrom = Number(from || numbers[1]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown({ from: chosenFrom, to: chosenTo });
  };

  return (
    <section className="panel" aria-labelledby="diff-title">
      <h2 id="diff-title">{t.diffTitle}</h2>
      <form onSubmit={submit} className="form-row">
        <div>
          <label htmlFor="diff-from">{t.diffFrom}</label>
          <select id="diff-from" value={String(chosenFrom)} onChange={(e) => setFrom(e.target.value)}>
            {numbers.map((n) => (
              <option key={n} value={String(n)}>
                v{n}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="diff-to">{t.diffTo}</label>
          <select id="diff-to" value={String(chosenTo)} onChange={(e) => setTo(e.target.value)}>
            {numbers.map((n) => (
              <option key={n} value={String(n)}>
                v{n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.diffShow}</button>
      </form>
      <div aria-live="polite">
        {shown && diff.isPending && <p>{sharedStrings.loading}</p>}
        {diff.isError && <ErrorNotice error={diff.error} />}
        {diff.data && <DiffFiles diff={diff.data} />}
      </div>
    </section>
  );
}

function DiffFiles({ diff }: { diff: VersionDiff }) {
  if (diff.files.length === 0) return <p>{t.diffNone}</p>;
  return (
    <>
      <p>{t.diffSummary(diff.files.length, diff.from, diff.to)}</p>
      {diff.files.map((file) => (
        <div key={file.path} className="diff-file">
          <h3>
            {file.path} <span className="badge">{t.diffStatus[file.status]}</span>
          </h3>
          {file.status === "added" ? (
            <p className="hint">{t.fileAdded}</p>
          ) : file.status === "removed" ? (
            <p className="hint">{t.fileRemoved}</p>
          ) : (
            <ul className="diff-lines">
              {file.lines.map((line, i) => (
                <li
                  // Lines repeat (two identical "+ " lines); their place is their identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: a diff is static once shown
                  key={i}
                  className={line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : undefined}
                >
                  {line}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </>
  );
}
