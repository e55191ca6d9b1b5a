import type { GateRefusal } from "../api.ts";
import { strings } from "../strings.ts";

const t = strings.versions;

/** A test file as the agent directory names it, not where the gate copied the candidate. */
function agentPath(file: string): string {
  const at = file.lastIndexOf("/tests/");
  return at >= 0 ? file.slice(at + 1) : file;
}

/**
 * Why the release gate refused a version: the failing conversation tests and the changed replays.
 * The platform's message is shown only when there is no report to say it better.
 */
export function GateReport({ message, report }: { message: string; report: GateRefusal | undefined }) {
  return (
    <div className="notice error gate-report" role="alert">
      <h3>{t.gateTitle}</h3>
      {!report && <p>{message}</p>}
      {report && (
        <>
          <p>{t.gateTests(report.tests.passed, report.tests.total)}</p>
          {report.tests.failures.length > 0 && (
            <>
              <h4>{t.gateFailures}</h4>
              <ul>
                {report.tests.failures.map((failure) => (
                  <li key={`${failure.file ?? ""}:${failure.name}`}>
                    <strong>{failure.name}</strong>
                    {failure.file && (
                      <>
                        {" "}
                        (<code>{agentPath(failure.file)}</code>)
                      </>
                    )}
                    : {failure.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.replay ? (
            <>
              <p>{t.gateReplay(report.replay.replayed, report.replay.changed.length)}</p>
              {report.replay.changed.length > 0 && (
                <>
                  <h4>{t.gateChanged}</h4>
                  <ul>
                    {report.replay.changed.map((conversation) => (
                      <li key={conversation.conversationId}>
                        {t.conversation(conversation.conversationId)}
                        <ul>
                          {conversation.differences.map((difference) => (
                            <li key={difference}>{difference}</li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          ) : (
            <p>{t.gateNoReplay}</p>
          )}
        </>
      )}
    </div>
  );
}
