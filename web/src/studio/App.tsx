import { lazy, Suspense, useEffect } from "react";
import { Layout } from "../shared/Layout.tsx";
import { navigate, useLocation } from "../shared/router.tsx";
import { sharedStrings } from "../shared/strings.ts";
import { strings } from "./strings.ts";
import { VersionsPage } from "./versions/VersionsPage.tsx";

// Charts are most of the studio's weight: loaded when the analytics page is first opened.
const AnalyticsPage = lazy(() => import("./analytics/AnalyticsPage.tsx"));

const BASE = "/studio";
const NAV = [
  { to: `${BASE}/versions`, label: strings.nav.versions },
  { to: `${BASE}/analytics`, label: strings.nav.analytics },
];

export function StudioApp() {
  const { path } = useLocation();
  const home = path === BASE;
  useEffect(() => {
    if (home) navigate(`${BASE}/versions`, { replace: true });
  }, [home]);
  return (
    <Layout appName={strings.appName} nav={NAV}>
      {path === `${BASE}/versions` ? (
        <VersionsPage />
      ) : path === `${BASE}/analytics` ? (
        <Suspense fallback={<p className="page-loading">{sharedStrings.loading}</p>}>
          <AnalyticsPage />
        </Suspense>
      ) : home ? null : (
        <p role="alert">{strings.notFound}</p>
      )}
    </Layout>
  );
}
