/**
 * Faults carry a stable `code` so every edge (HTTP, CLI, WebSocket) maps them the same way.
 * Expected business outcomes (a policy denial, an unknown order) are values, not these.
 */
export type ErrorCode =
  | "config_invalid"
  | "policy_pack_invalid"
  | "agent_invalid"
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "rate_limited"
  | "storage_unavailable"
  | "internal";

export class SwitchboardError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to the caller; internal details stay in `cause` and the logs. */
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "SwitchboardError";
    this.code = code;
    this.details = options.details;
  }
}

export function isSwitchboardError(value: unknown): value is SwitchboardError {
  return value instanceof SwitchboardError;
}
