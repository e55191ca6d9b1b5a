import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { type ApiClient, isUnauthorized } from "./api.ts";
import { useApi } from "./api-context.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { ME_KEY } from "./query.ts";
import { SignIn } from "./SignIn.tsx";
import { sharedStrings } from "./strings.ts";

/** Who is signed in, as GET /api/v1/auth/me says. */
export interface Principal {
  kind: string;
  id: string;
  name: string;
  role: string;
  permissions: string[];
  csrfToken?: string;
}

export interface Session {
  principal: Principal;
  can(permission: string): boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionGate");
  return session;
}

async function fetchMe(api: ApiClient): Promise<Principal | null> {
  try {
    const me = await api.get<Principal>("/api/v1/auth/me");
    api.setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isUnauthorized(error)) return null;
    throw error;
  }
}

/** Shows the sign-in form until someone is signed in, then the app with the session in context. */
export function SessionGate({ appName, children }: { appName: string; children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: () => fetchMe(api), staleTime: Number.POSITIVE_INFINITY });
  const principal = me.data;
  const session = useMemo<Session | null>(() => {
    if (!principal) return null;
    const permissions = new Set(principal.permissions);
    return {
      principal,
      can: (permission) => permissions.has(permission),
      async signOut() {
        await api.post("/api/v1/auth/sign-out").catch(() => undefined);
        api.setCsrfToken(undefined);
        queryClient.setQueryData(ME_KEY, null);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      },
    };
  }, [principal, api, queryClient]);

  if (me.isPending)
    return (
      <p className="page-loading" aria-live="polite">
        {sharedStrings.loading}
      </p>
    );
  if (me.isError && principal === undefined)
    return (
      <main id="content" className="narrow">
        <ErrorNotice error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  if (!session) return <SignIn appName={appName} />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
