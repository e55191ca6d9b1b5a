import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../shared/api-context.tsx";
import { ErrorNotice } from "../shared/ErrorNotice.tsx";
import { PageHeading } from "../shared/Layout.tsx";
import { Link } from "../shared/router.tsx";
import { useSession } from "../shared/session.tsx";
import { sharedStrings } from "../shared/strings.ts";
import { type DeskAgent, type DeskQueue, keys, PRESENCE, type Presence, REFRESH_MS } from "./api.ts";
import { ConversationView } from "./ConversationView.tsx";
import { reasonLabel, strings } from "./strings.ts";
import { waitedFor } from "./time.ts";

const t = strings.queue;

/** The signed-in person's id as the desk knows them (the API's actor: `user:<id>`). */
export function useMe(): string {
  const { principal } = useSession();
  return `${principal.kind}:${principal.id}`;
}

function PresenceSelect({ agents }: { agents: DeskAgent[] }) {
  const api = useApi();
  const me = useMe();
  const { principal } = useSession();
  const queryClient = useQueryClient();
  const current = agents.find((a) => a.userId === me)?.presence ?? "offline";
  const set = useMutation({
    mutationFn: (presence: Presence) =>
      api.put<DeskAgent>("/api/v1/desk/presence", { presence, displayName: principal.name }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
  return (
    <div className="presence">
      <label htmlFor="presence">{strings.presence.label}</label>
      <select
        id="presence"
        value={set.isPending && set.variables ? set.variables : current}
        disabled={set.isPending}
        onChange={(e) => set.mutate(e.target.value as Presence)}
      >
        {PRESENCE.map((p) => (
          <option key={p} value={p}>
            {strings.presence.values[p]}
          </option>
        ))}
      </select>
      {set.isError && <ErrorNotice error={set.error} />}
    </div>
  );
}

/** The queue beside the conversation that is open: a person sees what waits while they work. */
export function QueuePage({ opened }: { opened: string | undefined }) {
  const api = useApi();
  const me = useMe();
  const queue = useQuery({
    queryKey: keys.queue,
    queryFn: ({ signal }) => api.get<DeskQueue>("/api/v1/desk/queue", signal),
    refetchInterval: REFRESH_MS,
  });
  const handoffs = queue.data?.handoffs ?? [];
  return (
    <>
      <PageHeading appName={strings.appName}>{t.title}</PageHeading>
      <div className="desk">
        <section className="panel queue" aria-labelledby="queue-title">
          <div className="queue-head">
            <h2 id="queue-title">{t.caption}</h2>
            <PresenceSelect agents={queue.data?.agents ?? []} />
          </div>
          {queue.isPending ? (
            <p>{sharedStrings.loading}</p>
          ) : queue.isError ? (
            <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />
          ) : handoffs.length === 0 ? (
            <p className="empty">{t.empty}</p>
          ) : (
            <div className="table-scroll">
              <table className="queue-table">
                <thead>
                  <tr>
                    <th scope="col">{t.priority}</th>
                    <th scope="col">{t.wait}</th>
                    <th scope="col">{t.reason}</th>
                    <th scope="col">{t.language}</th>
                    <th scope="col">{t.channel}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.callback}</th>
                  </tr>
                </thead>
                <tbody>
                  {handoffs.map((h) => (
                    <tr
                      key={h.conversationId}
                      className={h.conversationId === opened ? "current" : undefined}
                      data-conversation={h.conversationId}
                    >
                      <td>{Math.round(h.priority)}</td>
                      <td className="wait">{waitedFor(h.enqueuedAt)}</td>
                      <td>
                        <Link
                          to={`/desk/queue/${encodeURIComponent(h.conversationId)}`}
                          aria-label={t.open(h.conversationId)}
                          aria-current={h.conversationId === opened ? "true" : undefined}
                        >
                          {reasonLabel(h.reason)}
                        </Link>
                      </td>
                      <td>{h.language}</td>
                      <td>{h.channel}</td>
                      <td>
                        {h.assignedTo === me
                          ? t.mine
                          : h.status === "offered" && h.offeredTo === me
                            ? t.offeredToYou
                            : t.statuses[h.status]}
                      </td>
                      <td>{h.callbackRequested ? t.callbackYes : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {opened ? (
          <ConversationView key={opened} id={opened} />
        ) : (
          <p className="panel pick">{strings.conversation.pick}</p>
        )}
      </div>
    </>
  );
}
