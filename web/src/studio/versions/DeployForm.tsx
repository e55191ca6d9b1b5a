import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useApi } from "../../shared/api-context.tsx";
import { ErrorNotice } from "../../shared/ErrorNotice.tsx";
import { useSession } from "../../shared/session.tsx";
import {
  type Deployment,
  type DeployRequest,
  ENVIRONMENTS,
  type Environment,
  keys,
  newestFirst,
  type VersionsOverview,
} from "../api.ts";
import { strings } from "../strings.ts";
import { useIsLatestAction, VERSIONS_ACTION } from "./latest-action.ts";
import { deployPermission } from "./permissions.ts";

const t = strings.versions;

/** Points staging or production at a version, optionally with a canary share. */
export function DeployForm({ overview }: { overview: VersionsOverview }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const versions = newestFirst(overview.versions);
  const latest = versions[0]?.version;
  const [environment, setEnvironment] = useState<Environment>("staging");
  // Empty means "the latest": the choice follows new versions until someone picks one.
  const [version, setVersion] = useState("");
  const [withCanary, setWithCanary] = useState(false);
  const [canaryVersion, setCanaryVersion] = useState("");
  const [percent, setPercent] = useState("10");
  const deploy = useMutation({
    mutationKey: [...VERSIONS_ACTION, "deploy"],
    mutationFn: (body: DeployRequest) => api.post<Deployment>("/api/v1/agent/deployments", body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.versions }),
  });
  const latestAction = useIsLatestAction(deploy.submittedAt);

  if (latest === undefined)
    return (
      <section className="panel" aria-labelledby="deploy-title">
        <h2 id="deploy-title">{t.deployTitle}</h2>
        <p>{t.noVersions}</p>
      </section>
    );

  const chosen = Number(version || latest);
  const canary = Number(canaryVersion || latest);
  const share = Number(percent);
  const shareValid = Number.isInteger(share) && share >= 1 && share <= 99;
  const allowed = can(deployPermission(environment));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    deploy.mutate({
      environment,
      version: chosen,
      ...(withCanary ? { canary: { version: canary, percent: share } } : {}),
    });
  };

  return (
    <section className="panel" aria-labelledby="deploy-title">
      <h2 id="deploy-title">{t.deployTitle}</h2>
      <form onSubmit={submit}>
        <div className="form-row">
          <div>
            <label htmlFor="deploy-environment">{t.deployEnvironment}</label>
            <select
              id="deploy-environment"
              value={environment}
              onChange={(e) => setEnvironment(e.target.value as Environment)}
            >
              {ENVIRONMENTS.map((env) => (
                <option key={env} value={env}>
                  {t.environment[env]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="deploy-version">{t.deployVersion}</label>
            <VersionSelect id="deploy-version" value={chosen} versions={versions} onChange={setVersion} />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={withCanary} onChange={(e) => setWithCanary(e.target.checked)} />
          {t.withCanary}
        </label>
        {withCanary && (
          <div className="form-row">
            <div>
              <label htmlFor="deploy-canary-version">{t.canaryVersion}</label>
              <VersionSelect
                id="deploy-canary-version"
                value={canary}
                versions={versions}
                onChange={setCanaryVersion}
              />
            </div>
            <div>
              <label htmlFor="deploy-canary-percent">{t.canaryPercent}</label>
              <input
                id="deploy-canary-percent"
                type="number"
                min={1}
                max={99}
                step={1}
                value={percent}
                aria-describedby="deploy-canary-hint"
                aria-invalid={!shareValid}
                onChange={(e) => setPercent(e.target.value)}
              />
            </div>
            <p id="deploy-canary-hint" className="hint">
              {t.canaryHint}
            </p>
          </div>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={!allowed || deploy.isPending || (withCanary && !shareValid)}
          >
            {deploy.isPending ? t.deploying : t.deploy}
          </button>
          {!allowed && environment === "production" && <span className="hint">{t.productionNeedsRight}</span>}
        </div>
      </form>
      <div aria-live="polite">
        {deploy.isSuccess && latestAction && (
          <p className="notice success" role="status">
            {t.deployed(t.environment[deploy.variables.environment], deploy.data.version)}
          </p>
        )}
      </div>
      {deploy.isError && <ErrorNotice error={deploy.error} />}
    </section>
  );
}

function VersionSelect({
  id,
  value,
  versions,
  onChange,
}: {
  id: string;
  value: number;
  versions: { version: number; note: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
      {versions.map((v) => (
        <option key={v.version} value={String(v.version)}>
          v{v.version}
          {v.note ? `: ${v.note.length > 40 ? `${v.note.slice(0, 40)}…` : v.note}` : ""}
        </option>
      ))}
    </select>
  );
}
