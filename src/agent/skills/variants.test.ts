import assert from "node:assert/strict";
import { test } from "node:test";
import type { OrderItem, Product, Variant } from "../../commerce/index.ts";
import { pickVariant } from "./variants.ts";

const variant = (id: string, options: Record<string, string>, available = true): Variant => ({
  id,
  productId: "backpack",
  sku: id,
  options,
  priceMinor: 100,
  prices: { USD: 100 },
  available,
});
const product: Product = {
  id: "backpack",
  name: "Backpack",
  category: "other" as Product["category"],
  finalSale: false,
  hygiene: false,
  variants: [
    variant("navy-small", { color: "navy", size: "small", material: "nylon" }),
    variant("grey-medium", { color: "grey", size: "medium", material: "polyester" }),
    variant("grey-large", { color: "grey", size: "large", material: "polyester" }),
    variant("black-medium", { color: "black", size: "medium", material: "nylon" }, false),
  ],
};
const current: OrderItem = {
  lineId: "1",
  productId: "backpack",
  variantId: "navy-small",
  name: "Backpack",
  options: { color: "navy", size: "small", material: "nylon" },
  unitPriceMinor: 100,
};

test("two readings of the same words are alternatives: 'grey' read as grey and as gray", () => {
  const result = pickVariant(product, current, [
    { option: "color", value: "grey", said: "1:28" },
    { option: "color", value: "gray", said: "1:28" },
    { value: "medium", said: "1:39" },
  ]);
  assert.deepEqual("match" in result && result.match.id, "grey-medium");
});

test("an option name this product does not have is ignored, the value still counts", () => {
  // "medium" read as a desk lamp's brightness still means the backpack's size.
  const result = pickVariant(product, current, [
    { option: "color", value: "grey" },
    { option: "brightness", value: "medium" },
  ]);
  assert.deepEqual("match" in result && result.match.id, "grey-medium");
});

test("every wish must hold; unavailable versions are never offered", () => {
  assert.deepEqual(pickVariant(product, current, [{ value: "grey" }, { value: "nylon" }]), { none: true });
  assert.deepEqual(pickVariant(product, current, [{ value: "black" }]), { none: true });
  const grey = pickVariant(product, current, [{ value: "grey" }]);
  assert.ok("candidates" in grey || "match" in grey);
});

test("asking for the same item again is told apart from asking for the same colour", async () => {
  const { SAME_ITEM } = await import("./exchange.ts");
  for (const text of [
    "The same one again, please: a new one exactly like mine.",
    "I want the same item, mine is broken",
    "Ich möchte dasselbe noch einmal",
    "je veux le même modèle.",
    "quiero el mismo",
    "vorrei lo stesso articolo",
    "ik wil hetzelfde",
  ])
    assert.ok(SAME_ITEM.test(text), text);
  for (const text of [
    "the same colour but bigger",
    "la même couleur en plus grand",
    "same size, in red",
    "el mismo color",
  ])
    assert.ok(!SAME_ITEM.test(text), text);
});
