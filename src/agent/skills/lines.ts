import type { Order, OrderItem } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { options, text } from "../responses/params.ts";
import { itemLabel } from "./common.ts";

/**
 * Which lines of the order the customer means: named ("the keyboard"), by position ("the second
 * one"), all of them ("both", "everything"), or the only one there is. Otherwise asks.
 */
export function chooseLines(
  turn: Turn,
  frame: Frame,
  _order: Order,
  eligible: OrderItem[],
  askKey: string,
  single = false,
): string[] | StepResult {
  if (Array.isArray(frame.slots.lineIds) && frame.slots.lineIds.length > 0)
    return frame.slots.lineIds as string[];
  const picked = linesFromMessage(turn, frame, eligible);
  if (picked && picked.length > 0 && (!single || picked.length === 1)) {
    frame.slots.lineIds = picked;
    return picked;
  }
  const seeded = linesFromSeed(frame, eligible);
  if (seeded.length > 0 && (!single || seeded.length === 1)) {
    frame.slots.lineIds = seeded;
    return seeded;
  }
  if (eligible.length === 1) {
    frame.slots.lineIds = [(eligible[0] as OrderItem).lineId];
    return frame.slots.lineIds as string[];
  }
  return turn.ask(
    frame,
    "lines",
    askKey,
    {
      items: options(
        eligible.map((item, i) => text("item.option", { index: i + 1, item: itemLabel(item, true) })),
      ),
    },
    {
      expecting: "item_reference",
      options: eligible.map((item, i) => ({
        value: item.lineId,
        label: String(i + 1),
        say: [item.name, ...Object.values(item.options)],
      })),
    },
  );
}

/** Lines of the products the request named when it started ("return my sunglasses"). */
function linesFromSeed(frame: Frame, eligible: OrderItem[]): string[] {
  const products = (frame.slots.seedProducts as string[] | undefined) ?? [];
  const values = ((frame.slots.seedOptions as string[] | undefined) ?? []).map((v) => v.toLowerCase());
  if (products.length === 0) return [];
  // Option words pick among the lines of one product ("the robotic vacuum cleaner" of two), and
  // never drop another product named beside it ("… and the air purifier").
  const named = eligible.filter((i) => products.includes(i.productId));
  return named
    .filter((i) => {
      const siblings = named.filter((o) => o.productId === i.productId);
      if (values.length === 0 || siblings.length === 1) return true;
      const fits = (line: OrderItem) =>
        Object.values(line.options).some((o) => values.includes(o.toLowerCase()));
      return fits(i) || !siblings.some(fits);
    })
    .map((i) => i.lineId);
}

export function linesFromMessage(turn: Turn, frame: Frame, eligible: OrderItem[]): string[] | undefined {
  if (!turn.understanding) return undefined;
  const allowed = new Set(eligible.map((i) => i.lineId));
  const refs = turn
    .entities("item_reference")
    .flatMap((r) => r.lineIds)
    .filter((id) => allowed.has(id));
  if (refs.length > 0) return [...new Set(refs)];
  const quantifier = turn.entity("quantifier");
  if (quantifier === "all" || (quantifier === "both" && eligible.length === 2))
    return eligible.map((i) => i.lineId);
  if (turn.isAnswer(frame, "lines") && turn.answering?.options) {
    const ordinals = turn.entities("ordinal");
    const numbers = turn.entities("number");
    const positions = ordinals.length > 0 ? ordinals : numbers.filter((n) => n >= 1 && n <= eligible.length);
    const chosen = positions
      .map((n) => turn.answering?.options?.at(n > 0 ? n - 1 : n)?.value)
      .filter((v): v is string => typeof v === "string");
    if (chosen.length > 0) return [...new Set(chosen)];
  }
  return undefined;
}
