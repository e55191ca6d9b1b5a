import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useApi } from "../shared/api-context.tsx";
import { ErrorNotice } from "../shared/ErrorNotice.tsx";
import { formatDateTime } from "../shared/format.ts";
import { sharedStrings } from "../shared/strings.ts";
import {
  conversationPath,
  type DeskConversation,
  type DeskQueue,
  keys,
  WRAP_UP_CODES,
  type WrapUpCode,
} from "./api.ts";
import { OrderPanel } from "./OrderPanel.tsx";
import { Packet } from "./Packet.tsx";
import { useMe } from "./QueuePage.tsx";
import { strings, wrapUpLabel } from "./strings.ts";

const t = strings.conversation;

function Transcript({ messages }: { messages: DeskConversation["messages"] }) {
  const list = useRef<HTMLOListElement>(null);
  const count = messages.length;
  // The newest message in view as it arrives, without scrolling the page around it.
  useEffect(() => {
    if (list.current && count > 0) list.current.scrollTop = list.current.scrollHeight;
  }, [count]);
  if (count === 0) return <p>{t.noMessages}</p>;
  return (
    <ol ref={list} className="transcript" aria-live="polite">
      {messages.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log; the place in it is the identity
        <li key={`${m.at}-${i}`} className={`msg ${m.role}`}>
          <span className="who">{t.roles[m.role]}</span>
          <span className="text">{m.text}</span>
        </li>
      ))}
    </ol>
  );
}

/** One handed-over conversation: transcript, packet, the order as it is now, and what a person does. */
export function ConversationView({ id }: { id: string }) {
  const api = useApi();
  const me = useMe();
  const queryClient = useQueryClient();
  const [reply, setReply] = useState("");
  const [note, setNote] = useState("");
  const [wrapUp, setWrapUp] = useState<WrapUpCode>("resolved");
  // Who wrote a note, by the name they have at the desk (the queue's cache, shared with the page).
  const agents = useQuery({
    queryKey: keys.queue,
    queryFn: ({ signal }) => api.get<DeskQueue>("/api/v1/desk/queue", signal),
    select: (q) => new Map(q.agents.map((a) => [a.userId, a.displayName])),
  }).data;
  const conversation = useQuery({
    queryKey: keys.conversation(id),
    queryFn: ({ signal }) => api.get<DeskConversation>(conversationPath(id), signal),
  });
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) =>
      api.post(`${conversationPath(id)}/${action}`, body),
    onSuccess: (_data, { action }) => {
      if (action === "reply") setReply("");
      if (action === "notes") setNote("");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });

  if (conversation.isPending) return <p className="panel">{sharedStrings.loading}</p>;
  if (conversation.isError)
    return (
      <div className="panel">
        <ErrorNotice error={conversation.error} onRetry={() => conversation.refetch()} />
      </div>
    );
  const { handoff, packet, messages, notes } = conversation.data;
  const mine = handoff.status === "assigned" && handoff.assignedTo === me;
  const takeable = handoff.status === "waiting" || (handoff.status === "offered" && handoff.offeredTo === me);

  const sendReply = (event?: FormEvent) => {
    event?.preventDefault();
    const text = reply.trim();
    if (text && !act.isPending) act.mutate({ action: "reply", body: { text } });
  };
  const replyKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      sendReply();
    }
  };
  const addNote = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (text) act.mutate({ action: "notes", body: { text } });
  };
  const close = (event: FormEvent) => {
    event.preventDefault();
    act.mutate({ action: "close", body: { wrapUp } });
  };

  return (
    <div className="conversation">
      <section className="panel">
        <h2 id="conversation-title">{t.title(id)}</h2>
        <p className="state" role="status">
          {handoff.status === "closed"
            ? t.closed(wrapUpLabel(handoff.wrapUp ?? ""))
            : mine
              ? t.taken
              : handoff.status === "assigned"
                ? t.someoneElse
                : ""}
        </p>
        {takeable && (
          <button type="button" className="primary" onClick={() => act.mutate({ action: "take" })}>
            {t.take}
          </button>
        )}
        {act.isError && <ErrorNotice error={act.error} />}
        <h3>{t.transcript}</h3>
        <Transcript messages={messages} />
        {mine && (
          <form className="reply" onSubmit={sendReply}>
            <label htmlFor="reply">{t.reply}</label>
            <textarea
              id="reply"
              rows={3}
              maxLength={4000}
              value={reply}
              aria-describedby="reply-hint"
              onChange={(e) => setReply(e.target.value)}
              onKeyDown={replyKey}
            />
            <p id="reply-hint" className="hint">
              {t.replyHint}
            </p>
            <button type="submit" className="primary" disabled={!reply.trim() || act.isPending}>
              {t.send}
            </button>
          </form>
        )}
        {mine && (
          <div className="finish">
            <form onSubmit={close}>
              <label htmlFor="wrap-up">{t.wrapUp}</label>
              <select id="wrap-up" value={wrapUp} onChange={(e) => setWrapUp(e.target.value as WrapUpCode)}>
                {WRAP_UP_CODES.map((code) => (
                  <option key={code} value={code}>
                    {wrapUpLabel(code)}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={act.isPending}>
                {t.close}
              </button>
            </form>
            <button
              type="button"
              onClick={() => act.mutate({ action: "hand-back" })}
              disabled={act.isPending}
            >
              {t.handBack}
            </button>
          </div>
        )}
      </section>
      <Packet packet={packet} />
      {packet && packet.orders.length > 0 && <OrderPanel orderIds={packet.orders.map((o) => o.id)} />}
      <section className="panel" aria-labelledby="notes-title">
        <h3 id="notes-title">{t.notes}</h3>
        <p className="hint">{t.notesHint}</p>
        {notes.length === 0 ? (
          <p>{t.noNotes}</p>
        ) : (
          <ul className="notes">
            {notes.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log; the place in it is the identity
              <li key={`${n.at}-${i}`}>
                <span className="author">
                  {agents?.get(n.author) ?? n.author} · {formatDateTime(n.at)}
                </span>
                <span>{n.text}</span>
              </li>
            ))}
          </ul>
        )}
        {handoff.status !== "closed" && (
          <form className="note" onSubmit={addNote}>
            <label htmlFor="note" className="visually-hidden">
              {t.addNote}
            </label>
            <textarea
              id="note"
              rows={2}
              maxLength={4000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="submit" disabled={!note.trim() || act.isPending}>
              {t.addNote}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
