import { loadConversationTests } from "../conversation-tests/index.ts";
import { CONTACT_REASONS, type ContactReason } from "./profiles.ts";

/** What one simulated customer says, taken from a conversation test. */
export interface CustomerScript {
  name: string;
  file: string;
  reason: ContactReason;
  locale: string | undefined;
  turns: string[];
  /** The test expects a person to take over (so a handoff here is not a failure to contain). */
  expectsHandoff: boolean;
}

/** A test's tags name what it is about; the first tag that names a contact reason files it. */
const TAG_REASON: Readonly<Record<string, ContactReason>> = {
  order_status: "order_status",
  delivery_time: "order_status",
  identify: "order_status",
  cross_sell: "order_status",
  cancel: "cancel",
  change_address: "change",
  change_payment: "change",
  return: "return",
  exchange: "exchange",
  refund_status: "refund_status",
  invoice: "invoice",
  collections: "invoice",
  policy_question: "question",
  product_question: "question",
  fallback: "question",
  handoff: "human",
};

export function reasonOf(tags: readonly string[]): ContactReason | undefined {
  for (const tag of tags) {
    const reason = TAG_REASON[tag];
    if (reason) return reason;
  }
  return undefined;
}

export type ScriptBook = Readonly<Record<ContactReason, readonly CustomerScript[]>>;

/**
 * The agent's own conversation tests as customer scripts, filed by contact reason. Only the customer
 * turns are used: under load the agent's answers are measured, not checked (the tests do that).
 */
export function loadScripts(testsDir: string): ScriptBook {
  const book = Object.fromEntries(CONTACT_REASONS.map((r) => [r, [] as CustomerScript[]])) as Record<
    ContactReason,
    CustomerScript[]
  >;
  for (const test of loadConversationTests(testsDir)) {
    if (test.channel !== "chat") continue;
    const reason = reasonOf(test.tags);
    if (!reason) continue;
    const expectsHandoff = Boolean(test.final?.handoff) || test.turns.some((t) => Boolean(t.expect?.handoff));
    book[reason].push({
      name: test.name,
      file: test.file,
      reason,
      locale: test.locale,
      turns: test.turns.map((t) => t.customer),
      expectsHandoff,
    });
  }
  return book;
}

/** Reasons with no script cannot be drawn; a mix must leave them out or the run is refused. */
export function missingReasons(book: ScriptBook, reasons: readonly ContactReason[]): ContactReason[] {
  return reasons.filter((r) => book[r].length === 0);
}
