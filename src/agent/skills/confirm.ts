import type { ChangeOutcome, CommerceChange } from "../../commerce/index.ts";
import type { Frame, Json } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import type { MessageParams } from "../responses/params.ts";
import type { Proposal } from "../tools/index.ts";
import { explainDenial, explainRefusal } from "./common.ts";

export interface ConfirmSpec {
  change: CommerceChange;
  /** The message that lists the exact action and asks for a yes. */
  confirmKey: string;
  confirmParams(proposal: Proposal): MessageParams;
  /** Says what was done and finishes the skill. */
  applied(outcome: ChangeOutcome, proposal: Proposal): StepResult;
  declinedKey: string;
  deniedKey?: string;
}

/**
 * "List the action, get a yes, act." Proposes the change (the policy decides), reads it out, and on
 * an explicit yes applies exactly that change; a no leaves everything as it was.
 */
export async function confirmThenApply(turn: Turn, frame: Frame, spec: ConfirmSpec): Promise<StepResult> {
  const asked = typeof frame.slots.digest === "string" ? frame.slots.digest : undefined;
  if (asked && turn.isAnswer(frame, "confirm")) {
    const answer = turn.yesNo();
    if (answer === false) {
      turn.record({ type: "confirmation_declined", digest: asked });
      delete frame.slots.digest;
      turn.say(spec.declinedKey);
      return { kind: "done", outcome: "declined" };
    }
    if (answer === true) {
      turn.confirm(asked);
      const result = await turn.commit(spec.change);
      switch (result.status) {
        case "applied":
          delete frame.slots.digest;
          return spec.applied(result.outcome, result.proposal);
        case "refused":
          return explainRefusal(turn, result.refusal);
        case "approval_required":
          turn.say("change.needs_approval");
          frame.slots.approval = result.proposal.digest;
          return { kind: "handoff", reason: "approval_required" };
        case "denied":
          if (result.decision.reasons.every((r) => r.code === "confirmation_required")) break;
          return explainDenial(turn, result.decision, spec.deniedKey);
      }
    } else {
      return turn.ask(frame, "confirm", "confirm.yes_or_no", {}, { expecting: "yes_no" });
    }
  }

  const proposed = await turn.propose(spec.change);
  if (!proposed.ok) return explainRefusal(turn, proposed.refusal);
  const { proposal } = proposed;
  if (!proposal.decision.allowed) return explainDenial(turn, proposal.decision, spec.deniedKey);
  frame.slots.digest = proposal.digest;
  frame.slots.change = proposal.change as unknown as Json;
  turn.record({ type: "confirmation_requested", digest: proposal.digest, action: proposal.change.kind });
  return turn.ask(frame, "confirm", spec.confirmKey, spec.confirmParams(proposal), { expecting: "yes_no" });
}
