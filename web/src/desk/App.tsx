import { lazy, Suspense, useEffect } from "react";
import { Layout } from "../shared/Layout.tsx";
import { navigate, useLocation } from "../shared/router.tsx";
import { useSession } from "../shared/session.tsx";
import { sharedStrings } from "../shared/strings.ts";
import { useDeskLive } from "./live.ts";
import { QueuePage } from "./QueuePage.tsx";
import { strings } from "./strings.ts";

// The floor's charts are most of its weight: loaded when a supervisor first opens it.
const FloorPage = lazy(() => import("./FloorPage.tsx"));

export const BASE = "/desk";
const QUEUE = `${BASE}/queue`;
const CONVERSATION = /^\/desk\/queue\/([^/]+)$/;

export function DeskApp() {
  const { path } = useLocation();
  const session = useSession();
  const allowed = session.can("desk:handle");
  const live = useDeskLive(allowed);
  const nav = [
    { to: QUEUE, label: strings.nav.queue },
    ...(session.can("desk:supervise") ? [{ to: `${BASE}/floor`, label: strings.nav.floor }] : []),
  ];
  const opened = CONVERSATION.exec(path)?.[1];
  const home = path === BASE;
  useEffect(() => {
    if (home) navigate(QUEUE, { replace: true });
  }, [home]);
  return (
    <Layout appName={strings.appName} nav={nav}>
      <p className={live ? "live on" : "live"} aria-live="polite">
        {live ? strings.live.connected : strings.live.reconnecting}
      </p>
      {!allowed ? (
        <p className="notice error" role="alert">
          {sharedStrings.forbidden}
        </p>
      ) : path === `${BASE}/floor` ? (
        <Suspense fallback={<p className="page-loading">{sharedStrings.loading}</p>}>
          <FloorPage />
        </Suspense>
      ) : path === QUEUE || opened ? (
        <QueuePage opened={opened ? decodeURIComponent(opened) : undefined} />
      ) : home ? null : (
        <p role="alert">{strings.notFound}</p>
      )}
    </Layout>
  );
}
