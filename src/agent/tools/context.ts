import type { CommerceConnector } from "../../commerce/index.ts";
import type { AuditSink } from "../../compliance/index.ts";
import type { Clock } from "../../platform/clock.ts";
import type { PolicyEngine } from "../../policy/index.ts";
import type { ToolSession } from "./session.ts";

/** Everything a tool may use. Infrastructure is passed in; tools hold no sockets or SQL. */
export interface ToolContext {
  connector: CommerceConnector;
  policy: PolicyEngine;
  audit: AuditSink;
  clock: Clock;
  session: ToolSession;
}

/** The actor recorded in order histories and the audit log. */
export function actorOf(ctx: ToolContext): string {
  return `agent:${ctx.session.conversationId}`;
}
