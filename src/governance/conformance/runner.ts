import type { Kysely } from "kysely";
import {
  type ToolContext,
  ToolRegistry,
  type ToolResult,
  ToolSession,
  tauOrder,
  tauProduct,
  tauTools,
  tauUser,
} from "../../agent/tools/index.ts";
import {
  type OmsDb,
  ReferenceOms,
  readTauData,
  sequentialIds,
  type TauData,
} from "../../commerce/reference/index.ts";
import { AuditLog, Vault } from "../../compliance/index.ts";
import type { Clock } from "../../platform/clock.ts";
import type { Storage } from "../../platform/storage/index.ts";
import type { PolicyEngine } from "../../policy/index.ts";
import { firstDifference, normalize } from "./compare.ts";
import { type ConformanceTask, loadTau2Tasks, loadTauBenchTasks } from "./tasks.ts";

export type Suite = "tau-bench" | "tau2";

export interface TaskResult {
  suite: Suite;
  id: string;
  match: boolean;
  difference?: string;
  /** Set for a mismatch that is a documented upstream deviation (and matches it exactly). */
  deviation?: string;
  expectedErrors: number;
  actualErrors: number;
  wordingMatches: number;
  negativesChecked: number;
  negativesRefused: number;
  negativeFailures: string[];
}

export interface ConformanceReport {
  initialStateIdentical: boolean;
  initialStateDifference?: string;
  results: TaskResult[];
}

export interface ConformanceOptions {
  storage: Storage;
  policy: PolicyEngine;
  clock: Clock;
  datasetsDir: string;
  suites: Suite[];
  onTask?: (done: number, total: number) => void;
}

/** tau2's modify_pending_order_items writes the last item's price and options into every modified item. */
export const TAU2_MULTI_ITEM_BUG =
  "tau2 upstream bug: multi-item modify_pending_order_items writes the last item's price and options into every modified item; Switchboard keeps tau-bench v1's per-item prices";

const NEGATIVES = [
  "without a verified customer",
  "without confirmation",
  "for another customer's order",
] as const;

export function userOfActions(tau: TauData, actions: ConformanceTask["actions"]): string {
  for (const a of actions) {
    const args = a.args as Record<string, string>;
    if (a.name === "find_user_id_by_email") {
      const hit = Object.entries(tau.users).find(
        ([, u]) => u.email.toLowerCase() === String(args.email).toLowerCase(),
      );
      if (hit) return hit[0];
    }
    if (a.name === "find_user_id_by_name_zip") {
      const hit = Object.entries(tau.users).find(
        ([, u]) =>
          u.name.first_name.toLowerCase() === String(args.first_name).toLowerCase() &&
          u.name.last_name.toLowerCase() === String(args.last_name).toLowerCase() &&
          u.address.zip === args.zip,
      );
      if (hit) return hit[0];
    }
    if (args.user_id && tau.users[args.user_id]) return args.user_id;
    if (args.order_id && tau.orders[args.order_id])
      return (tau.orders[args.order_id] as { user_id: string }).user_id;
  }
  return "";
}

/** Replays tau-bench and tau2 ground truth against the reference OMS; each task in a transaction rolled back after. */
export class TauConformance {
  private readonly tau: TauData;
  private readonly registry = new ToolRegistry(tauTools);
  private readonly options: ConformanceOptions;
  private readonly userIds: string[];

  constructor(options: ConformanceOptions) {
    this.options = options;
    this.tau = readTauData(options.datasetsDir);
    this.userIds = Object.keys(this.tau.users).sort();
  }

  tasks(): ConformanceTask[] {
    const out: ConformanceTask[] = [];
    if (this.options.suites.includes("tau-bench")) {
      // The conversation's customer is whoever its own lookups find; the task's user_id field is
      // wrong in at least one task (test/64 names harper_moore_6183 but looks up James Sanchez).
      for (const task of loadTauBenchTasks(this.options.datasetsDir)) {
        out.push({ ...task, userId: userOfActions(this.tau, task.actions) || task.userId });
      }
    }
    if (this.options.suites.includes("tau2"))
      out.push(...loadTau2Tasks(this.options.datasetsDir, (t) => userOfActions(this.tau, t.actions)));
    return out;
  }

  async run(): Promise<ConformanceReport> {
    const initial = await this.checkInitialState();
    const tasks = this.tasks();
    const results: TaskResult[] = [];
    for (const task of tasks) {
      results.push(await this.runTask(task));
      this.options.onTask?.(results.length, tasks.length);
    }
    return {
      initialStateIdentical: initial === null,
      ...(initial ? { initialStateDifference: initial } : {}),
      results,
    };
  }

  /** The loaded store, read back through the connector, equals the data set record for record. */
  async checkInitialState(): Promise<string | null> {
    const oms = this.oms(this.options.storage.db as unknown as OmsDb);
    const orders = await oms.getOrders(Object.keys(this.tau.orders));
    if (orders.length !== Object.keys(this.tau.orders).length)
      return `${orders.length} orders loaded, expected ${Object.keys(this.tau.orders).length}`;
    for (const order of orders) {
      const d = firstDifference(tauOrder(order), this.tau.orders[order.id], `orders[${order.id}]`);
      if (d) return d;
    }
    for (const id of Object.keys(this.tau.users)) {
      const customer = await oms.getCustomer(id);
      if (!customer) return `user ${id} missing`;
      const d = firstDifference(tauUser(customer), this.tau.users[id], `users[${id}]`);
      if (d) return d;
    }
    for (const id of Object.keys(this.tau.products)) {
      const product = await oms.getProduct(id);
      if (!product) return `product ${id} missing`;
      const d = firstDifference(tauProduct(product), this.tau.products[id], `products[${id}]`);
      if (d) return d;
    }
    return null;
  }

  private oms(db: OmsDb): ReferenceOms {
    return new ReferenceOms({
      db,
      dialect: this.options.storage.dialect,
      clock: this.options.clock,
      ids: sequentialIds(),
    });
  }

  async runTask(task: ConformanceTask): Promise<TaskResult> {
    const trx = await this.options.storage.db.startTransaction().execute();
    try {
      return await this.replay(task, trx);
    } finally {
      await trx.rollback().execute();
    }
  }

  private async replay(task: ConformanceTask, db: Kysely<object>): Promise<TaskResult> {
    const oms = this.oms(db as unknown as OmsDb);
    const audit = new AuditLog({
      db,
      dialect: this.options.storage.dialect,
      clock: this.options.clock,
      vault: Vault.ephemeral(db),
    });
    const context = (session: ToolSession): ToolContext => ({
      connector: oms,
      policy: this.options.policy,
      audit,
      clock: this.options.clock,
      session,
    });
    const session = new ToolSession(`conformance:${task.suite}:${task.id}`);
    // The authentication the task's conversation performs (ground truth often lists only the writes).
    session.verify(task.userId, "email");
    const ctx = context(session);
    const result: TaskResult = {
      suite: task.suite,
      id: task.id,
      match: false,
      expectedErrors: task.expectedErrors.length,
      actualErrors: 0,
      wordingMatches: 0,
      negativesChecked: 0,
      negativesRefused: 0,
      negativeFailures: [],
    };
    const errors: Array<{ name: string; text: string }> = [];
    const other = this.userIds.find((id) => id !== task.userId) as string;

    for (const action of task.actions) {
      const tool = this.registry.get(action.name);
      if (!tool) {
        result.difference = `unknown tool ${action.name}`;
        return result;
      }
      let outcome: ToolResult;
      if (tool.mutates) {
        const before = await this.fingerprint(oms, action.args);
        outcome = await this.registry.call(action.name, action.args, ctx);
        const digest = confirmationOf(outcome);
        if (digest) {
          // Refused without the customer's yes; check the other two negatives, then confirm and repeat.
          await this.negative(result, NEGATIVES[1], outcome, before, oms, action.args);
          const anonymous = new ToolSession(`${session.conversationId}:anonymous`);
          await this.negative(
            result,
            NEGATIVES[0],
            await this.confirmedCall(anonymous, action, context),
            before,
            oms,
            action.args,
          );
          const stranger = new ToolSession(`${session.conversationId}:stranger`);
          stranger.verify(other, "email");
          await this.negative(
            result,
            NEGATIVES[2],
            await this.confirmedCall(stranger, action, context),
            before,
            oms,
            action.args,
          );
          session.confirm(digest);
          outcome = await this.registry.call(action.name, action.args, ctx);
        }
      } else {
        outcome = await this.registry.call(action.name, action.args, ctx);
      }
      if (!outcome.ok) errors.push({ name: action.name, text: outcome.text });
    }

    result.actualErrors = errors.length;
    const expectedErrors = task.expectedErrors;
    const errorsMatch =
      errors.length === expectedErrors.length && errors.every((e, i) => e.name === expectedErrors[i]?.name);
    result.wordingMatches = errors.filter((e, i) => e.text === expectedErrors[i]?.error).length;
    if (!errorsMatch) {
      result.difference = `errors: ${JSON.stringify(errors)}, expected ${JSON.stringify(expectedErrors)}`;
      return result;
    }
    const difference = await this.compareChanges(task, oms, db);
    if (difference === null) {
      result.match = true;
    } else {
      result.difference = difference;
      if (task.suite === "tau2" && (await this.explainedByTau2Bug(task, oms)))
        result.deviation = TAU2_MULTI_ITEM_BUG;
    }
    return result;
  }

  /** Calls once to learn what to confirm, confirms it in that session, and calls again. */
  private async confirmedCall(
    session: ToolSession,
    action: ConformanceTask["actions"][number],
    context: (s: ToolSession) => ToolContext,
  ) {
    const first = await this.registry.call(action.name, action.args, context(session));
    const digest = confirmationOf(first);
    if (!digest) return first;
    session.confirm(digest);
    return this.registry.call(action.name, action.args, context(session));
  }

  private async negative(
    result: TaskResult,
    label: string,
    outcome: ToolResult,
    before: string,
    oms: ReferenceOms,
    args: Record<string, unknown>,
  ) {
    result.negativesChecked++;
    const unchanged = (await this.fingerprint(oms, args)) === before;
    if (!outcome.ok && unchanged) result.negativesRefused++;
    else result.negativeFailures.push(`${label}: ${outcome.ok ? "applied" : "refused but data changed"}`);
  }

  /** The records a write call can touch: its order, its customer, and their gift cards. */
  private async fingerprint(oms: ReferenceOms, args: Record<string, unknown>): Promise<string> {
    const order = typeof args.order_id === "string" ? await oms.getOrder(args.order_id) : null;
    const userId = typeof args.user_id === "string" ? args.user_id : order?.customerId;
    const customer = userId ? await oms.getCustomer(userId) : null;
    return JSON.stringify([
      order ? normalize(tauOrder(order)) : null,
      customer ? normalize(tauUser(customer)) : null,
    ]);
  }

  private compareChanges(task: ConformanceTask, oms: ReferenceOms, db: Kysely<object>) {
    return compareToExpected(this.tau, task, oms, db);
  }

  /** Applies tau2's multi-item modify bug to our result; a match proves the deviation is exactly that bug. */
  private async explainedByTau2Bug(task: ConformanceTask, oms: ReferenceOms): Promise<boolean> {
    const calls = task.actions.filter(
      (a) =>
        a.name === "modify_pending_order_items" &&
        Array.isArray(a.args.item_ids) &&
        (a.args.item_ids as unknown[]).length > 1,
    );
    if (calls.length === 0) return false;
    for (const [id, expected] of Object.entries(task.expectedChanges.orders ?? {})) {
      const order = await oms.getOrder(id);
      if (!order) return false;
      const view = tauOrder(order) as { items: Array<Record<string, unknown>> };
      for (const call of calls.filter((c) => c.args.order_id === id)) {
        const newIds = call.args.new_item_ids as string[];
        const last = newIds[newIds.length - 1] as string;
        const lastItem = view.items.find((i) => i.item_id === last);
        if (!lastItem) return false;
        for (const item of view.items)
          if (newIds.includes(item.item_id as string))
            Object.assign(item, { price: lastItem.price, options: lastItem.options });
      }
      if (firstDifference(view, expected) !== null) return false;
    }
    return true;
  }
}

/** Every record that differs from the data set must be an expected change, and equal to it. */
export async function compareToExpected(
  tau: TauData,
  task: Pick<ConformanceTask, "expectedChanges">,
  oms: ReferenceOms,
  db: Kysely<object>,
): Promise<string | null> {
  const typed = db as unknown as OmsDb;
  const touchedOrders = (
    await typed.selectFrom("oms_orders").select("id").where("row_version", ">", 1).execute()
  ).map((r) => r.id);
  const touchedUsers = (
    await typed.selectFrom("oms_customers").select("id").where("row_version", ">", 1).execute()
  ).map((r) => r.id);
  const orderIds = new Set([...touchedOrders, ...Object.keys(task.expectedChanges.orders ?? {})]);
  const userIds = new Set([...touchedUsers, ...Object.keys(task.expectedChanges.users ?? {})]);
  for (const id of [...orderIds].sort()) {
    const order = await oms.getOrder(id);
    if (!order) return `order ${id} missing`;
    const expected = task.expectedChanges.orders?.[id] ?? tau.orders[id];
    const d = firstDifference(tauOrder(order), expected, `orders[${id}]`);
    if (d) return d;
  }
  for (const id of [...userIds].sort()) {
    const customer = await oms.getCustomer(id);
    if (!customer) return `user ${id} missing`;
    const expected = { ...(task.expectedChanges.users?.[id] ?? tau.users[id]) };
    delete (expected as Record<string, unknown>).user_id;
    const d = firstDifference(tauUser(customer), expected, `users[${id}]`);
    if (d) return d;
  }
  return null;
}

function confirmationOf(outcome: ToolResult): string | null {
  if (outcome.ok) return null;
  const details = outcome.error.details as
    | { confirmation?: string; reasons?: Array<{ code: string }> }
    | undefined;
  return details?.confirmation && details.reasons?.some((r) => r.code === "confirmation_required")
    ? details.confirmation
    : null;
}

export function summarize(report: ConformanceReport): string[] {
  const lines: string[] = [];
  lines.push(
    `initial state: ${report.initialStateIdentical ? "identical to the data set" : `differs: ${report.initialStateDifference}`}`,
  );
  for (const suite of ["tau-bench", "tau2"] as const) {
    const results = report.results.filter((r) => r.suite === suite);
    if (results.length === 0) continue;
    const matched = results.filter((r) => r.match).length;
    lines.push(`${suite}: ${matched}/${results.length} match`);
    const expected = results.reduce((s, r) => s + r.expectedErrors, 0);
    if (suite === "tau-bench") {
      const wording = results.reduce((s, r) => s + r.wordingMatches, 0);
      lines.push(`  expected refusals: ${expected}, tau's exact wording: ${wording}/${expected}`);
    } else {
      lines.push(`  expected refusals: ${expected}`);
    }
    const deviations = results.filter((r) => !r.match && r.deviation);
    if (deviations.length > 0) {
      lines.push(
        `  known upstream deviations (${deviations.length}): tasks ${deviations.map((r) => r.id).join(", ")}`,
      );
      lines.push(`    ${deviations[0]?.deviation}`);
    }
    for (const r of results.filter((x) => !x.match && !x.deviation).slice(0, 20))
      lines.push(`  MISMATCH ${r.id}: ${r.difference}`);
  }
  const checked = report.results.reduce((s, r) => s + r.negativesChecked, 0);
  const refused = report.results.reduce((s, r) => s + r.negativesRefused, 0);
  lines.push(`policy negatives: ${refused}/${checked} refused (${NEGATIVES.join("; ")})`);
  for (const r of report.results.filter((x) => x.negativeFailures.length > 0).slice(0, 20))
    lines.push(`  NOT REFUSED ${r.suite} ${r.id}: ${r.negativeFailures.join("; ")}`);
  return lines;
}
