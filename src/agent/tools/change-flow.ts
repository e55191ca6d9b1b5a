import type { ChangeOutcome, ChangePreview, CommerceChange, Refusal } from "../../commerce/index.ts";
import type { AuditEntry } from "../../compliance/index.ts";
import { digest } from "../../platform/canonical-json.ts";
import type { Decision } from "../../policy/index.ts";
import { actorOf, type ToolContext } from "./context.ts";
import { actionOf, policyFacts, subjectOwner } from "./facts.ts";

/**
 * Every change to an order or a profile goes through here: preview it, let the policy decide,
 * require the customer's yes to exactly this change, apply it once, and audit each step.
 */

export interface Proposal {
  /** The change as it will be applied, with the policy's obligations (fee, label) filled in. */
  change: CommerceChange;
  preview: ChangePreview;
  /** The decision assuming the customer confirms: what the agent may offer. */
  decision: Decision;
  /** What the customer's confirmation refers to. */
  digest: string;
}

export type ProposalResult = { ok: true; proposal: Proposal } | { ok: false; refusal: Refusal };

export type CommitResult =
  | { status: "applied"; outcome: ChangeOutcome; decision: Decision; proposal: Proposal }
  | { status: "refused"; refusal: Refusal }
  | { status: "denied"; decision: Decision; proposal: Proposal }
  | { status: "approval_required"; decision: Decision; proposal: Proposal };

export function changeDigest(change: CommerceChange): string {
  return digest(change);
}

/** Folds the decision's obligations into the change (the customer must hear the fee before saying yes). */
function withObligations(change: CommerceChange, decision: Decision): CommerceChange {
  if (change.kind !== "create_return") return change;
  const fee = decision.obligations.feeMinor;
  const label = decision.obligations.labelType as
    | "prepaid_label"
    | "qr_code"
    | "customer_arranged"
    | undefined;
  const next = { ...change };
  if (fee > 0) next.feeMinor = fee;
  else delete next.feeMinor;
  if (label) next.labelType = label;
  return next;
}

async function decide(
  ctx: ToolContext,
  change: CommerceChange,
  preview: ChangePreview,
  confirmed: boolean,
): Promise<Decision> {
  return ctx.policy.decide(actionOf(change), await policyFacts(ctx, change, preview, confirmed));
}

export async function proposeChange(ctx: ToolContext, requested: CommerceChange): Promise<ProposalResult> {
  let change = requested;
  let preview = await ctx.connector.preview(change);
  if (!preview.ok) return { ok: false, refusal: preview.refusal };
  let decision = await decide(ctx, change, preview.value, true);
  const settled = withObligations(change, decision);
  if (digest(settled) !== digest(change)) {
    change = settled;
    preview = await ctx.connector.preview(change);
    if (!preview.ok) return { ok: false, refusal: preview.refusal };
    decision = await decide(ctx, change, preview.value, true);
  }
  return { ok: true, proposal: { change, preview: preview.value, decision, digest: digest(change) } };
}

function decisionRecord(decision: Decision) {
  return {
    allowed: decision.allowed,
    pack: decision.pack,
    reasons: decision.reasons.map((r) => ({
      code: r.code,
      rule: r.ruleId,
      ...(r.lineId ? { lineId: r.lineId } : {}),
    })),
    obligations: decision.obligations,
    firedRules: decision.firedRules,
  };
}

export async function commitChange(ctx: ToolContext, requested: CommerceChange): Promise<CommitResult> {
  const actor = actorOf(ctx);
  const subjectOf = (preview?: ChangePreview) => ({
    type:
      requested.kind === "update_default_address"
        ? "customer"
        : requested.kind === "promise_to_pay"
          ? "invoice"
          : "order",
    id:
      "orderId" in requested
        ? requested.orderId
        : "customerId" in requested
          ? requested.customerId
          : requested.invoiceId,
    ...(preview ? { owner: subjectOwner(preview) } : {}),
  });
  const session = {
    verifiedCustomerId: ctx.session.verifiedCustomerId,
    verificationMethod: ctx.session.verificationMethod,
  };
  // Entries hold personal data (addresses, how the customer was verified): sealed with the key of
  // the customer it is about, so erasing them leaves the chain intact and the content unreadable.
  const audit = (entry: Omit<AuditEntry, "actor" | "dataSubject">, preview?: ChangePreview) => {
    const dataSubject = ctx.session.verifiedCustomerId ?? (preview ? subjectOwner(preview) : undefined);
    if (dataSubject) return ctx.audit.append({ ...entry, actor, dataSubject });
    // Nobody to seal it for: keep what kind of change was asked, not its details.
    const data = entry.data as { change?: CommerceChange } & Record<string, unknown>;
    return ctx.audit.append({
      ...entry,
      actor,
      data: { ...data, change: data.change ? { kind: data.change.kind } : undefined, session: undefined },
    });
  };

  const proposed = await proposeChange(ctx, requested);
  if (!proposed.ok) {
    await audit({
      action: "change_refused",
      subject: subjectOf(),
      data: { change: requested, refusal: proposed.refusal, session },
    });
    return { status: "refused", refusal: proposed.refusal };
  }
  const proposal = proposed.proposal;
  const confirmed = ctx.session.isConfirmed(proposal.digest);
  const decision = await decide(ctx, proposal.change, proposal.preview, confirmed);
  const subject = subjectOf(proposal.preview);

  if (!decision.allowed || decision.obligations.approvalRequired) {
    const status = decision.allowed ? "approval_required" : "denied";
    await audit(
      {
        action: decision.allowed ? "change_needs_approval" : "change_denied",
        subject,
        data: {
          change: proposal.change,
          decision: decisionRecord(decision),
          confirmation: confirmed ? proposal.digest : null,
          session,
        },
      },
      proposal.preview,
    );
    return { status, decision, proposal };
  }

  await audit(
    {
      action: "change_requested",
      subject,
      data: {
        change: proposal.change,
        decision: decisionRecord(decision),
        confirmation: proposal.digest,
        session,
      },
    },
    proposal.preview,
  );
  const applied = await ctx.connector.apply(proposal.change, {
    idempotencyKey: `${ctx.session.conversationId}:${proposal.digest}`,
    actor,
  });
  if (!applied.ok) {
    await audit(
      {
        action: "change_refused",
        subject,
        data: { change: proposal.change, refusal: applied.refusal, session },
      },
      proposal.preview,
    );
    return { status: "refused", refusal: applied.refusal };
  }
  ctx.session.consume(proposal.digest);
  await audit(
    {
      action: "change_applied",
      subject,
      data: {
        change: proposal.change,
        confirmation: proposal.digest,
        replayed: applied.value.replayed,
        ...(applied.value.createdId ? { createdId: applied.value.createdId } : {}),
        ...(applied.value.rmaNumber ? { rmaNumber: applied.value.rmaNumber } : {}),
      },
    },
    proposal.preview,
  );
  return { status: "applied", outcome: applied.value, decision, proposal };
}
