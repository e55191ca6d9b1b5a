import type {
  ChangePreview,
  CommerceChange,
  CommerceConnector,
  Order,
  Refusal,
} from "../../commerce/index.ts";
import type { AuditSink } from "../../compliance/index.ts";
import type { Clock } from "../../platform/index.ts";
import type { Decision, PolicyEngine } from "../../policy/index.ts";
import type { AgentDefinition } from "../definition.ts";
import type { AgentEvent } from "../events.ts";
import type { MessageParams } from "../responses/params.ts";
import {
  type CommitResult,
  commitChange,
  type Proposal,
  proposeChange,
  type ToolContext,
  ToolSession,
} from "../tools/index.ts";
import type { CatalogTerms, Entity, EntityType, Understanding } from "../understanding/types.ts";
import type { DialogueState, Frame, Json, Pending } from "./state.ts";

/** What the skills run against: the order system, the policy, the audit log and the agent's settings. */
export interface AgentServices {
  connector: CommerceConnector;
  policy: PolicyEngine;
  audit: AuditSink;
  clock: Clock;
  definition: AgentDefinition;
  catalog: CatalogTerms;
}

export interface Reply {
  key: string;
  params: MessageParams;
}

/** How a skill's step ended. */
export type StepResult =
  | { kind: "ask" }
  | { kind: "done"; outcome: string }
  | { kind: "push"; skill: Frame["skill"]; slots?: Record<string, Json> }
  | { kind: "handoff"; reason: string }
  | { kind: "end" };

type EntityOf<T extends EntityType> = Extract<Entity, { type: T }>;

/**
 * One turn in progress: the state being changed, the customer's message as understood, and what the
 * agent says and records. Skills read and write through it.
 */
export class Turn {
  readonly replies: Reply[] = [];
  readonly events: AgentEvent[] = [];
  /** The question this message answers, if the agent had asked one. */
  answering: Pending | null;

  constructor(
    readonly state: DialogueState,
    public understanding: Understanding | null,
    readonly services: AgentServices,
    readonly conversationId: string,
    readonly channel: string,
  ) {
    this.answering = state.pending;
  }

  say(key: string, params: MessageParams = {}): void {
    this.replies.push({ key, params });
  }

  /** Asks the customer for a slot and waits for the next message. */
  ask(
    frame: Frame,
    slot: string,
    key: string,
    params: MessageParams = {},
    extra: Omit<Pending, "frameId" | "slot" | "key" | "params"> = {},
  ): StepResult {
    this.say(key, params);
    this.state.pending = { frameId: frame.id, slot, key, params: params as Record<string, Json>, ...extra };
    return { kind: "ask" };
  }

  /** True when this message is the answer to `slot` of `frame`. */
  isAnswer(frame: Frame, slot: string): boolean {
    return (
      this.answering?.frameId === frame.id && this.answering.slot === slot && this.understanding !== null
    );
  }

  entity<T extends EntityType>(type: T): EntityOf<T>["value"] | undefined {
    const found = this.understanding?.entities.find((e) => e.type === type) as EntityOf<T> | undefined;
    return found?.value as EntityOf<T>["value"] | undefined;
  }

  entities<T extends EntityType>(type: T): Array<EntityOf<T>["value"]> {
    const found = (this.understanding?.entities.filter((e) => e.type === type) ?? []) as EntityOf<T>[];
    return found.map((e) => e.value as EntityOf<T>["value"]);
  }

  /** A yes or no, from the yes/no reader or, failing that, a confident affirm/deny intent. */
  yesNo(): boolean | undefined {
    const answer = this.entity("yes_no");
    if (answer !== undefined) return answer;
    const u = this.understanding;
    if (u && u.confidence >= 0.6 && (u.intent === "affirm" || u.intent === "deny"))
      return u.intent === "affirm";
    return undefined;
  }

  record(event: AgentEvent): void {
    this.events.push(event);
  }

  /** Reads an order for the verified customer only; records the lookup. */
  async ownOrder(orderId: string): Promise<Order | null> {
    this.record({ type: "tool_called", tool: "get_order", args: { orderId } });
    const order = await this.services.connector.getOrder(orderId);
    const mine = order && order.customerId === this.state.customer?.id ? order : null;
    this.record({
      type: "tool_result",
      tool: "get_order",
      ok: mine !== null,
      ...(mine ? {} : { code: "order_not_found" }),
    });
    return mine;
  }

  private toolContext(): { ctx: ToolContext; session: ToolSession } {
    const session = ToolSession.restore({
      conversationId: this.conversationId,
      channel: this.channel,
      verifiedCustomerId: this.state.customer?.id ?? null,
      verificationMethod: this.state.customer?.method ?? null,
      confirmations: this.state.confirmations,
    });
    const { connector, policy, audit, clock } = this.services;
    return { ctx: { connector, policy, audit, clock, session }, session };
  }

  recordDecision(decision: Decision): void {
    this.record({
      type: "policy_decision",
      action: decision.action,
      allowed: decision.allowed,
      reasons: decision.reasons.map((r) => ({ code: r.code, message: r.message })),
      obligations: decision.obligations,
      pack: `${decision.pack.id}@${decision.pack.version}`,
    });
  }

  /** Previews a change and asks the policy whether it would be allowed once confirmed. */
  async propose(
    change: CommerceChange,
  ): Promise<{ ok: true; proposal: Proposal } | { ok: false; refusal: Refusal }> {
    this.record({ type: "tool_called", tool: `preview_${change.kind}`, args: change });
    const result = await proposeChange(this.toolContext().ctx, change);
    this.record({
      type: "tool_result",
      tool: `preview_${change.kind}`,
      ok: result.ok,
      ...(result.ok ? {} : { code: result.refusal.code }),
    });
    if (result.ok) this.recordDecision(result.proposal.decision);
    return result;
  }

  /** Records the customer's yes to exactly this proposal. */
  confirm(digest: string): void {
    if (!this.state.confirmations.includes(digest)) this.state.confirmations.push(digest);
    this.record({ type: "confirmation_given", digest });
  }

  /** Applies a confirmed change through the change flow (policy, confirmation, idempotency, audit). */
  async commit(change: CommerceChange): Promise<CommitResult> {
    const { ctx, session } = this.toolContext();
    this.record({ type: "tool_called", tool: change.kind, args: change });
    const result = await commitChange(ctx, change);
    this.state.confirmations = session.confirmed;
    if (result.status === "applied") {
      this.recordDecision(result.decision);
      this.record({ type: "tool_result", tool: change.kind, ok: true });
      this.record({
        type: "change_applied",
        action: change.kind,
        subject:
          "orderId" in change
            ? change.orderId
            : "customerId" in change
              ? change.customerId
              : change.invoiceId,
        ...(result.outcome.createdId ? { createdId: result.outcome.createdId } : {}),
        ...(result.outcome.rmaNumber ? { rmaNumber: result.outcome.rmaNumber } : {}),
      });
    } else {
      const code = result.status === "refused" ? result.refusal.code : result.status;
      this.record({ type: "tool_result", tool: change.kind, ok: false, code });
      this.record({ type: "change_refused", action: change.kind, code });
      if (result.status !== "refused") this.recordDecision(result.decision);
    }
    return result;
  }

  now(): Date {
    return this.services.clock.now();
  }
}

export type { ChangePreview };
