import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../shared/api-context.tsx";
import { ErrorNotice } from "../shared/ErrorNotice.tsx";
import { formatDateTime, formatMinor } from "../shared/format.ts";
import { sharedStrings } from "../shared/strings.ts";
import { keys, type Order } from "./api.ts";
import { strings } from "./strings.ts";

const t = strings.order;

/**
 * The order as it is now, from the store (the packet is a snapshot from the handover): refetched with
 * every live event, so a return or cancellation made meanwhile shows.
 */
export function OrderPanel({ orderIds }: { orderIds: string[] }) {
  const api = useApi();
  const [selected, setSelected] = useState(orderIds[0] as string);
  const order = useQuery({
    queryKey: keys.order(selected),
    queryFn: ({ signal }) => api.get<Order>(`/api/v1/orders/${encodeURIComponent(selected)}`, signal),
  });
  return (
    <section className="panel order" aria-labelledby="order-title">
      <h3 id="order-title">{t.title}</h3>
      {orderIds.length > 1 && (
        <p>
          <label htmlFor="order-pick">{t.pick} </label>
          <select id="order-pick" value={selected} onChange={(e) => setSelected(e.target.value)}>
            {orderIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </p>
      )}
      {order.isPending ? (
        <p>{sharedStrings.loading}</p>
      ) : order.isError ? (
        <ErrorNotice error={order.error} onRetry={() => order.refetch()} />
      ) : (
        <div data-order={order.data.id}>
          <p>
            <strong>{order.data.id}</strong> · {t.status}:{" "}
            <span data-field="order-status">{order.data.status}</span> · {t.placed}{" "}
            {formatDateTime(order.data.placedAt)}
          </p>
          <ul>
            {order.data.items.map((i) => (
              <li key={i.lineId}>
                {i.name}
                {Object.keys(i.options).length > 0 ? ` (${Object.values(i.options).join(", ")})` : ""} ·{" "}
                {formatMinor(i.unitPriceMinor)} {order.data.currency}
              </li>
            ))}
          </ul>
          <h4>{t.shipments}</h4>
          {order.data.shipments.length === 0 ? (
            <p>{t.noShipments}</p>
          ) : (
            <ul>
              {order.data.shipments.map((s) => (
                <li key={s.id}>
                  {s.carrier} {s.trackingNumber} · {s.status}
                  {s.estimatedDelivery ? ` · ${s.estimatedDelivery}` : ""}
                </li>
              ))}
            </ul>
          )}
          {(order.data.returns.length > 0 || order.data.exchanges.length > 0) && (
            <p>
              {t.returns(order.data.returns.length)} · {t.exchanges(order.data.exchanges.length)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
