import type { Address, CommerceChange, Order } from "../../commerce/index.ts";
import type { Frame, Json } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { order as orderParam } from "../responses/params.ts";
import { explainDenial } from "./common.ts";
import { confirmThenApply } from "./confirm.ts";
import { orderEligibility, orderLevelDenial } from "./eligibility.ts";
import { chooseOrder, isStep } from "./order-choice.ts";
import type { Skill } from "./types.ts";

const PROFILE_WORDS =
  /\b(account|profile|default|konto|profil|standard|compte|défaut|cuenta|perfil|predeterminad|account|profilo|predefinit|account|profiel|standaard)\b/i;

/** A country at the end of an address ("…, TX 78712, USA") is not part of the street or city. */
const COUNTRY_NAMES =
  /^(usa|u\.?s\.?a?\.?|united states( of america)?|uk|united kingdom|great britain|germany|deutschland|france|spain|españa|italy|italia|(the )?netherlands|nederland)$/i;

/**
 * Reads an address written in one message: "Hauptstraße 5, 10115 Berlin", "12 High St, London SW1A 1AA",
 * "221 Baker Street, Apt 4, Springfield, IL 62704". The postcode anchors it; the street is the part
 * with a house number; the city sits beside the postcode.
 */
export function parseAddress(textIn: string, postal: string | undefined, base: Address): Address | null {
  const cleaned = textIn.replace(
    /^(.*?\b(to|an|nach|à|a|al|naar|address is|adresse ist|adresse est|dirección es|indirizzo è|adres is)\b:?\s*)/i,
    "",
  );
  const parts = cleaned
    .split(/[,\n;]+/)
    .map((p) => p.trim())
    .filter((p) => p && !COUNTRY_NAMES.test(p));
  if (parts.length === 0 || !postal) return null;
  const postalIndex = parts.findIndex((p) =>
    p.replace(/\s/g, "").toUpperCase().includes(postal.replace(/\s/g, "").toUpperCase()),
  );
  if (postalIndex < 0) return null;
  const withPostal = parts[postalIndex] as string;
  const beside = withPostal.replace(new RegExp(postal.replace(/\s/g, "\\s?"), "i"), "").trim();
  // "Austin, TX 78712": a state beside the postcode puts the city before it.
  const stateOnly = /^[A-Z]{2}$/.test(beside);
  const rest = stateOnly ? "" : beside;
  const streetIndex = parts.findIndex((p, i) => i !== postalIndex && /\d/.test(p) && /\p{L}{3,}/u.test(p));
  if (streetIndex < 0) return null;
  const before = postalIndex - 1 !== streetIndex ? parts[postalIndex - 1] : undefined;
  const city = rest || (stateOnly ? before : undefined) || parts[postalIndex + 1] || before || "";
  const line2 = parts.filter((p, i) => i !== streetIndex && i !== postalIndex && p !== city).join(", ");
  const state = /\b([A-Z]{2})\b/.exec(withPostal)?.[1] ?? (base.country === "USA" ? base.state : "");
  if (!city) return null;
  return {
    line1: parts[streetIndex] as string,
    line2,
    city: city.replace(/^\d+\s*/, ""),
    state,
    postalCode: postal,
    country: base.country,
  };
}

/** An address as it is written in its country: "Austin, TX 78701" in the US, "10115 Berlin" elsewhere. */
export function formatAddress(a: Address): string {
  const us = a.country === "USA" || a.country === "US";
  const gb = a.country === "United Kingdom" || a.country === "GB";
  const place = us
    ? `${a.city}, ${a.state} ${a.postalCode}`
    : gb
      ? `${a.city} ${a.postalCode}`
      : `${a.postalCode} ${a.city}`;
  return [a.line1, a.line2, place.trim()].filter(Boolean).join(", ");
}

/** A new shipping address for an order that has not shipped, or a new default address. */
export const changeAddress: Skill = {
  name: "change_address",
  requiresCustomer: true,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    const customer = turn.state.customer;
    if (!customer) return { kind: "push", skill: "identify" };
    if (frame.slots.target === undefined) {
      // The request itself says which address ("the default address on my account"), even when
      // identifying the customer came in between.
      const said = `${typeof frame.slots.seedText === "string" ? frame.slots.seedText : ""} ${turn.understanding?.text ?? ""}`;
      frame.slots.target = PROFILE_WORDS.test(said) ? "profile" : "order";
    }
    let order: Order | null = null;
    if (frame.slots.target === "order") {
      const chosen = await chooseOrder(turn, frame, {
        candidates: (o) => o.status === "pending",
        noneKey: "change_address.no_orders",
      });
      if (isStep(chosen)) {
        if (chosen.kind === "done") {
          // No order to change: the default address is what they can still update.
          frame.slots.target = "profile";
          turn.say("change_address.profile_instead");
        } else return chosen;
      } else {
        order = chosen;
        const early = orderLevelDenial(await orderEligibility(turn, "update_shipping_address", order), turn);
        if (early) return explainDenial(turn, early, "change_address.denied");
      }
    }

    const profile = await turn.services.connector.getCustomer(customer.id);
    const base = order?.address ?? profile?.address;
    if (!base) return { kind: "done", outcome: "failed" };
    if (
      !frame.slots.address &&
      turn.understanding &&
      (turn.isAnswer(frame, "address") || turn.entity("postal_code"))
    ) {
      const parsed = parseAddress(turn.understanding.text, turn.entity("postal_code"), base);
      if (parsed) frame.slots.address = parsed as unknown as Json;
      else if (turn.isAnswer(frame, "address"))
        return turn.ask(frame, "address", "change_address.unclear", {}, { expecting: "postal_code" });
    }
    if (!frame.slots.address)
      return turn.ask(frame, "address", "change_address.ask", {}, { expecting: "postal_code" });
    const address = frame.slots.address as unknown as Address;
    const change: CommerceChange = order
      ? { kind: "update_shipping_address", orderId: order.id, address }
      : { kind: "update_default_address", customerId: customer.id, address };
    const written = formatAddress(address);
    return confirmThenApply(turn, frame, {
      change,
      confirmKey: order ? "change_address.confirm" : "change_address.confirm_profile",
      confirmParams: () => ({ address: written, ...(order ? { order: orderParam(order.id) } : {}) }),
      declinedKey: "change_address.declined",
      deniedKey: "change_address.denied",
      applied: () => {
        turn.say(order ? "change_address.done" : "change_address.done_profile", {
          address: written,
          ...(order ? { order: orderParam(order.id) } : {}),
        });
        turn.state.resolved.push({
          skill: "change_address",
          key: "summary.address",
          params: { order: order?.id ?? "" },
        });
        return { kind: "done", outcome: "resolved" };
      },
    });
  },
};
