export { canonicalJson, digest, sha256Hex } from "./canonical-json.ts";
export { addBusinessDays, addDays, type Clock, daysBetween, fixedClock, systemClock } from "./clock.ts";
export {
  type Config,
  ConfigSchema,
  DEFAULT_AGENT_DIR,
  ENVIRONMENT_KEYS,
  type LoadConfigOptions,
  loadConfig,
} from "./config.ts";
export { type ErrorCode, isSwitchboardError, SwitchboardError } from "./errors.ts";
export { FixedWindowLimiter } from "./fixed-window.ts";
export {
  actorOf,
  CSRF_HEADER,
  guard,
  type RequestAuthorizer,
  requestCredentials,
  SESSION_COOKIE,
} from "./http/auth.ts";
export { type ErrorBody, errorBody } from "./http/errors.ts";
export { sameOrigin } from "./http/same-origin.ts";
export { createHttpServer, type HttpServer, type HttpServerOptions, type ZodServer } from "./http/server.ts";
export {
  createLogger,
  type Logger,
  REDACTED_PATHS,
  type Scrubber,
  silentLogger,
  stderrLogger,
} from "./logger.ts";
export { createMetrics, type Metrics } from "./metrics.ts";
export * from "./storage/index.ts";
