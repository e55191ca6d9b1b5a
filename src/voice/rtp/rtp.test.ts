import assert from "node:assert/strict";
import { test } from "node:test";
import { buildRtp, DtmfReceiver, parseDtmf, parseRtp, RtpSender } from "./index.ts";

test("RTP packets round-trip; malformed datagrams are dropped, not thrown", () => {
  const payload = Uint8Array.from({ length: 160 }, (_, i) => i);
  const bytes = buildRtp({
    payloadType: 0,
    marker: true,
    sequence: 65535,
    timestamp: 4294967295,
    ssrc: 0xdeadbeef,
    payload,
  });
  const back = parseRtp(bytes);
  assert.deepEqual(back && { ...back, payload: [...back.payload] }, {
    payloadType: 0,
    marker: true,
    sequence: 65535,
    timestamp: 4294967295,
    ssrc: 0xdeadbeef,
    payload: [...payload],
  });
  assert.equal(parseRtp(new Uint8Array(5)), null, "too short");
  assert.equal(parseRtp(Uint8Array.from([0x40, ...new Uint8Array(20)])), null, "version 1");
  // A CSRC list and a header extension are skipped; padding is removed.
  const extended = Uint8Array.from([
    0xb1, 8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9, 0xbe, 0xde, 0, 1, 1, 2, 3, 4, 7, 7, 0, 0, 3,
  ]);
  const parsed = parseRtp(extended);
  assert.deepEqual(parsed && [...parsed.payload], [7, 7]);
  assert.equal(
    parseRtp(Uint8Array.from([0x90, 8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xbe, 0xde, 0, 200])),
    null,
    "extension past the end",
  );
});

test("a sender's sequence and timestamp advance per frame and wrap; the first packet is marked", () => {
  const values = [0.99999, 0.99999999];
  const sender = new RtpSender(7, 8, () => values.shift() ?? 0);
  const first = parseRtp(sender.next(new Uint8Array(160), 160));
  const second = parseRtp(sender.next(new Uint8Array(160), 160));
  assert.equal(first?.marker, true);
  assert.equal(second?.marker, false);
  assert.equal(second?.sequence, ((first?.sequence ?? 0) + 1) & 0xffff);
  assert.equal(second?.timestamp, ((first?.timestamp ?? 0) + 160) >>> 0);
});

test("RFC 4733 telephone events: each key press counts once, however often it is repeated", () => {
  assert.deepEqual(parseDtmf(Uint8Array.from([11, 0x8a, 0x03, 0x20])), {
    digit: "#",
    end: true,
    volume: 10,
    duration: 800,
  });
  assert.equal(parseDtmf(Uint8Array.from([16, 0, 0, 0])), null);
  const receiver = new DtmfReceiver();
  const presses = [
    [1000, [4, 10, 0, 160]],
    [1000, [4, 10, 1, 64]],
    [1000, [4, 0x8a, 3, 32]],
    [1000, [4, 0x8a, 3, 32]],
    [2600, [2, 10, 0, 160]],
  ].map(([ts, p]) => receiver.receive(ts as number, Uint8Array.from(p as number[])));
  assert.deepEqual(presses.filter(Boolean), ["4", "2"]);
});
