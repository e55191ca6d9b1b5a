import type { SkillName } from "../dialogue/state.ts";
import { cancel } from "./cancel.ts";
import { changeAddress } from "./change-address.ts";
import { changePayment } from "./change-payment.ts";
import { complaint, goodbye, handoff } from "./conversation-skills.ts";
import { changeItems, exchange } from "./exchange.ts";
import { identify } from "./identify.ts";
import { invoice } from "./invoice.ts";
import { orderStatus } from "./order-status.ts";
import { policyQuestion } from "./policy-question.ts";
import { productQuestion } from "./product-question.ts";
import { refundStatus } from "./refund-status.ts";
import { returnItems } from "./return.ts";
import type { Skill } from "./types.ts";

export type { Skill } from "./types.ts";

export const SKILL_REGISTRY: Record<SkillName, Skill> = {
  identify,
  order_status: orderStatus,
  return: returnItems,
  exchange,
  cancel,
  change_address: changeAddress,
  change_payment: changePayment,
  change_items: changeItems,
  refund_status: refundStatus,
  invoice,
  policy_question: policyQuestion,
  product_question: productQuestion,
  complaint,
  handoff,
  goodbye,
};
