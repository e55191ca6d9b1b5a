import type { Product } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { list, money } from "../responses/params.ts";
import type { Skill } from "./types.ts";

/** What a product comes in and whether an option is in stock, from the catalogue. */
export const productQuestion: Skill = {
  name: "product_question",
  requiresCustomer: false,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    const named = turn.entity("product");
    const productId =
      named?.productId ?? (typeof frame.slots.productId === "string" ? frame.slots.productId : undefined);
    if (!productId) {
      if (turn.isAnswer(frame, "product")) {
        turn.say("product.unknown");
        return { kind: "done", outcome: "not_found" };
      }
      return turn.ask(frame, "product", "product.which", {}, { expecting: "product" });
    }
    frame.slots.productId = productId;
    const product = await turn.services.connector.getProduct(productId);
    if (!product) return { kind: "done", outcome: "not_found" };
    const wanted = turn.entities("option_value");
    const currency =
      turn.state.customer?.region === "GB"
        ? "GBP"
        : turn.state.customer && turn.state.customer.region !== "US"
          ? "EUR"
          : "USD";
    if (wanted.length > 0) {
      const matching = product.variants.filter((v) =>
        wanted.every((w) => Object.values(v.options).some((x) => x.toLowerCase() === w.value.toLowerCase())),
      );
      const inStock = matching.filter((v) => v.available);
      const cheapest = inStock.map((v) => v.prices[currency] ?? v.priceMinor).sort((a, b) => a - b)[0];
      turn.say(
        inStock.length > 0
          ? "product.available"
          : matching.length > 0
            ? "product.out_of_stock"
            : "product.no_such_option",
        {
          product: product.name,
          option: list(wanted.map((w) => w.value)),
          price: money(cheapest ?? 0, currency),
        },
      );
    } else {
      turn.say("product.options", { product: product.name, options: optionsList(product) });
    }
    return { kind: "done", outcome: "answered" };
  },
};

function optionsList(product: Product) {
  const byOption = new Map<string, Set<string>>();
  for (const v of product.variants.filter((x) => x.available)) {
    for (const [name, value] of Object.entries(v.options))
      byOption.set(name, (byOption.get(name) ?? new Set()).add(value));
  }
  return list([...byOption.entries()].map(([name, values]) => `${name}: ${[...values].join(", ")}`));
}
