import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { profileArrivals } from "./load.ts";
import { multiplierAt, PROFILES, phaseAt, profileHours, RETURNS_REASONS, shareOf } from "./profiles.ts";
import { DEFAULT_TESTS_DIR } from "./run.ts";
import { loadScripts } from "./scripts.ts";

const flashSale = PROFILES["flash-sale"];
if (!flashSale) throw new Error("flash-sale profile missing");
const book = loadScripts(DEFAULT_TESTS_DIR);

describe("the flash-sale profile", () => {
  test("arrivals triple within hours of the start, then fall back in the returns wave", () => {
    assert.equal(multiplierAt(flashSale, 0.5), 1);
    const peakAt = [1, 2, 3, 4, 5].find((h) => multiplierAt(flashSale, h) >= 3);
    assert.equal(peakAt, 4, "the rate reaches three times the base at the fourth hour");
    assert.ok(multiplierAt(flashSale, 2.5) > 1.5 && multiplierAt(flashSale, 2.5) < 2.5, "a ramp, not a step");
    assert.equal(phaseAt(flashSale, 7).phase.name, "returns wave");
    assert.ok(multiplierAt(flashSale, 7) < 3 && multiplierAt(flashSale, 7) > 1);
  });

  test("the returns wave shifts the mix to returns, exchanges and refund status", () => {
    const peak = phaseAt(flashSale, 5).phase;
    const wave = phaseAt(flashSale, 7).phase;
    const before = shareOf(peak.mix, RETURNS_REASONS);
    const after = shareOf(wave.mix, RETURNS_REASONS);
    assert.ok(before < 0.2, `returns are a minority during the sale (${before})`);
    assert.ok(after > 0.5 && after > 3 * before, `returns dominate the wave (${after})`);
  });

  test("drawn arrivals follow the shape: the peak hour brings about three times the baseline hour", () => {
    const arrivals = profileArrivals(flashSale, {
      book,
      baseRatePerMin: 600,
      hourSeconds: 60,
      seed: 7,
      webSocketShare: 0.3,
      thinkMs: 1000,
    });
    const inHour = (h: number) =>
      arrivals.filter((a) => a.atMs >= h * 60_000 && a.atMs < (h + 1) * 60_000).length;
    // 600 a minute for a one-minute hour: Poisson counts of about 600 and 1,800 (sd 25 and 42).
    assert.ok(Math.abs(inHour(0) - 600) < 120, `baseline hour ${inHour(0)}`);
    const ratio = inHour(4) / inHour(0);
    assert.ok(ratio > 2.6 && ratio < 3.4, `peak over baseline ${ratio}`);
    const returnsShare = (group: string) => {
      const of = arrivals.filter((a) => a.group === group);
      return of.filter((a) => RETURNS_REASONS.includes(a.script.reason)).length / of.length;
    };
    assert.ok(returnsShare("returns wave") > 3 * returnsShare("peak"));
    const ws = arrivals.filter((a) => a.channel === "websocket").length / arrivals.length;
    assert.ok(Math.abs(ws - 0.3) < 0.03, `WebSocket share ${ws}`);
    assert.ok(
      arrivals.every((a, i) => i === 0 || a.atMs >= (arrivals[i - 1]?.atMs ?? 0)),
      "in time order",
    );
    assert.ok(arrivals.at(-1)?.atMs ?? 0 < profileHours(flashSale) * 60_000);
  });

  test("the same seed draws the same customers; another seed, others", () => {
    const options = { book, baseRatePerMin: 120, hourSeconds: 5, webSocketShare: 0.3, thinkMs: 1000 };
    const a = profileArrivals(flashSale, { ...options, seed: 1 });
    const b = profileArrivals(flashSale, { ...options, seed: 1 });
    const c = profileArrivals(flashSale, { ...options, seed: 2 });
    const key = (xs: typeof a) =>
      xs.map((x) => `${x.atMs}:${x.script.name}:${x.channel}:${x.thinkMs}`).join("|");
    assert.equal(key(a), key(b));
    assert.notEqual(key(a), key(c));
  });

  test("every contact reason of the mixes has scripts among the agent's conversation tests", () => {
    for (const [reason, scripts] of Object.entries(book))
      assert.ok(scripts.length > 0, `no conversation test is filed under ${reason}`);
    const all = Object.values(book).flat();
    assert.ok(all.some((s) => s.expectsHandoff) && all.some((s) => !s.expectsHandoff));
  });
});
