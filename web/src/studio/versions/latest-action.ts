import { useMutationState } from "@tanstack/react-query";

/** The mutation key every action of the versions page shares (publish, deploy, roll back). */
export const VERSIONS_ACTION = ["versions-action"] as const;

/**
 * Whether an action is the last one taken on the page. Its notice ("production now runs v2") is shown
 * only then: after a later deployment or rollback it would be history, not news.
 */
export function useIsLatestAction(submittedAt: number): boolean {
  const times = useMutationState({
    filters: { mutationKey: VERSIONS_ACTION },
    select: (mutation) => mutation.state.submittedAt,
  });
  return submittedAt > 0 && submittedAt === Math.max(...times);
}
