import type { Entity, EntityType } from "../types.ts";

/**
 * One reading per stretch of text. The longer reading wins ("50 euros" over "50", "W 237 8156" over
 * "237"); on the same words the more specific type wins (an order number's digits are not also a
 * postcode, a phone or a number). Several products or option values on the same words all stay: "the
 * kettle" is the Electric Kettle and the Tea Kettle until the customer says which.
 */

const PRIORITY: Record<EntityType, number> = {
  email: 100,
  order_id: 90,
  postal_code: 80,
  phone: 75,
  amount: 70,
  date: 65,
  person_name: 60,
  product: 50,
  option_value: 45,
  yes_no: 40,
  quantifier: 35,
  ordinal: 30,
  number: 20,
  item_reference: 0,
};

const SHARED: ReadonlySet<EntityType> = new Set<EntityType>(["product", "option_value"]);

const keyOf = (e: Entity) => `${e.type}:${e.start}:${e.end}`;

export function resolveOverlaps(candidates: Entity[]): Entity[] {
  const ordered = candidates
    .filter((e) => e.end > e.start && e.start >= 0)
    .sort(
      (x, y) =>
        y.end - y.start - (x.end - x.start) || PRIORITY[y.type] - PRIORITY[x.type] || x.start - y.start,
    );
  const kept: Entity[] = [];
  const keys: string[] = [];
  // Which kept entity holds each character (index + 1): spans are short, so this stays linear in the text.
  const owner = new Int32Array(ordered.reduce((max, e) => Math.max(max, e.end), 0));
  for (const e of ordered) {
    const key = keyOf(e);
    let clash = false;
    for (let at = e.start; at < e.end && !clash; at++) {
      const holder = owner[at] as number;
      clash = holder !== 0 && !(keys[holder - 1] === key && SHARED.has(e.type));
    }
    if (clash) continue;
    kept.push(e);
    keys.push(key);
    for (let at = e.start; at < e.end; at++) owner[at] = kept.length;
  }
  return kept;
}
