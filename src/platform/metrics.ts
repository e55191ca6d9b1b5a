import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** One registry per app, so tests can run several apps in one process. */
export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<"method" | "route" | "status">;
  policyDecisions: Counter<"action" | "outcome">;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "switchboard_" });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "switchboard_http_request_duration_seconds",
      help: "HTTP request handling time by route and status.",
      labelNames: ["method", "route", "status"],
      // From 1 ms to 2.5 s: admin reads sit in the low milliseconds, a slow OMS shows in the top buckets.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    policyDecisions: new Counter({
      name: "switchboard_policy_decisions_total",
      help: "Policy decisions on order and profile changes, by action and outcome.",
      labelNames: ["action", "outcome"],
      registers: [registry],
    }),
  };
}
