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

/** Masks card numbers, IBANs and the like inside any string (compliance/ provides it). */
export type Scrubber = (text: string) => string;

function scrubValue(value: unknown, scrub: Scrubber, depth: number): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(value) as object), value) as Error;
    copy.message = scrub(value.message);
    if (value.stack) copy.stack = scrub(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, scrub, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, scrub, depth + 1)]));
}

export function createLogger(
  options: { level?: string; destination?: DestinationStream; scrub?: Scrubber } = {},
): Logger {
  const scrub = options.scrub;
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "switchboard" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A second net under the static messages: whatever reaches a log line (an error's text quoting
      // input, say) has card numbers and IBANs masked before it is written.
      ...(scrub
        ? {
            hooks: {
              logMethod(args: unknown[], method: (...a: unknown[]) => void) {
                method.apply(
                  this,
                  args.map((a) => scrubValue(a, scrub, 0)),
                );
              },
            },
          }
        : {}),
    },
    options.destination,
  );
}

export const silentLogger: Logger = pino({ level: "silent" });

/** For one-shot commands whose results go to standard output: their warnings go to standard error. */
export function stderrLogger(level = "warn"): Logger {
  return createLogger({ level, destination: pino.destination(2) });
}
