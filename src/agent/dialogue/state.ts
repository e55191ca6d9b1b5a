import type { VerificationMethod } from "../tools/index.ts";
import type { EntityType, Language } from "../understanding/types.ts";

/** The skills the agent runs; each is a small deterministic flow on the dialogue stack. */
export const SKILLS = [
  "identify",
  "order_status",
  "return",
  "exchange",
  "cancel",
  "change_address",
  "change_payment",
  "change_items",
  "refund_status",
  "invoice",
  "policy_question",
  "product_question",
  "complaint",
  "handoff",
  "goodbye",
] as const;
export type SkillName = (typeof SKILLS)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Frame {
  id: number;
  skill: SkillName;
  /** What the skill has learned so far (order, items, reason, chosen variant...). */
  slots: Record<string, Json>;
  /** Started while another task was open: when it finishes, the earlier one resumes. */
  digression: boolean;
}

/** The question the agent just asked, so a bare answer ("the red one", "yes") fills it. */
export interface Pending {
  frameId: number;
  slot: string;
  expecting?: EntityType;
  /**
   * Numbered choices offered, for "the second one"; `say`: what a customer may call one instead ("the
   * water bottle", "the blue one"), which a call's recogniser listens for.
   */
  options?: Array<{ value: Json; label: string; say?: string[] }>;
  /** The message that asked, to ask again after a digression. */
  key: string;
  params?: Record<string, Json>;
}

export interface VerifiedCustomer {
  id: string;
  method: VerificationMethod;
  firstName: string;
  region: string;
}

/** Every value a conversation carries between turns. Plain JSON: stored after each turn, replayable. */
export interface DialogueState {
  version: 1;
  language: Language;
  /** Formatting locale (currency, dates), e.g. "de-DE". */
  locale: string;
  customer: VerifiedCustomer | null;
  /** Factors given while identifying, kept so the customer is not asked twice. */
  identity: {
    email?: string;
    orderId?: string;
    postalCode?: string;
    phone?: string;
    firstName?: string;
    lastName?: string;
    attempts: number;
  };
  stack: Frame[];
  nextFrameId: number;
  pending: Pending | null;
  /** The order under discussion: "it", "that order", and the default for the next request. */
  focusOrderId: string | null;
  /** Digests of changes the customer said yes to, not yet applied. */
  confirmations: string[];
  /** Consecutive messages not understood. */
  misunderstood: number;
  sentiment: number[];
  /** What was resolved, for the goodbye summary and analytics. */
  resolved: Array<{ skill: SkillName; key: string; params: Record<string, Json> }>;
  status: "active" | "handed_off" | "ended";
  handoffReason: string | null;
  turns: number;
  /** The cross-sell message already offered in this conversation (offered once at most). */
  offered?: string;
}

export function initialState(language: Language, locale: string): DialogueState {
  return {
    version: 1,
    language,
    locale,
    customer: null,
    identity: { attempts: 0 },
    stack: [],
    nextFrameId: 1,
    pending: null,
    focusOrderId: null,
    confirmations: [],
    misunderstood: 0,
    sentiment: [],
    resolved: [],
    status: "active",
    handoffReason: null,
    turns: 0,
  };
}
