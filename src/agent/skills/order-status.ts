import type { Order, Shipment } from "../../commerce/index.ts";
import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import { code, date, order as orderParam, text } from "../responses/params.ts";
import { itemsParam } from "./common.ts";
import { chooseOrder, isStep } from "./order-choice.ts";
import type { Skill } from "./types.ts";

/** Delivered orders older than this are not offered when the customer does not say which order. */
const RECENT_DELIVERY_MS = 14 * 86_400_000;

/** Where an order is: status, carrier, latest scan and estimated delivery, per shipment. */
export const orderStatus: Skill = {
  name: "order_status",
  requiresCustomer: true,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    // "Where is my order" means one still on its way, or one that just arrived.
    const recent = turn.now().getTime() - RECENT_DELIVERY_MS;
    const chosen = await chooseOrder(turn, frame, {
      candidates: (o) =>
        o.status === "pending" ||
        o.status === "processed" ||
        (o.status === "delivered" && Date.parse(o.deliveredAt ?? "") >= recent),
      noneKey: "order.none_in_progress",
    });
    if (isStep(chosen)) return chosen;
    describe(turn, chosen);
    turn.state.resolved.push({ skill: "order_status", key: "summary.status", params: { order: chosen.id } });
    return { kind: "done", outcome: "answered" };
  },
};

function latest(shipment: Shipment) {
  return shipment.events.at(-1);
}

/** Carriers' standard scan texts, read in the customer's language; anything else is quoted as sent. */
const CARRIER_EVENTS: Record<string, string> = {
  "Shipping label created, awaiting pickup": "label_created",
  "Picked up by carrier": "picked_up",
  "Arrived at sorting hub": "arrived_hub",
  "Departed sorting hub": "departed_hub",
  "Delay: severe weather in the area": "delay_weather",
  "Delay: high parcel volumes, running one day late": "delay_volume",
  "Delay: missed connection at the hub": "delay_connection",
  "Delivery attempted: no one available to sign": "attempt_no_one",
  "Delivery attempted: building not accessible": "attempt_no_access",
  "Address needs correction: carrier is contacting the sender": "address_problem",
  "Parcel held at local depot for collection": "held_at_depot",
  "Out for delivery": "out_for_delivery",
  "Shipment cancelled by sender before pickup": "cancelled",
};

export function eventText(description: string | undefined) {
  if (!description) return "";
  const key = CARRIER_EVENTS[description];
  return key ? text(`carrier_event.${key}`) : description;
}

export function describe(turn: Turn, order: Order): void {
  const id = orderParam(order.id);
  const items = itemsParam(order);
  const openReturn = order.returns.find((r) => !["refunded", "rejected", "cancelled"].includes(r.status));
  const openExchange = order.exchanges.find((e) => e.status === "requested");
  switch (order.status) {
    case "pending":
      turn.say(order.itemsModifiedAt ? "status.pending_modified" : "status.pending", {
        order: id,
        items,
        date: date(order.placedAt),
      });
      break;
    case "cancelled":
      turn.say("status.cancelled", { order: id, date: date(order.cancelledAt ?? order.placedAt) });
      break;
    case "delivered":
      turn.say("status.delivered", { order: id, items, date: date(order.deliveredAt ?? order.placedAt) });
      break;
    case "processed":
      for (const shipment of order.shipments) {
        const event = latest(shipment);
        const params = {
          order: id,
          items,
          carrier: shipment.carrier,
          tracking: code(shipment.trackingNumber),
          eta: date(shipment.estimatedDelivery ?? order.placedAt),
          event: eventText(event?.description),
          location: event?.location ?? "",
          when: date(event?.at ?? order.placedAt),
        };
        const key =
          shipment.status === "delayed"
            ? "status.delayed"
            : shipment.status === "exception"
              ? "status.exception"
              : shipment.status === "out_for_delivery"
                ? "status.out_for_delivery"
                : "status.in_transit";
        turn.say(key, params);
      }
      if (order.shipments.length === 0) turn.say("status.processing", { order: id });
      break;
  }
  if (openReturn)
    turn.say("status.open_return", {
      rma: code(openReturn.rmaNumber),
      status: text(`return_status.${openReturn.status}`),
    });
  if (openExchange) turn.say("status.open_exchange");
}
