import { useCallback, useEffect, useRef, useState } from "react";
import { type CallState, type CallStats, type TranscriptLine, VoiceCall } from "./call.ts";
import { Keypad } from "./Keypad.tsx";
import { strings } from "./strings.ts";

/** How often the page reads the call's counters (speaking or not, frames sent and played). */
const STATS_MS = 250;

const NO_STATS: CallStats = { sent: 0, played: 0, late: 0, cleared: 0, speaking: false };

/** The agent's sentences arrive one by one: one turn reads as one paragraph. */
function withLine(lines: TranscriptLine[], line: TranscriptLine): TranscriptLine[] {
  const last = lines.at(-1);
  if (last?.role !== "agent" || line.role !== "agent") return [...lines, line];
  return [...lines.slice(0, -1), { role: "agent", text: `${last.text} ${line.text}` }];
}

function statusText(state: CallState, detail: string | undefined): string {
  if (state === "failed" && detail) return strings.failures[detail] ?? strings.states.failed;
  return strings.states[state];
}

/** The customer's call page at /voice: call, talk, press keys, read along, hang up. */
export function VoicePage({ locale }: { locale: string | undefined }) {
  const call = useRef<VoiceCall | null>(null);
  const [state, setState] = useState<CallState>("idle");
  const [detail, setDetail] = useState<string | undefined>();
  const [lines, setLines] = useState<TranscriptLine[]>([]);
  const [stats, setStats] = useState<CallStats>(NO_STATS);
  const [conversationId, setConversationId] = useState<string | undefined>();
  const callButton = useRef<HTMLButtonElement>(null);
  const hangUpButton = useRef<HTMLButtonElement>(null);
  const inCall = state === "microphone" || state === "connecting" || state === "connected";

  const start = () => {
    setLines([]);
    setDetail(undefined);
    setStats(NO_STATS);
    setConversationId(undefined);
    call.current = new VoiceCall(
      {
        state: (next, why) => {
          setState(next);
          setDetail(why);
        },
        started: setConversationId,
        transcript: (line) => setLines((all) => withLine(all, line)),
      },
      locale,
    );
  };

  // Focus follows the one action there is: hang up during a call, call again after it.
  useEffect(() => {
    if (inCall) hangUpButton.current?.focus();
    else if (call.current) callButton.current?.focus();
  }, [inCall]);

  useEffect(() => {
    if (!inCall) return;
    const timer = setInterval(() => setStats(call.current?.stats() ?? NO_STATS), STATS_MS);
    return () => {
      clearInterval(timer);
      setStats(call.current?.stats() ?? NO_STATS);
    };
  }, [inCall]);

  // Leaving the page hangs up.
  useEffect(() => () => call.current?.hangUp(), []);

  const live = state === "connected";
  const onKey = useCallback((digit: string) => call.current?.dtmf(digit), []);
  return (
    <main
      className="voice"
      aria-labelledby="title"
      data-call-state={state}
      data-conversation={conversationId}
      data-sent={stats.sent}
      data-played={stats.played}
      data-late={stats.late}
      data-cleared={stats.cleared}
    >
      <h1 id="title">{strings.title}</h1>
      <p className="intro">{strings.intro}</p>
      <p className={`status status-${state}`} role="status">
        {statusText(state, detail)}
      </p>
      <div className="actions">
        {inCall ? (
          <button ref={hangUpButton} type="button" className="hang-up" onClick={() => call.current?.hangUp()}>
            {strings.hangUp}
          </button>
        ) : (
          <button ref={callButton} type="button" className="call" onClick={start}>
            {strings.call}
          </button>
        )}
        {live && (
          <span className={`speaking${stats.speaking ? " on" : ""}`}>
            {stats.speaking ? strings.speaking : strings.listening}
          </span>
        )}
      </div>
      <Keypad enabled={live} onKey={onKey} />
      <section className="transcript" aria-labelledby="transcript-title">
        <h2 id="transcript-title">{strings.transcript}</h2>
        <ol role="log" aria-live="polite" aria-labelledby="transcript-title">
          {lines.map((line, i) => (
            // Lines only ever append: the index is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
            <li key={i} className={line.role}>
              <span className="who">{line.role === "caller" ? strings.you : strings.assistant}:</span>{" "}
              {line.text}
            </li>
          ))}
        </ol>
        {lines.length === 0 && <p className="empty">{strings.transcriptEmpty}</p>}
      </section>
    </main>
  );
}
