import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../shared/api-context.tsx";
import { ErrorNotice } from "../../shared/ErrorNotice.tsx";
import { PageHeading } from "../../shared/Layout.tsx";
import { useSession } from "../../shared/session.tsx";
import { sharedStrings } from "../../shared/strings.ts";
import { keys, type VersionsOverview } from "../api.ts";
import { strings } from "../strings.ts";
import { DeployForm } from "./DeployForm.tsx";
import { DiffView } from "./DiffView.tsx";
import { Environments } from "./Environments.tsx";
import { PublishForm } from "./PublishForm.tsx";
import { VersionList } from "./VersionList.tsx";

const t = strings.versions;

/** Versions of the agent: what runs where, publishing through the gate, deploying, comparing. */
export function VersionsPage() {
  const api = useApi();
  const { can } = useSession();
  const overview = useQuery({
    queryKey: keys.versions,
    queryFn: ({ signal }) => api.get<VersionsOverview>("/api/v1/agent/versions", signal),
  });
  const data = overview.data;
  return (
    <>
      <PageHeading appName={strings.appName}>{t.title}</PageHeading>
      {overview.isPending ? (
        <p className="page-loading">{sharedStrings.loading}</p>
      ) : !data ? (
        <ErrorNotice error={overview.error} onRetry={() => overview.refetch()} />
      ) : (
        <>
          <p className="page-intro">{t.agent(data.agentId)}</p>
          {!can("agents:write") && <p className="notice warning">{t.readOnly}</p>}
          <Environments overview={data} />
          <div className="columns">
            <PublishForm overview={data} />
            <DeployForm overview={data} />
          </div>
          <VersionList overview={data} />
          <DiffView versions={data.versions} />
        </>
      )}
    </>
  );
}
