import assert from "node:assert/strict";
import { test } from "node:test";
import sdpTransform from "sdp-transform";
import { answer, negotiate, SdpError } from "./sdp.ts";

/** The offer sipp's uac_pcap scenario sends (A-law and telephone-event). */
const SIPP_OFFER = [
  "v=0",
  "o=user1 53655765 2353687637 IN IP4 127.0.0.1",
  "s=-",
  "c=IN IP4 127.0.0.1",
  "t=0 0",
  "m=audio 6000 RTP/AVP 8 101",
  "a=rtpmap:8 PCMA/8000",
  "a=rtpmap:101 telephone-event/8000",
  "a=fmtp:101 0-11,16",
  "",
].join("\r\n");

test("a sipp offer is answered with A-law and telephone-event on our media port", () => {
  const plan = negotiate(SIPP_OFFER);
  assert.deepEqual(plan, {
    remoteAddress: "127.0.0.1",
    remotePort: 6000,
    codec: "PCMA",
    payloadType: 8,
    dtmfPayloadType: 101,
    ptimeMs: 20,
  });
  const written = answer(plan, { address: "127.0.0.1", port: 40000, sessionId: 1 });
  const back = sdpTransform.parse(written);
  assert.equal(back.media[0]?.port, 40000);
  assert.equal(back.media[0]?.payloads, "8 101");
  assert.deepEqual(
    back.media[0]?.rtp.map((r) => r.codec),
    ["PCMA", "telephone-event"],
  );
});

test("the caller's preference among G.711 codecs wins; static payload types need no rtpmap", () => {
  const offer = SIPP_OFFER.replace("m=audio 6000 RTP/AVP 8 101", "m=audio 6000 RTP/AVP 18 0 8").replace(
    /a=rtpmap:8.*\r\n/,
    "",
  );
  const plan = negotiate(offer);
  assert.equal(plan.codec, "PCMU");
  assert.equal(plan.payloadType, 0);
  assert.equal(plan.dtmfPayloadType, null, "telephone-event not in the m= line");
});

test("offers we cannot take are refused with a reason", () => {
  assert.throws(
    () => negotiate(SIPP_OFFER.replace("RTP/AVP 8 101", "RTP/AVP 9 101").replace("PCMA/8000", "G722/8000")),
    SdpError,
  );
  assert.throws(() => negotiate("v=0\r\ns=-\r\n"), /no audio/);
  assert.throws(
    () => negotiate(SIPP_OFFER.replace(/c=IN IP4 127.0.0.1/g, "c=IN IP4 0.0.0.0")),
    /connection address/,
  );
});
