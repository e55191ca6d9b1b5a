import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { TauData } from "../../commerce/reference/index.ts";
import { Rng } from "../../commerce/reference/seed/rng.ts";
import type { ConformanceTask } from "../conformance/tasks.ts";

/**
 * A simulated customer built from a tau-bench retail task: who they are, what they know, what they
 * want, and how they behave. The goal is the outcome the task expects (its ground-truth writes),
 * expressed the way a customer would: products by name, versions by their options, payment methods
 * by kind and last digits, never by internal ids.
 */
export interface Persona {
  /** "test/12". */
  taskId: string;
  userId: string;
  firstName: string;
  lastName: string;
  zip: string;
  email: string;
  /** How the task's own conversation authenticates: by email, or by name and zip. */
  identifyBy: "email" | "name_zip";
  /** Order numbers the customer has at hand (those the task's instruction names). */
  knownOrders: string[];
  /** The products on the orders the goals concern, as the customer remembers them. */
  orderItems: Record<string, ItemRef[]>;
  goals: Goal[];
  /** Facts the agent must state for the task to count (tau-bench's outputs). */
  outputs: string[];
  traits: Traits;
  instruction: string;
}

export interface Traits {
  /** Chance that a longer word of what they type has two letters swapped. */
  typoRate: number;
  /** Says no at the first confirmation, then asks for the same thing again. */
  changesMind: boolean;
  /** Gives the order number up front when they know it (otherwise only when asked). */
  leadsWithOrder: boolean;
}

export interface ItemRef {
  itemId: string;
  /** Lower-case product name, as a customer says it ("mechanical keyboard"). */
  name: string;
  options: Record<string, string>;
}

export interface Swap {
  item: ItemRef;
  /** The replacement's options. */
  want: Record<string, string>;
}

export interface PaymentRef {
  id: string;
  source: string;
  last4?: string;
  brand?: string;
}

export interface Address {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

export type Goal =
  | {
      kind: "return";
      orderId: string;
      items: ItemRef[];
      /** "other" is a method the store does not refund to (tau expects that return to be refused). */
      refundTo: "original" | "gift_card" | "other";
      refundMethod: PaymentRef;
    }
  | { kind: "exchange"; orderId: string; swaps: Swap[]; method: PaymentRef }
  | { kind: "change_items"; orderId: string; swaps: Swap[]; method: PaymentRef }
  | { kind: "cancel"; orderId: string; reason: string }
  | { kind: "order_address"; orderId: string; address: Address }
  | { kind: "profile_address"; address: Address }
  | { kind: "payment"; orderId: string; method: PaymentRef }
  | { kind: "human" };

const TauTaskText = z.array(
  z.object({ instruction: z.string(), outputs: z.array(z.string()).default([]) }).passthrough(),
);

/** tau-bench's instructions and outputs per task id ("test/3"), read beside the tasks. */
export function readTaskTexts(datasetsDir: string): Map<string, { instruction: string; outputs: string[] }> {
  const out = new Map<string, { instruction: string; outputs: string[] }>();
  for (const split of ["test", "train", "dev"]) {
    const tasks = TauTaskText.parse(
      JSON.parse(readFileSync(join(datasetsDir, "tau-bench-retail", `tasks_${split}.json`), "utf8")),
    );
    tasks.forEach((t, i) => {
      out.set(`${split}/${i}`, { instruction: t.instruction, outputs: t.outputs });
    });
  }
  return out;
}

type TauOrder = {
  user_id: string;
  items: Array<{ item_id: string; name: string; product_id: string; options: Record<string, string> }>;
  payment_history: Array<{ payment_method_id: string; transaction_type: string }>;
};
type TauUser = {
  name: { first_name: string; last_name: string };
  address: Address;
  email: string;
  payment_methods: Record<string, { source: string; last_four?: string; brand?: string }>;
};
type TauProduct = { variants: Record<string, { item_id: string; options: Record<string, string> }> };

const str = (v: unknown) => (typeof v === "string" ? v : "");
const strings = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);

export function buildPersona(
  task: ConformanceTask,
  text: { instruction: string; outputs: string[] },
  tau: TauData,
  seed: string,
): Persona {
  const user = tau.users[task.userId] as TauUser | undefined;
  if (!user) throw new Error(`task ${task.id}: unknown customer ${task.userId}`);
  const orders = tau.orders as Record<string, TauOrder>;
  const products = tau.products as Record<string, TauProduct>;
  const itemOf = (orderId: string, itemId: string): ItemRef => {
    const item = orders[orderId]?.items.find((i) => i.item_id === itemId);
    if (!item) throw new Error(`task ${task.id}: item ${itemId} is not on order ${orderId}`);
    return { itemId, name: item.name.toLowerCase(), options: item.options };
  };
  const variantOptions = (orderId: string, itemId: string, newItemId: string) => {
    const item = orders[orderId]?.items.find((i) => i.item_id === itemId);
    const variant = item ? products[item.product_id]?.variants[newItemId] : undefined;
    if (!variant) throw new Error(`task ${task.id}: ${newItemId} is not a version of item ${itemId}`);
    return variant.options;
  };
  const swaps = (args: Record<string, unknown>): Swap[] => {
    const orderId = str(args.order_id);
    const olds = strings(args.item_ids);
    const news = strings(args.new_item_ids);
    return olds.map((old, i) => ({
      item: itemOf(orderId, old),
      want: variantOptions(orderId, old, news[i] as string),
    }));
  };
  const addressOf = (args: Record<string, unknown>): Address => ({
    address1: str(args.address1),
    address2: str(args.address2),
    city: str(args.city),
    state: str(args.state),
    country: str(args.country),
    zip: str(args.zip),
  });

  const paymentRef = (id: string): PaymentRef => {
    const method = user.payment_methods[id];
    return {
      id,
      source: method?.source ?? "unknown",
      ...(method?.last_four ? { last4: method.last_four } : {}),
      ...(method?.brand ? { brand: method.brand } : {}),
    };
  };

  const goals: Goal[] = [];
  for (const action of task.actions) {
    const args = action.args;
    const orderId = str(args.order_id);
    switch (action.name) {
      case "return_delivered_order_items": {
        const original = orders[orderId]?.payment_history.find((p) => p.transaction_type === "payment");
        const refundMethod = paymentRef(str(args.payment_method_id));
        goals.push({
          kind: "return",
          orderId,
          items: strings(args.item_ids).map((id) => itemOf(orderId, id)),
          refundTo:
            original?.payment_method_id === refundMethod.id
              ? "original"
              : refundMethod.source === "gift_card"
                ? "gift_card"
                : "other",
          refundMethod,
        });
        break;
      }
      case "exchange_delivered_order_items":
        goals.push({
          kind: "exchange",
          orderId,
          swaps: swaps(args),
          method: paymentRef(str(args.payment_method_id)),
        });
        break;
      case "modify_pending_order_items":
        goals.push({
          kind: "change_items",
          orderId,
          swaps: swaps(args),
          method: paymentRef(str(args.payment_method_id)),
        });
        break;
      case "cancel_pending_order":
        goals.push({ kind: "cancel", orderId, reason: str(args.reason) });
        break;
      case "modify_pending_order_address":
        goals.push({ kind: "order_address", orderId, address: addressOf(args) });
        break;
      case "modify_user_address":
        goals.push({ kind: "profile_address", address: addressOf(args) });
        break;
      case "modify_pending_order_payment":
        goals.push({ kind: "payment", orderId, method: paymentRef(str(args.payment_method_id)) });
        break;
      case "transfer_to_human_agents":
        goals.push({ kind: "human" });
        break;
    }
  }

  const orderItems: Record<string, ItemRef[]> = {};
  for (const goal of goals)
    if ("orderId" in goal)
      orderItems[goal.orderId] = (orders[goal.orderId]?.items ?? []).map((i) => ({
        itemId: i.item_id,
        name: i.name.toLowerCase(),
        options: i.options,
      }));

  const rng = new Rng(`${seed}:${task.suite}:${task.id}`);
  const knownOrders = [...new Set(text.instruction.match(/#W\d+/g) ?? [])];
  return {
    taskId: task.id,
    userId: task.userId,
    firstName: user.name.first_name,
    lastName: user.name.last_name,
    zip: user.address.zip,
    email: user.email,
    identifyBy: task.actions.some((a) => a.name === "find_user_id_by_email") ? "email" : "name_zip",
    knownOrders,
    orderItems,
    goals,
    outputs: text.outputs,
    traits: {
      typoRate: rng.chance(0.3) ? 0.08 : 0,
      changesMind: rng.chance(0.2),
      leadsWithOrder: rng.chance(0.6),
    },
    instruction: text.instruction,
  };
}
