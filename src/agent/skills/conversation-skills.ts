import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { code, list, order as orderParam, product, text } from "../responses/params.ts";
import type { Skill } from "./types.ts";

/** A complaint: acknowledge it, and offer what can actually be done about it. */
export const complaint: Skill = {
  name: "complaint",
  requiresCustomer: false,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    if (turn.isAnswer(frame, "complaint_next")) {
      if (turn.yesNo() === true) return { kind: "handoff", reason: "complaint" };
      turn.say("complaint.ok");
      return { kind: "done", outcome: "declined" };
    }
    return turn.ask(frame, "complaint_next", "complaint.sorry", {}, { expecting: "yes_no" });
  },
};

/** Says the transfer; the engine builds the escalation packet and ends the agent's part. */
export const handoff: Skill = {
  name: "handoff",
  requiresCustomer: false,
  async step(): Promise<StepResult> {
    return { kind: "handoff", reason: "customer_request" };
  },
};

/** Closes the conversation with a summary of what was done in it. */
export const goodbye: Skill = {
  name: "goodbye",
  requiresCustomer: false,
  async step(turn: Turn): Promise<StepResult> {
    const done = turn.state.resolved.filter((r) => r.key !== "summary.status");
    if (done.length > 0) {
      turn.say("goodbye.summary", {
        things: list(
          done.map((r) =>
            text(r.key, {
              order: orderParam(String(r.params.order ?? "")),
              rma: code(String(r.params.rma ?? "")),
              invoice: code(String(r.params.invoice ?? "")),
              item: product(String(r.params.item ?? "")),
            }),
          ),
        ),
      });
    }
    const name = turn.state.customer?.firstName ?? "";
    turn.say("goodbye.bye", { name, hasName: name ? "yes" : "no" });
    return { kind: "end" };
  },
};
