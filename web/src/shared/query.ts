import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, isUnauthorized } from "./api.ts";

/** Where the signed-in principal is cached; `null` means signed out. */
export const ME_KEY = ["auth", "me"] as const;

/**
 * The staff apps' query client. A 401 from any request means the session ended (expired, signed out
 * in another tab): the app falls back to the sign-in form. Client errors are answers, not retried.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => signedOutOn(error) }),
    mutationCache: new MutationCache({ onError: (error) => signedOutOn(error) }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  const signedOutOn = (error: unknown) => {
    if (isUnauthorized(error)) client.setQueryData(ME_KEY, null);
  };
  return client;
}
