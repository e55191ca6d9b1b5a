import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fromTelnyx, InboundFrame, mediaFormatProblem } from "./protocol.ts";
import { PendingTransfers } from "./transfers.ts";
import { sameToken, streamToken } from "./twiml.ts";

describe("media stream pieces", () => {
  test("only µ-law at 8 kHz mono is accepted, and the refusal names what came", () => {
    assert.equal(mediaFormatProblem({ encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 }), null);
    assert.match(
      mediaFormatProblem({ encoding: "audio/x-mulaw", sampleRate: 8000, channels: 2 }) ?? "",
      /got audio\/x-mulaw at 8000 Hz, 2 channels/,
    );
    assert.notEqual(mediaFormatProblem({ encoding: "audio/x-alaw", sampleRate: 8000, channels: 1 }), null);
  });

  test("Telnyx's frames become Twilio's; Twilio's pass untouched", () => {
    const twilio = { event: "dtmf", streamSid: "MZ1", dtmf: { digit: "1" } };
    assert.equal(fromTelnyx(twilio), twilio);
    const start = fromTelnyx({
      event: "start",
      sequence_number: "1",
      stream_id: "S1",
      start: {
        call_control_id: "v3:x",
        from: "+1555",
        custom_parameters: { tier: 2 },
        media_format: { encoding: "PCMU", sample_rate: 8000, channels: 1 },
      },
    });
    const parsed = InboundFrame.parse(start);
    assert.equal(parsed.event, "start");
    assert.deepEqual(parsed.event === "start" && parsed.start, {
      streamSid: "S1",
      callSid: "v3:x",
      customParameters: { caller: "+1555", tier: "2" },
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
    });
    // PCMA stays PCMA, and is refused by the format check rather than the schema.
    const alaw = InboundFrame.parse(
      fromTelnyx({
        event: "start",
        stream_id: "S2",
        start: {
          call_control_id: "v3:y",
          media_format: { encoding: "PCMA", sample_rate: 8000, channels: 1 },
        },
      }),
    );
    assert.ok(alaw.event === "start" && mediaFormatProblem(alaw.start.mediaFormat));
  });

  test("counters must be digit strings and payloads base64, as Twilio sends them", () => {
    const media = (payload: string, chunk: unknown = "1") => ({
      event: "media",
      streamSid: "MZ1",
      media: { track: "inbound", chunk, timestamp: "20", payload },
    });
    assert.ok(InboundFrame.safeParse(media("AAEC/w==")).success);
    assert.ok(!InboundFrame.safeParse(media("AAEC/w=")).success, "bad padding");
    assert.ok(!InboundFrame.safeParse(media("AAEC/w==", 1)).success, "a number where Twilio sends a string");
  });

  test("a pending transfer is taken once, and forgotten after its time", () => {
    let now = 0;
    const pending = new PendingTransfers(1000, () => now);
    pending.add("CA1", "c_1");
    pending.add("CA2", "c_2");
    assert.equal(pending.take("CA1"), "c_1");
    assert.equal(pending.take("CA1"), null);
    now = 1001;
    assert.equal(pending.take("CA2"), null, "the caller hung up meanwhile");
  });

  test("a stream token belongs to one call and one auth token", () => {
    const token = streamToken("secret-token-0123456789", "CA1");
    assert.ok(sameToken(token, streamToken("secret-token-0123456789", "CA1")));
    assert.ok(!sameToken(token, streamToken("secret-token-0123456789", "CA2")));
    assert.ok(!sameToken(token, streamToken("another-token-0123456789", "CA1")));
    assert.ok(!sameToken(token, ""));
  });
});
