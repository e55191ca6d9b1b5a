import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseReading, wantsAlternatives } from "./readings.ts";

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
  assert.equal(await wantsAlternatives(said, ["W2611350"], exists), true);
  const readings = [said, "hi can you check order double u two six one one three four zero for me"];
  assert.equal(await chooseReading(readings, [], exists), "hi can you check order W2611340 for me");
});

test("when nothing exists the reading stays as heard; words without order numbers are untouched", async () => {
  assert.equal(await chooseReading([said], ["W9999999"], exists), "hi can you check order W2611350 for me");
  assert.equal(await chooseReading(["eight five oh four nine"], ["W2611340"], exists), "85049");
  assert.equal(
    await wantsAlternatives("hi can you check order double u six two three one six nine eight", [], exists),
    false,
    "the best reading exists",
  );
});
