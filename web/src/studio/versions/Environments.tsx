import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../shared/api-context.tsx";
import { ErrorNotice } from "../../shared/ErrorNotice.tsx";
import { formatDateTime } from "../../shared/format.ts";
import { useSession } from "../../shared/session.tsx";
import { type Deployment, ENVIRONMENTS, type Environment, keys, type VersionsOverview } from "../api.ts";
import { strings } from "../strings.ts";
import { useActorName } from "./actors.ts";
import { useIsLatestAction, VERSIONS_ACTION } from "./latest-action.ts";
import { deployPermission } from "./permissions.ts";

const t = strings.versions;

/** Staging and production: the version each runs, its canary, and a rollback. */
export function Environments({ overview }: { overview: VersionsOverview }) {
  return (
    <section className="panel" aria-labelledby="environments-title">
      <h2 id="environments-title">{t.environmentsTitle}</h2>
      <div className="environments">
        {ENVIRONMENTS.map((environment) => (
          <EnvironmentCard
            key={environment}
            environment={environment}
            deployment={overview.deployments[environment]}
          />
        ))}
      </div>
      <p className="hint">{t.restartNote}</p>
    </section>
  );
}

function EnvironmentCard({
  environment,
  deployment,
}: {
  environment: Environment;
  deployment: Deployment | null;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const actor = useActorName();
  const [confirming, setConfirming] = useState(false);
  const name = t.environment[environment];
  const rollback = useMutation({
    mutationKey: [...VERSIONS_ACTION, "rollback", environment],
    mutationFn: () => api.post<Deployment>("/api/v1/agent/deployments/rollback", { environment }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.versions }),
    onSuccess: () => setConfirming(false),
  });
  const latest = useIsLatestAction(rollback.submittedAt);
  const allowed = can(deployPermission(environment));

  return (
    <div className="environment" data-environment={environment}>
      <h3>{name}</h3>
      {deployment ? (
        <>
          <p className="runs">{t.runs(deployment.version)}</p>
          <p>
            {deployment.canary ? t.canary(deployment.canary.version, deployment.canary.percent) : t.noCanary}
          </p>
          <p className="hint">
            {t.deployedBy(actor(deployment.deployedBy), formatDateTime(deployment.deployedAt))}
          </p>
        </>
      ) : (
        <p>{t.nothingDeployed}</p>
      )}
      <div className="actions" aria-live="polite">
        {confirming ? (
          <>
            <span>{t.rollbackConfirm(name.toLowerCase())}</span>
            <button
              type="button"
              className="danger"
              onClick={() => rollback.mutate()}
              disabled={rollback.isPending}
            >
              {t.rollbackYes}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              rollback.reset();
              setConfirming(true);
            }}
            disabled={!deployment || !allowed}
            title={allowed ? undefined : t.productionNeedsRight}
          >
            {t.rollback}
          </button>
        )}
        {rollback.isSuccess && !confirming && latest && (
          <span role="status">{t.rolledBack(name, rollback.data.version)}</span>
        )}
      </div>
      {rollback.isError && <ErrorNotice error={rollback.error} />}
    </div>
  );
}
