import type { Frame, SkillName } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";

/** A deterministic flow: each step reads the frame's slots and the message, then asks, acts or finishes. */
export interface Skill {
  name: SkillName;
  /** Needs a verified customer first (the engine runs identification before it). */
  requiresCustomer: boolean;
  step(turn: Turn, frame: Frame): Promise<StepResult>;
}
