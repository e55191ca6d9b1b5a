import assert from "node:assert/strict";
import { createSocket, type RemoteInfo } from "node:dgram";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { encodeG711 } from "../audio/index.ts";
import { buildRtp } from "../rtp/index.ts";
import { SipCallRefused, SipClient } from "./client.ts";
import { type SipCall, SipEndpoint } from "./endpoint.ts";

/** A tone at 8 kHz: loud enough to tell from silence after G.711. */
function tone(ms: number, hz = 440, amplitude = 8000): Int16Array {
  const out = new Int16Array((8000 * ms) / 1000);
  for (let i = 0; i < out.length; i++)
    out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000));
  return out;
}

const rms = (s: Int16Array) => Math.sqrt(s.reduce((a, x) => a + x * x, 0) / (s.length || 1));

describe("SipClient against the platform's SipEndpoint", () => {
  const endpoint = new SipEndpoint({ host: "127.0.0.1", port: 0 });
  let port = 0;
  before(async () => {
    port = (await endpoint.start()).port;
  });
  after(() => endpoint.stop());

  async function connected(options: Partial<ConstructorParameters<typeof SipClient>[0]> = {}) {
    const client = new SipClient({ target: { host: "127.0.0.1", port }, ...options });
    const arrived = once(endpoint, "call") as Promise<[SipCall]>;
    await client.dial();
    const [call] = await arrived;
    assert.equal(call.callId, client.callId);
    return { client, call };
  }

  test("calls, sends paced audio and a digit, hears RTP back with arrival times, and hangs up", async () => {
    const { client, call } = await connected();
    assert.equal(client.plan?.codec, "PCMU");
    assert.equal(client.answer?.status, 200);

    const heard: Int16Array[] = [];
    const onAudio = (c: SipCall, frame: Int16Array) => {
      if (c.callId === call.callId) heard.push(frame);
    };
    endpoint.on("audio", onAudio);
    let firstAt = 0;
    const started = performance.now();
    const lastAt = await client.play(tone(1000), (at) => {
      firstAt = at;
    });
    // 50 frames at 20 ms: the last goes out about 980 ms after the first, not in a burst.
    assert.ok(lastAt - firstAt >= 940 && lastAt - firstAt < 1200, `paced over ${lastAt - firstAt} ms`);
    assert.ok(firstAt >= started);
    await new Promise((r) => setTimeout(r, 100));
    const loud = heard.filter((f) => rms(f) > 2000);
    assert.ok(loud.length >= 48 && loud.length <= 50, `${loud.length} loud frames arrived`);

    const digit = once(endpoint, "dtmf") as Promise<[SipCall, string]>;
    client.dtmf("5");
    assert.equal((await digit)[1], "5");
    endpoint.off("audio", onAudio);

    // The platform speaks: RTP from its media socket reaches the client, decoded, with arrival times.
    const received: Array<{ frame: Int16Array; at: number }> = [];
    client.on("audio", (frame, at) => received.push({ frame, at }));
    const loudFrame = encodeG711("PCMU", tone(20));
    for (let i = 0; i < 5; i++)
      call.rtp.send(
        buildRtp({
          payloadType: 0,
          marker: i === 0,
          sequence: i,
          timestamp: i * 160,
          ssrc: 7,
          payload: loudFrame,
        }),
        call.plan.remotePort,
        call.plan.remoteAddress,
      );
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(received.length, 5);
    assert.ok(received.every((r) => r.frame.length === 160 && rms(r.frame) > 4000));
    assert.ok(received.every((r, i) => i === 0 || r.at >= (received[i - 1]?.at ?? 0)));

    const ended = once(endpoint, "ended") as Promise<[SipCall, string]>;
    assert.equal(await client.hangup(), 200);
    assert.equal((await ended)[1], "bye");
  });

  test("takes PCMA when that is all it offers", async () => {
    const { client } = await connected({ codecs: ["PCMA"] });
    assert.equal(client.plan?.codec, "PCMA");
    assert.equal(client.plan?.payloadType, 8);
    await client.hangup();
  });

  test("answers a transfer's REFER with 202 and reads the conversation id it carries", async () => {
    const { client, call } = await connected();
    const refer = once(client, "refer") as Promise<[{ headers: Map<string, string[]> }]>;
    const status = await endpoint.transfer(call.callId, "sip:desk@127.0.0.1", "c_abc123");
    assert.equal(status, 202);
    const [request] = await refer;
    assert.equal(request.headers.get("x-conversation-id")?.[0], "c_abc123");
    assert.match(
      request.headers.get("refer-to")?.[0] ?? "",
      /^<sip:desk@127\.0\.0\.1\?X-Conversation-Id=c_abc123>$/,
    );
    await client.hangup();
  });

  test("an offer with no G.711 is refused with the endpoint's reason", async () => {
    const client = new SipClient({ target: { host: "127.0.0.1", port }, codecs: [] });
    await assert.rejects(client.dial(), (error) => {
      assert.ok(error instanceof SipCallRefused);
      assert.equal(error.status, 488);
      assert.match(error.warning ?? "", /PCMU or PCMA/);
      return true;
    });
  });

  test("a call nobody answers fails after the timeout and leaves no socket open", async () => {
    // A port that takes datagrams and never answers.
    const deaf = createSocket("udp4");
    await new Promise<void>((r) => deaf.bind(0, "127.0.0.1", r));
    const caller = new SipClient({
      target: { host: "127.0.0.1", port: deaf.address().port },
      inviteTimeoutMs: 700,
    });
    let invites = 0;
    deaf.on("message", () => invites++);
    await assert.rejects(caller.dial(), /No final answer to 1 INVITE in 700 ms/);
    assert.equal(invites, 2, "sent at 0 and 500 ms");
    // Closed: the hangup of a call that never was is a no-op, and nothing keeps the process alive.
    assert.equal(await caller.hangup(), 0);
    deaf.close();
  });

  test("retransmits the INVITE when the first is lost", async () => {
    // A relay in front of the endpoint that drops the first datagram it is given.
    const relay = createSocket("udp4");
    await new Promise<void>((r) => relay.bind(0, "127.0.0.1", r));
    let client: RemoteInfo | null = null;
    let dropped = 0;
    relay.on("message", (datagram, from) => {
      if (from.port === port) {
        if (client) relay.send(datagram, client.port, client.address);
        return;
      }
      client = from;
      if (dropped++ === 0) return;
      relay.send(datagram, port, "127.0.0.1");
    });
    const caller = new SipClient({ target: { host: "127.0.0.1", port: relay.address().port } });
    const started = performance.now();
    await caller.dial();
    assert.ok(performance.now() - started >= 450, "answered only after the retransmission");
    assert.equal(dropped > 1, true);
    await caller.hangup();
    relay.close();
  });
});
