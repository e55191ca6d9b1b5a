import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/**
 * Log messages are static; customer data goes only under `pii` keys (or known personal fields),
 * which are censored before anything is written.
 */
export const REDACTED_PATHS = [
  "pii",
  "*.pii",
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.authorization",
  "*.email",
  "*.phone",
  "*.address",
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "switchboard" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

export const silentLogger: Logger = pino({ level: "silent" });
