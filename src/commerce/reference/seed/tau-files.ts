import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The tau-bench retail data as shipped in `datasets/` (MIT, Sierra; see datasets/README.md). */
export const DATASETS_DIR = fileURLToPath(new URL("../../../../datasets/", import.meta.url));

const TauAddress = z.object({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  country: z.string(),
  state: z.string(),
  zip: z.string(),
});

const TauPaymentMethod = z.object({
  id: z.string(),
  source: z.enum(["credit_card", "paypal", "gift_card"]),
  brand: z.string().optional(),
  last_four: z.string().optional(),
  balance: z.number().optional(),
});

const TauUser = z.object({
  name: z.object({ first_name: z.string(), last_name: z.string() }),
  address: TauAddress,
  email: z.string(),
  payment_methods: z.record(z.string(), TauPaymentMethod),
  orders: z.array(z.string()),
});

const TauItem = z.object({
  name: z.string(),
  product_id: z.string(),
  item_id: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});

const TauOrder = z.object({
  order_id: z.string(),
  user_id: z.string(),
  address: TauAddress,
  items: z.array(TauItem),
  fulfillments: z.array(z.object({ tracking_id: z.array(z.string()), item_ids: z.array(z.string()) })),
  status: z.string(),
  payment_history: z.array(
    z.object({
      transaction_type: z.enum(["payment", "refund"]),
      amount: z.number(),
      payment_method_id: z.string(),
    }),
  ),
});

const TauProduct = z.object({
  name: z.string(),
  product_id: z.string(),
  variants: z.record(
    z.string(),
    z.object({
      item_id: z.string(),
      options: z.record(z.string(), z.string()),
      available: z.boolean(),
      price: z.number(),
    }),
  ),
});

export type TauAddress = z.infer<typeof TauAddress>;
export type TauUser = z.infer<typeof TauUser>;
export type TauOrder = z.infer<typeof TauOrder>;
export type TauProduct = z.infer<typeof TauProduct>;

export interface TauData {
  users: Record<string, TauUser>;
  orders: Record<string, TauOrder>;
  products: Record<string, TauProduct>;
}

function readJson<T>(schema: z.ZodType<T>, path: string): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new Error(`${path} does not hold the expected tau-bench data: ${parsed.error.message}`);
  return parsed.data;
}

/** Reads the tau-bench retail files; a fresh copy every call, so callers may mutate it. */
export function readTauData(datasetsDir = DATASETS_DIR): TauData {
  const dir = join(datasetsDir, "tau-bench-retail");
  return {
    users: readJson(z.record(z.string(), TauUser), join(dir, "users.json")),
    orders: readJson(z.record(z.string(), TauOrder), join(dir, "orders.json")),
    products: readJson(z.record(z.string(), TauProduct), join(dir, "products.json")),
  };
}
