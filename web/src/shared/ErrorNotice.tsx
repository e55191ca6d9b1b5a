import { ApiError } from "./api.ts";
import { sharedStrings } from "./strings.ts";

/** A failed request, said plainly, with a retry when one makes sense. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message =
    error instanceof ApiError && error.status === 403
      ? sharedStrings.forbidden
      : sharedStrings.unexpected(error instanceof Error ? error.message : String(error));
  return (
    <div className="notice error" role="alert">
      <p>
        <strong>{sharedStrings.errorTitle}.</strong> {message}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {sharedStrings.retry}
        </button>
      )}
    </div>
  );
}
