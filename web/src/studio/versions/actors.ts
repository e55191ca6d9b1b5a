import { useSession } from "../../shared/session.tsx";

/**
 * Versions and deployments record who made them as "user:<id>" (or "token:<id>"), with a suffix such as
 * " (rollback)": the signed-in user's own entries read as their name.
 */
export function useActorName(): (recorded: string) => string {
  const { principal } = useSession();
  const own = `${principal.kind}:${principal.id}`;
  return (recorded) =>
    recorded.startsWith(own) ? `${principal.name}${recorded.slice(own.length)}` : recorded;
}
