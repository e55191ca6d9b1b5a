/** Compares tau records the way the conformance suite promises: money to the cent, nulls as absent. */

const MONEY_KEYS = new Set(["price", "amount", "balance", "exchange_price_difference"]);

export function normalize(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === null || v === undefined) continue;
      out[k] = normalize(v, k);
    }
    return out;
  }
  if (typeof value === "number" && key && MONEY_KEYS.has(key)) return Math.round(value * 100);
  return value;
}

/** The first path where two normalised records differ, or null when they are equal. */
export function firstDifference(actual: unknown, expected: unknown, path = "$"): string | null {
  const a = normalize(actual);
  const e = normalize(expected);
  return diff(a, e, path);
}

function diff(a: unknown, e: unknown, path: string): string | null {
  if (Array.isArray(a) && Array.isArray(e)) {
    if (a.length !== e.length) return `${path}: ${a.length} entries, expected ${e.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], e[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && e && typeof a === "object" && typeof e === "object" && !Array.isArray(a) && !Array.isArray(e)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const k of [...keys].sort()) {
      const d = diff((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === e ? null : `${path}: ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`;
}
