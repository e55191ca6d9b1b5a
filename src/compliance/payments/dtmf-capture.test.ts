import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DtmfPaymentCapture } from "./dtmf-capture.ts";
import { MemoryTokenizer } from "./tokenizer.ts";

const today = () => new Date("2026-11-26T12:00:00Z");

async function key(capture: DtmfPaymentCapture, keys: string) {
  let last = { step: capture.step } as Awaited<ReturnType<DtmfPaymentCapture["press"]>>;
  for (const k of keys) last = await capture.press(k);
  return last;
}

describe("DTMF card capture", () => {
  test("card, expiry and code keyed in become a token; no prompt carries a digit", async () => {
    const tokenizer = new MemoryTokenizer();
    const capture = new DtmfPaymentCapture(tokenizer, today);
    assert.equal(capture.start().prompt, "payment.enter_card");
    const prompts: string[] = [];
    for (const part of ["4111111111111111#", "1227#", "123#"]) {
      const update = await key(capture, part);
      if (update.prompt) prompts.push(update.prompt);
    }
    assert.deepEqual(prompts, ["payment.enter_expiry", "payment.enter_cvv", "payment.captured"]);
    assert.equal(capture.step, "done");
    const done = await capture.press("#");
    assert.equal(done.step, "done");
    for (const p of prompts) assert.doesNotMatch(p, /\d/);
  });

  test("the token redeems to the card once; only brand and last four come back", async () => {
    const tokenizer = new MemoryTokenizer();
    const capture = new DtmfPaymentCapture(tokenizer, today);
    await key(capture, "5555555555554444#0128#");
    const update = await key(capture, "987#");
    assert.equal(update.result?.brand, "mastercard");
    assert.equal(update.result?.last4, "4444");
    assert.doesNotMatch(JSON.stringify(update), /5555555555554444/);
    assert.deepEqual(tokenizer.redeem(update.result?.token ?? ""), {
      pan: "5555555555554444",
      expMonth: 1,
      expYear: 2028,
      cvv: "987",
    });
    assert.equal(tokenizer.redeem(update.result?.token ?? ""), null);
  });

  test("a wrong number, an expired date or a short code is asked again; * restarts a step", async () => {
    const capture = new DtmfPaymentCapture(new MemoryTokenizer(), today);
    assert.equal((await key(capture, "4111111111111112#")).prompt, "payment.card_invalid");
    assert.equal((await key(capture, "41*")).prompt, "payment.enter_card");
    assert.equal((await key(capture, "378282246310005#")).prompt, "payment.enter_expiry");
    assert.equal((await key(capture, "1025#")).prompt, "payment.expiry_invalid");
    assert.equal((await key(capture, "1326#")).step, "failed");
  });

  test("three failures end the capture; Amex needs four code digits", async () => {
    const capture = new DtmfPaymentCapture(new MemoryTokenizer(), today);
    await key(capture, "378282246310005#1130#");
    assert.equal((await key(capture, "123#")).prompt, "payment.cvv_invalid");
    assert.equal((await key(capture, "1234#")).prompt, "payment.captured");
  });
});
