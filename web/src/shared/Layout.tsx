import { type ReactNode, useEffect, useRef } from "react";
import { Link, takePageFocusRequest, useLocation } from "./router.tsx";
import { useSession } from "./session.tsx";
import { sharedStrings } from "./strings.ts";

const t = sharedStrings.layout;

export interface NavItem {
  to: string;
  label: string;
}

/** The frame of every staff area: a skip link, the area's navigation, who is signed in, the page. */
export function Layout({ appName, nav, children }: { appName: string; nav: NavItem[]; children: ReactNode }) {
  const { principal, signOut } = useSession();
  const { path } = useLocation();
  return (
    <>
      <a className="skip-link" href="#content">
        {t.skipToContent}
      </a>
      <header className="topbar">
        <span className="brand">{appName}</span>
        <nav aria-label={t.mainNavigation}>
          <ul>
            {nav.map((item) => {
              const current = path === item.to || path.startsWith(`${item.to}/`);
              return (
                <li key={item.to}>
                  <Link to={item.to} aria-current={current ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="who">
          <span>{t.signedInAs(principal.name, principal.role)}</span>
          <button type="button" onClick={() => void signOut()}>
            {t.signOut}
          </button>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/**
 * A page's heading. It takes the focus when the page is opened from another one, so keyboard and
 * screen-reader users land on the new page rather than on the link they followed; it also names the
 * browser tab.
 */
export function PageHeading({ appName, children }: { appName: string; children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · ${appName}`;
    if (takePageFocusRequest()) heading.current?.focus();
  }, [children, appName]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
