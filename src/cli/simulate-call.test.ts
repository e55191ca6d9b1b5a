import assert from "node:assert/strict";
import { test } from "node:test";
import { SwitchboardError } from "../platform/index.ts";
import { simulateCallCommand } from "./simulate-commands.ts";

test("simulate call names every bad flag at once, before any call is placed", async () => {
  await assert.rejects(
    simulateCallCommand({
      transport: "sip",
      script: "order-status",
      noise: "pink",
      snr: "loud",
      calls: "0",
      target: "localhost",
      seed: "-1",
    }),
    (error) => {
      assert.ok(error instanceof SwitchboardError);
      assert.match(error.message, /--snr must be a number/);
      assert.match(error.message, /--calls must be a whole number from 1 to 500/);
      assert.match(error.message, /--seed must be a whole number/);
      assert.match(error.message, /--target must be host:port/);
      return true;
    },
  );
});
