import type {
  ApplyOptions,
  ChangeOutcome,
  CommerceChange,
  CommerceConnector,
  Result,
} from "../../commerce/index.ts";

/**
 * The order system as one turn sees it: each read is made once per turn (a turn reads the same order
 * for routing, the skill, the policy facts and the reply), and any change clears what was read.
 * Only for the length of a turn, so the agent never acts on a stale order across turns.
 */
export function turnCache(connector: CommerceConnector): CommerceConnector {
  const reads = new Map<string, Promise<unknown>>();
  const cached = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let hit = reads.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = read();
      reads.set(key, hit);
      // A failed read is not remembered: the next attempt asks again.
      hit.catch(() => reads.delete(key));
    }
    return hit;
  };
  return {
    name: connector.name,
    capabilities: connector.capabilities,
    findCustomerByEmail: (email) => cached(`email:${email}`, () => connector.findCustomerByEmail(email)),
    findCustomerByNameAndPostalCode: (f, l, p) =>
      cached(`name:${f}|${l}|${p}`, () => connector.findCustomerByNameAndPostalCode(f, l, p)),
    findCustomerByPhone: (phone) => cached(`phone:${phone}`, () => connector.findCustomerByPhone(phone)),
    findCustomerByOrder: (id) => cached(`order-owner:${id}`, () => connector.findCustomerByOrder(id)),
    getCustomer: (id) => cached(`customer:${id}`, () => connector.getCustomer(id)),
    listOrders: (id, options) =>
      cached(`orders:${id}:${options?.limit ?? ""}`, () => connector.listOrders(id, options)),
    getOrder: (id) => cached(`order:${id}`, () => connector.getOrder(id)),
    getTracking: (id) => cached(`tracking:${id}`, () => connector.getTracking(id)),
    listRefunds: (id) => cached(`refunds:${id}`, () => connector.listRefunds(id)),
    listProducts: () => cached("products", () => connector.listProducts()),
    getProduct: (id) => cached(`product:${id}`, () => connector.getProduct(id)),
    getVariant: (id) => cached(`variant:${id}`, () => connector.getVariant(id)),
    listInvoices: (id) => cached(`invoices:${id}`, () => connector.listInvoices(id)),
    getInvoice: (id) => cached(`invoice:${id}`, () => connector.getInvoice(id)),
    preview: (change) => connector.preview(change),
    async apply(change: CommerceChange, options: ApplyOptions): Promise<Result<ChangeOutcome>> {
      reads.clear();
      const result = await connector.apply(change, options);
      reads.clear();
      return result;
    },
  };
}
