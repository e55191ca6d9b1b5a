import { formatDateTime } from "../../shared/format.ts";
import { ENVIRONMENTS, newestFirst, type VersionSummary, type VersionsOverview } from "../api.ts";
import { strings } from "../strings.ts";
import { useActorName } from "./actors.ts";

const t = strings.versions;

/** Every published version, newest first, with its gate result and where it runs. */
export function VersionList({ overview }: { overview: VersionsOverview }) {
  const author = useActorName();
  const versions = newestFirst(overview.versions);
  return (
    <section className="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">{t.listTitle}</h2>
      {versions.length === 0 ? (
        <p>{t.noVersions}</p>
      ) : (
        <table className="versions">
          <thead>
            <tr>
              <th scope="col">{t.columns.version}</th>
              <th scope="col">{t.columns.author}</th>
              <th scope="col">{t.columns.note}</th>
              <th scope="col">{t.columns.published}</th>
              <th scope="col">{t.columns.gate}</th>
              <th scope="col">{t.columns.runs}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-version={v.version}>
                <th scope="row">v{v.version}</th>
                <td>{author(v.author)}</td>
                <td>{v.note}</td>
                <td>{formatDateTime(v.createdAt)}</td>
                <td>
                  <GateSummary gate={v.gate} />
                </td>
                <td>
                  <RunsIn version={v.version} overview={overview} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function GateSummary({ gate }: { gate: VersionSummary["gate"] }) {
  return (
    <>
      <span className="badge ok">{t.gateSummary(gate.tests.passed, gate.tests.total)}</span>
      <span className="badge">
        {gate.replay ? t.replaySummary(gate.replay.unchanged, gate.replay.replayed) : t.noReplay}
      </span>
    </>
  );
}

function RunsIn({ version, overview }: { version: number; overview: VersionsOverview }) {
  return (
    <>
      {ENVIRONMENTS.map((environment) => {
        const deployment = overview.deployments[environment];
        const name = t.environment[environment];
        if (deployment?.version === version)
          return (
            <span key={environment} className={`badge ${environment}`}>
              {name}
            </span>
          );
        if (deployment?.canary?.version === version)
          return (
            <span key={environment} className="badge canary">
              {t.canaryBadge(name, deployment.canary.percent)}
            </span>
          );
        return null;
      })}
    </>
  );
}
