import type { ShipmentStatus } from "../../types.ts";
import { CARRIER_HUB } from "./geography.ts";
import type { Rng } from "./rng.ts";

export interface TrackingPlan {
  carrier: string;
  origin: string;
  destination: string;
  shippedAt: Date;
  /** Set for delivered parcels. */
  deliveredAt?: Date;
  /** Nothing after this instant has happened yet. */
  now: Date;
  /** What the parcel is going through now, for parcels not delivered. */
  scenario: "on_time" | "delayed" | "exception" | "out_for_delivery";
}

export interface TrackingHistory {
  status: ShipmentStatus;
  estimatedDelivery: string;
  events: Array<{ at: string; status: ShipmentStatus; description: string; location: string }>;
}

const HOUR = 3_600_000;

/**
 * A carrier history with the milestones real carriers report (label, pickup, hub scans, out for
 * delivery), including weather and volume delays and failed delivery attempts.
 */
export function trackingHistory(rng: Rng, plan: TrackingPlan): TrackingHistory {
  const hub = CARRIER_HUB[plan.carrier] ?? plan.origin;
  const events: TrackingHistory["events"] = [];
  const add = (at: Date, status: ShipmentStatus, description: string, location: string) => {
    if (at.getTime() <= plan.now.getTime())
      events.push({ at: at.toISOString(), status, description, location });
  };
  const t0 = plan.shippedAt.getTime();
  add(
    new Date(t0 - rng.int(2, 10) * HOUR),
    "label_created",
    "Shipping label created, awaiting pickup",
    plan.origin,
  );
  add(new Date(t0), "in_transit", "Picked up by carrier", plan.origin);
  add(new Date(t0 + rng.int(8, 20) * HOUR), "in_transit", "Arrived at sorting hub", hub);
  add(new Date(t0 + rng.int(22, 30) * HOUR), "in_transit", "Departed sorting hub", hub);

  if (plan.deliveredAt) {
    const end = plan.deliveredAt.getTime();
    if (rng.chance(0.12)) {
      add(new Date(t0 + (end - t0) * 0.6), "delayed", rng.pick(DELAYS), hub);
    }
    add(new Date(end - rng.int(4, 9) * HOUR), "out_for_delivery", "Out for delivery", plan.destination);
    add(new Date(end), "delivered", rng.pick(DELIVERED), plan.destination);
    return { status: "delivered", estimatedDelivery: plan.deliveredAt.toISOString().slice(0, 10), events };
  }

  const now = plan.now.getTime();
  let eta = t0 + rng.int(3, 5) * 24 * HOUR;
  let status: ShipmentStatus = "in_transit";
  if (plan.scenario === "delayed") {
    const at = Math.min(now - HOUR, t0 + 30 * HOUR);
    add(new Date(at), "delayed", rng.pick(DELAYS), hub);
    eta = Math.max(eta, now) + rng.int(2, 4) * 24 * HOUR;
    status = "delayed";
  } else if (plan.scenario === "exception") {
    const at = Math.max(t0 + 31 * HOUR, now - rng.int(3, 20) * HOUR);
    add(new Date(at), "exception", rng.pick(EXCEPTIONS), plan.destination);
    eta = Math.max(eta, now) + rng.int(1, 3) * 24 * HOUR;
    status = "exception";
  } else if (plan.scenario === "out_for_delivery") {
    add(new Date(now - rng.int(1, 3) * HOUR), "out_for_delivery", "Out for delivery", plan.destination);
    eta = now;
    status = "out_for_delivery";
  } else {
    eta = Math.max(eta, now + 12 * HOUR);
  }
  return { status, estimatedDelivery: new Date(eta).toISOString().slice(0, 10), events };
}

const DELAYS = [
  "Delay: severe weather in the area",
  "Delay: high parcel volumes, running one day late",
  "Delay: missed connection at the hub",
];

const EXCEPTIONS = [
  "Delivery attempted: no one available to sign",
  "Delivery attempted: building not accessible",
  "Address needs correction: carrier is contacting the sender",
  "Parcel held at local depot for collection",
];

const DELIVERED = [
  "Delivered: left at front door",
  "Delivered: handed to resident",
  "Delivered: left with neighbour",
  "Delivered: in mailbox",
];
