import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import type { Skill } from "./types.ts";

/** After this many failed lookups the customer goes to a person rather than guessing forever. */

/**
 * Verifies who the customer is, with what they know: their email; their name and postcode; or an
 * order number with the email, postcode or phone on it. Nothing about an account is said before.
 */
export const identify: Skill = {
  name: "identify",
  requiresCustomer: false,
  async step(turn: Turn, frame: Frame): Promise<StepResult> {
    const id = turn.state.identity;
    if (turn.understanding) {
      const email = turn.entity("email");
      const orderId = turn.entity("order_id");
      const postal = turn.entity("postal_code");
      const phone = turn.entity("phone");
      const name = turn.entity("person_name");
      if (email) id.email = email;
      if (orderId) id.orderId = orderId;
      if (postal) id.postalCode = postal;
      if (phone) id.phone = phone;
      if (name?.first) id.firstName = name.first;
      if (name?.last) id.lastName = name.last;
      // A bare number after "your postcode?" is the postcode even if the reader was unsure.
      if (!postal && turn.isAnswer(frame, "postal_code")) {
        const digits = turn.understanding.text.replace(/\s/g, "").match(/^\d{4,5}$/)?.[0];
        if (digits) id.postalCode = digits;
      }
    }

    const connector = turn.services.connector;
    const verified = await tryVerify(turn);
    if (verified) return verified;

    const u = turn.understanding;
    const gave = u?.entities.some((e) =>
      ["email", "order_id", "postal_code", "phone", "person_name"].includes(e.type),
    );
    if (id.orderId && !id.email && !id.postalCode && !id.phone) {
      const exists = await connector.findCustomerByOrder(id.orderId);
      if (exists)
        return turn.ask(frame, "postal_code", "identify.second_factor", {}, { expecting: "postal_code" });
    }
    if ((id.firstName || id.lastName) && !id.postalCode && !id.orderId && !id.email) {
      return turn.ask(
        frame,
        "postal_code",
        "identify.postcode_for_name",
        { name: id.firstName ?? id.lastName ?? "" },
        { expecting: "postal_code" },
      );
    }
    // An order that exists with a postcode that does not match: the order number stays and the postcode
    // is asked again (a phone line mishears one digit of five; the caller should not start over). It
    // counts as a failed attempt like any other.
    const retryPostcode =
      id.orderId !== undefined &&
      id.postalCode !== undefined &&
      !id.email &&
      !id.phone &&
      (await connector.findCustomerByOrder(id.orderId)) !== null;
    if (gave || (turn.answering?.frameId === frame.id && id.postalCode)) {
      id.attempts += 1;
      turn.record({
        type: "identity_failed",
        method: id.email ? "email" : id.orderId ? "order" : "name_postal_code",
      });
      if (id.attempts >= turn.services.definition.escalation.verificationAttempts) {
        turn.say("identify.too_many");
        return { kind: "handoff", reason: "identity_not_verified" };
      }
      if (retryPostcode && id.orderId) {
        turn.state.identity = { attempts: id.attempts, orderId: id.orderId };
        return turn.ask(frame, "postal_code", "identify.postcode_retry", {}, { expecting: "postal_code" });
      }
      turn.state.identity = { attempts: id.attempts };
      return turn.ask(frame, "identity", "identify.not_found", {}, { expecting: "email" });
    }
    return turn.ask(frame, "identity", "identify.ask", {}, { expecting: "email" });
  },
};

async function tryVerify(turn: Turn): Promise<StepResult | null> {
  const id = turn.state.identity;
  const connector = turn.services.connector;
  let customerId: string | null = null;
  let method:
    | "email"
    | "name_postal_code"
    | "order_and_email"
    | "order_and_postal_code"
    | "order_and_phone"
    | null = null;

  if (id.orderId) {
    const owner = await connector.findCustomerByOrder(id.orderId);
    if (owner && id.email && (await connector.findCustomerByEmail(id.email)) === owner)
      [customerId, method] = [owner, "order_and_email"];
    else if (owner && id.phone && (await connector.findCustomerByPhone(id.phone)) === owner)
      [customerId, method] = [owner, "order_and_phone"];
    else if (owner && id.postalCode) {
      const [customer, order] = await Promise.all([
        connector.getCustomer(owner),
        connector.getOrder(id.orderId),
      ]);
      const key = (p?: string) => p?.replace(/[\s-]/g, "").toUpperCase();
      if (
        key(customer?.address.postalCode) === key(id.postalCode) ||
        key(order?.address.postalCode) === key(id.postalCode)
      ) {
        [customerId, method] = [owner, "order_and_postal_code"];
      }
    }
  }
  if (!customerId && id.email) {
    const found = await connector.findCustomerByEmail(id.email);
    if (found) [customerId, method] = [found, "email"];
  }
  if (!customerId && id.firstName && id.lastName && id.postalCode) {
    const found = await connector.findCustomerByNameAndPostalCode(id.firstName, id.lastName, id.postalCode);
    if (found) [customerId, method] = [found, "name_postal_code"];
  }
  if (!customerId || !method) return null;

  const customer = await connector.getCustomer(customerId);
  if (!customer) return null;
  turn.state.customer = { id: customer.id, method, firstName: customer.firstName, region: customer.region };
  if (id.orderId && (await connector.findCustomerByOrder(id.orderId)) === customer.id)
    turn.state.focusOrderId = id.orderId;
  turn.record({ type: "identity_verified", customerId: customer.id, method });
  turn.say("identify.verified", { name: customer.firstName });
  return { kind: "done", outcome: "verified" };
}
