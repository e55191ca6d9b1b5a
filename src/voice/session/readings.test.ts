import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseReading, soundAlikes, wantsAlternatives } from "./readings.ts";

// The store's orders, as the session's lookup sees them.
const orders = new Set(["W2611340", "W6231698"]);
const exists = async (n: string) => orders.has(n);
const said = "hi can you check order double u two six one one three five zero for me";

test("an order number the store lacks is replaced by the one a partial transcript held", async () => {
  // The partials held W2611340 (it exists); the final path tipped the sixth digit to 5.
  assert.equal(
    await chooseReading([said], ["W2611", "W2611340"], exists),
    "hi can you check order W2611340 for me",
  );
  assert.equal(await wantsAlternatives(said, ["W2611340"], exists), false, "no lattice search needed");
});

test("without such a partial, the lattice's readings are searched and the first that exists wins", async () => {
  // Two digits off (W2611550): no number one misheard digit away exists either.
  const twoOff = "hi can you check order double u two six one one five five zero for me";
  assert.equal(await wantsAlternatives(twoOff, ["W2611550"], exists), true);
  const readings = [twoOff, "hi can you check order double u two six one one three four zero for me"];
  assert.equal(await chooseReading(readings, [], exists), "hi can you check order W2611340 for me");
});

test("an order number one misheard digit away is taken when nothing better exists, likeliest first", async () => {
  // "four" heard as "five" (W2611340 → W2611350): no partial, no lattice search.
  assert.equal(await wantsAlternatives(said, [], exists), false, "the sound-alike exists");
  assert.equal(await chooseReading([said], ["W9999999"], exists), "hi can you check order W2611340 for me");
  assert.deepEqual(soundAlikes("W1111115").slice(0, 7), [
    "W7111115",
    "W1711115",
    "W1171115",
    "W1117115",
    "W1111715",
    "W1111175",
    "W1111114",
  ]);
  assert.equal(soundAlikes("W6666666").length, 0, "a heard six is never another digit misheard");
  // Two store orders a digit away: the likelier confusion (8 ← 6 before 8 ← 9) wins.
  const both = new Set(["W1000006", "W1000009"]);
  assert.equal(
    await chooseReading(["order double u one zero zero zero zero zero eight"], [], async (n) => both.has(n)),
    "order W1000006",
  );
});

test("when nothing exists the reading stays as heard; words without order numbers are untouched", async () => {
  const far = "hi can you check order double u two two two two two two two for me";
  assert.equal(await wantsAlternatives(far, [], exists), true, "the lattice is searched");
  assert.equal(await chooseReading([far], ["W9999999"], exists), "hi can you check order W2222222 for me");
  assert.equal(await chooseReading(["eight five oh four nine"], ["W2611340"], exists), "85049");
  assert.equal(
    await wantsAlternatives("hi can you check order double u six two three one six nine eight", [], exists),
    false,
    "the best reading exists",
  );
});
