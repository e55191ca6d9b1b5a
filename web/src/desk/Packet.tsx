import { formatDateTime, formatMinor } from "../shared/format.ts";
import type { EscalationPacket } from "./api.ts";
import { reasonLabel, strings } from "./strings.ts";

const t = strings.packet;
const signed = (n: number) => `${n > 0 ? "+" : ""}${n.toFixed(2)}`;

/** What the agent hands over, so the customer never repeats themselves (src/agent/dialogue/packet.ts). */
export function Packet({ packet }: { packet: EscalationPacket | null }) {
  if (!packet)
    return (
      <section className="panel packet">
        <h3>{t.title}</h3>
        <p>{t.none}</p>
      </section>
    );
  const { customer, sentiment } = packet;
  const upset = sentiment.last <= -0.5 || sentiment.average <= -0.3;
  return (
    <section className="panel packet" aria-labelledby="packet-title">
      <h3 id="packet-title">{t.title}</h3>
      <dl>
        <dt>{t.reason}</dt>
        <dd data-field="reason">{reasonLabel(packet.reason)}</dd>
        <dt>{t.customer}</dt>
        <dd data-field="customer">
          {customer ? (
            <>
              <strong>{customer.name}</strong> ({customer.id}),{" "}
              {customer.verifiedBy ? t.verifiedBy(customer.verifiedBy) : t.unverified}
              {customer.tier ? ` · ${t.tier} ${customer.tier}` : ""}
            </>
          ) : (
            t.unverified
          )}
        </dd>
        <dt>{t.sentiment}</dt>
        <dd data-field="sentiment" className={upset ? "upset" : undefined}>
          {t.sentimentFigures(signed(sentiment.last), signed(sentiment.average), signed(sentiment.trend))}
          {upset ? ` (${t.upset})` : ""}
        </dd>
        <dt>{t.nextStep}</dt>
        <dd data-field="next-step">{packet.suggestedNextStep}</dd>
      </dl>
      <h4>{t.orders}</h4>
      {packet.orders.length === 0 ? (
        <p>{t.noOrders}</p>
      ) : (
        <ul className="orders" data-field="orders">
          {packet.orders.map((o) => (
            <li key={o.id}>
              <strong>{o.id}</strong> · {o.status} · {formatDateTime(o.placedAt)}
              {o.valueMinor !== undefined ? ` · ${formatMinor(o.valueMinor)} ${o.currency ?? ""}` : ""}
              <br />
              {t.items}: {o.items.join(", ")}
              <br />
              {t.tracking}: {o.tracking.length > 0 ? o.tracking.join(", ") : t.noTracking}
            </li>
          ))}
        </ul>
      )}
      <h4>{t.tried}</h4>
      {packet.tried.length === 0 ? (
        <p data-field="tried">{t.nothingTried}</p>
      ) : (
        <ul data-field="tried">
          {packet.tried.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log; the place in it is the identity
            <li key={`${x.skill}-${i}`}>
              {x.skill}
              {x.outcome ? `: ${x.outcome}` : ""}
            </li>
          ))}
        </ul>
      )}
      {packet.decisions.length > 0 && (
        <>
          <h4>{t.decisions}</h4>
          <ul data-field="decisions">
            {packet.decisions.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log; the place in it is the identity
              <li key={`${d.action}-${i}`}>
                {d.action}: {d.allowed ? t.allowed : t.refused}
                {d.reasons.length > 0 ? ` (${d.reasons.join("; ")})` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
