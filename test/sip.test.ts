import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MIGRATIONS } from "../src/app.ts";
import { migrateToLatest, openStorage } from "../src/platform/index.ts";
import { parseSip, type SipCall, SipEndpoint } from "../src/voice/sip/index.ts";
import { startTestApp } from "./support/app.ts";

const haveSipp = spawnSync("sipp", ["-v"]).error === undefined;
if (!haveSipp && process.env.CI !== "true")
  console.warn("SKIPPING the sipp tests: install Debian's sip-tester (sipp); CI installs it and runs them");

/** One UDP request to the endpoint and its first reply. */
async function ask(port: number, text: string): Promise<string | null> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const local = socket.address().port;
  const reply = new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 1500);
    socket.on("message", (m) => {
      if (m.toString().startsWith("SIP/2.0 100")) return;
      clearTimeout(timer);
      resolve(m.toString());
    });
  });
  socket.send(text.replaceAll("LOCALPORT", String(local)), port, "127.0.0.1");
  const answer = await reply;
  socket.close();
  return answer;
}

/**
 * One sipp call of a scenario in test/sipp/ against `port`: sipp's exit code, the end of what it printed
 * (for a failure message) and its log file (what the scenario logged).
 */
async function callWithSipp(
  scenario: string,
  port: number,
  timeoutSeconds = 20,
): Promise<{ code: unknown; output: string; log: string }> {
  const log = join(mkdtempSync(join(tmpdir(), "sb-sipp-")), "sipp.log");
  const sipp = spawn(
    "sipp",
    [
      "-sf",
      `test/sipp/${scenario}`,
      "-i",
      "127.0.0.1",
      "-p",
      "0",
      "-m",
      "1",
      "-nostdin",
      "-timeout",
      `${timeoutSeconds}s`,
    ].concat(["-trace_logs", "-log_file", log, `127.0.0.1:${port}`]),
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  sipp.stdout.on("data", (d) => {
    output += d;
  });
  sipp.stderr.on("data", (d) => {
    output += d;
  });
  const code = await new Promise((resolve) => sipp.on("exit", resolve));
  return { code, output: output.slice(-2000), log: existsSync(log) ? readFileSync(log, "utf8") : "" };
}

const request = (method: string, body = "") =>
  [
    `${method} sip:orders@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:LOCALPORT;branch=z9hG4bK-${Math.random().toString(36).slice(2)}`,
    "From: <sip:t@127.0.0.1>;tag=1",
    "To: <sip:orders@127.0.0.1>",
    `Call-ID: ${Math.random().toString(36).slice(2)}@test`,
    `CSeq: 1 ${method}`,
    ...(body ? ["Content-Type: application/sdp"] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    "",
    body,
  ].join("\r\n");

describe("the SIP endpoint", () => {
  const endpoint = new SipEndpoint({ host: "127.0.0.1", port: 0 });
  let port = 0;
  before(async () => {
    ({ port } = await endpoint.start());
  });
  after(() => endpoint.stop());

  test("sipp calls, presses 1 (RFC 2833) and hangs up: answered with A-law, the digit and the audio arrive", {
    skip: !haveSipp && process.env.CI !== "true",
  }, async () => {
    const events: string[] = [];
    let packets = 0;
    endpoint.on("call", (c) => events.push(`call ${c.user} ${c.plan.codec} dtmf:${c.plan.dtmfPayloadType}`));
    endpoint.on("dtmf", (_c, d) => events.push(`dtmf ${d}`));
    endpoint.on("ended", (c, why) => {
      events.push(`ended ${why}`);
      packets = c.packets;
    });
    const { code, output } = await callWithSipp("invite-dtmf.xml", port);
    assert.equal(code, 0, output);
    assert.deepEqual(events, ["call orders PCMA dtmf:101", "dtmf 1", "ended bye"]);
    assert.ok(packets >= 5, `RTP packets received: ${packets}`);
    assert.equal(endpoint.calls.size, 0);
  });

  test("a transfer is a REFER in the call's dialog carrying the conversation id; sipp checks it, accepts and reports", {
    skip: !haveSipp && process.env.CI !== "true",
  }, async () => {
    const results: string[] = [];
    const onCall = (call: SipCall) => {
      endpoint.transfer(call.callId, "sip:desk@127.0.0.1", "c_Test-123").then(
        (status) => results.push(`transfer ${status}`),
        (error: Error) => results.push(`transfer failed: ${error.message}`),
      );
    };
    endpoint.on("call", onCall);
    const { code, output, log: logged } = await callWithSipp("invite-refer.xml", port);
    endpoint.off("call", onCall);
    // sipp's scenario fails the call unless both the User-to-User header and the Refer-To URI match.
    assert.equal(code, 0, output);
    assert.deepEqual(results, ["transfer 202"]);
    assert.match(logged, /conversation c_Test-123;/);
    assert.ok(logged.includes(Buffer.from("c_Test-123").toString("hex")));
  });

  test("garbage, truncated and oversized datagrams are dropped and counted; the endpoint still answers", async () => {
    const socket = createSocket("udp4");
    const before = endpoint.stats.malformed;
    for (const junk of [
      Buffer.from([0, 1, 2, 3, 4, 5]),
      Buffer.from("INVITE sip:x SIP/2.0\r\nVia: nothing"),
      Buffer.from(`${request("OPTIONS").replace("Content-Length: 0", "Content-Length: 500")}`),
      Buffer.alloc(20_000, 65),
      Buffer.from("NOT A SIP LINE\r\n\r\n"),
    ])
      socket.send(junk, port, "127.0.0.1");
    await new Promise((r) => setTimeout(r, 200));
    socket.close();
    assert.equal(endpoint.stats.malformed - before, 5);
    const options = parseSip(Buffer.from((await ask(port, request("OPTIONS"))) ?? ""));
    assert.equal(options?.kind === "response" && options.status, 200);
    assert.match(options?.headers.get("allow")?.[0] ?? "", /INVITE, ACK, BYE, CANCEL, OPTIONS/);
  });

  test("an offer without G.711 gets 488 with the reason; an unknown method gets 405", async () => {
    const sdp =
      "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\n";
    const refused = await ask(port, request("INVITE", sdp));
    assert.match(refused ?? "", /^SIP\/2\.0 488/);
    assert.match(refused ?? "", /Warning: 399 switchboard "none of the offered codecs is PCMU or PCMA"/);
    assert.match((await ask(port, request("MESSAGE"))) ?? "", /^SIP\/2\.0 405/);
    assert.match((await ask(port, request("BYE"))) ?? "", /^SIP\/2\.0 481/);
  });
});

test("a SIP port already taken is an error at start, not a start that never ends", async () => {
  const first = new SipEndpoint({ host: "127.0.0.1", port: 0 });
  const { port } = await first.start();
  try {
    await assert.rejects(new SipEndpoint({ host: "127.0.0.1", port }).start(), /EADDRINUSE/);
  } finally {
    await first.stop();
  }
});

describe("a phone call to the platform", () => {
  test("pressing 0 hands the call's conversation to the desk and transfers the call with its id (sipp)", {
    skip: !haveSipp && process.env.CI !== "true",
  }, async () => {
    const storage = await openStorage({ sqliteFile: ":memory:" });
    await migrateToLatest(storage, MIGRATIONS);
    const { app } = await startTestApp(storage, { config: { sipPort: 0, host: "127.0.0.1" } });
    try {
      const { port } = await app.voice.start();
      const { code, output, log: logged } = await callWithSipp("invite-operator.xml", port);
      assert.equal(code, 0, output);
      const [call] = await app.conversations.list({ channel: "voice", limit: 5 });
      assert.ok(call, "the call opened a voice conversation");
      assert.equal(call.status, "handed_off");
      const handoff = await app.desk.queue.get(call.id);
      assert.equal(handoff?.reason, "customer_request");
      // The REFER sipp received carried this conversation's id, in the Refer-To URI and User-to-User.
      assert.match(logged, new RegExp(`conversation ${call.id};`));
      assert.ok(logged.includes(Buffer.from(call.id).toString("hex")));
      const events = (await app.conversations.get(call.id))?.events.map((e) => e.event.type) ?? [];
      assert.ok(events.includes("keys_pressed") && events.includes("handoff"), events.join(","));
    } finally {
      await app.close();
      await storage.close();
    }
  });
});

describe("a spoken call to the platform", () => {
  test("a recorded caller asks for an order's status and gives the postcode; the agent answers with the order's real status (sipp)", {
    skip: !haveSipp && process.env.CI !== "true",
    timeout: 90_000,
  }, async (t) => {
    const storage = await openStorage({ sqliteFile: ":memory:" });
    await migrateToLatest(storage, MIGRATIONS);
    const { app } = await startTestApp(storage, { config: { sipPort: 0, host: "127.0.0.1" } });
    try {
      if (!app.voiceSessions.ready()) {
        assert.notEqual(
          process.env.CI,
          "true",
          "CI must have pocketsphinx (libpocketsphinx3, pocketsphinx-en-us)",
        );
        t.skip("SKIPPING: Debian's pocketsphinx is not installed; CI installs it");
        return;
      }
      await app.voiceSessions.warm({ prompts: false });
      const { port } = await app.voice.start();
      // test/sipp/order-status.xml plays test/fixtures/voice/*.alaw.wav (festival, A-law) as RTP.
      const { code, output } = await callWithSipp("order-status.xml", port, 60);
      assert.equal(code, 0, output);
      const [call] = await app.conversations.list({ channel: "voice", limit: 5 });
      assert.ok(call, "the call opened a voice conversation");
      const events = (await app.conversations.get(call.id))?.events.map((e) => e.event) ?? [];
      const said = events.flatMap((e) => (e.type === "customer_message" ? [e.text] : []));
      // What the recogniser heard, as the agent read it: the order number and then the postcode.
      assert.ok(
        said.some((text) => text.includes("W6231698")),
        said.join(" | "),
      );
      assert.ok(said.includes("85049"), said.join(" | "));
      assert.ok(
        events.some((e) => e.type === "identity_verified" && e.method === "order_and_postal_code"),
        "verified by order number and postcode",
      );
      // The answer carries the order's real state from the store: its carrier and tracking number.
      const order = await app.connector.getOrder("#W6231698");
      const shipment = order?.shipments.at(-1);
      assert.ok(shipment, "the order has a shipment");
      const answer = events.find((e) => e.type === "agent_message" && e.key.startsWith("status."));
      assert.ok(answer && answer.type === "agent_message", "the agent answered with a status");
      assert.match(answer.text, /#W6231698/);
      assert.ok(answer.text.includes(shipment.trackingNumber), answer.text);
      assert.ok(answer.text.includes(shipment.carrier), answer.text);
      // Every caller turn was measured: end of speech to the agent's first audio.
      const timings = events.filter((e) => e.type === "voice_turn_timing");
      assert.equal(timings.length, 2);
      for (const timing of timings)
        assert.ok(timing.latencyMs > 0 && timing.latencyMs < 3000, JSON.stringify(timing));
    } finally {
      await app.close();
      await storage.close();
    }
  });
});
