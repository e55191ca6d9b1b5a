import { type AnchorHTMLAttributes, type MouseEvent, useMemo, useSyncExternalStore } from "react";

/** A tiny history router: the staff apps have a handful of pages, each a path under the area. */
const NAVIGATED = "switchboard:navigated";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/**
 * Whether the next page to open should take the focus: after a link, a back button or a sign-in, but
 * not on the first load, where the skip link must stay the first stop of the keyboard.
 */
let focusRequested = false;
window.addEventListener("popstate", () => requestPageFocus());

export function requestPageFocus(): void {
  focusRequested = true;
}

export function takePageFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { path: url.pathname.replace(/\/+$/, "") || "/", query: url.searchParams };
  }, [href]);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (!options.replace) requestPageFocus();
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** A link that changes page without reloading; a modified click (new tab, download) stays the browser's. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
