import assert from "node:assert/strict";
import WebSocket from "ws";
import { encodeG711 } from "../../src/voice/audio/index.ts";

/**
 * A fake Twilio: the carrier's side of a bidirectional media stream, written from Twilio's documented
 * frames (docs/voice.md, research §4.2) so the tests do not share the server's schemas. Counters and
 * timestamps are strings, as Twilio sends them.
 */
export type TwilioFrame = { event: string; streamSid?: string; [key: string]: unknown };

export class FakeTwilio {
  readonly received: TwilioFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly streamSid = `MZ${Math.random().toString(16).slice(2).padEnd(32, "0")}`;
  readonly callSid: string;
  /** When the last `media` frame from the platform arrived (performance.now()), 0 before any. */
  lastMediaAt = 0;
  /** Echo every mark at once, as Twilio does when the audio before it has played. */
  echoMarks = false;
  private sequence = 0;
  private chunk = 0;
  private waiters: Array<() => void> = [];

  private constructor(
    readonly socket: WebSocket,
    callSid: string,
  ) {
    this.callSid = callSid;
    socket.on("message", (raw: Buffer) => {
      const frame = JSON.parse(raw.toString("utf8")) as TwilioFrame;
      this.received.push(frame);
      if (frame.event === "media") this.lastMediaAt = performance.now();
      if (frame.event === "mark" && this.echoMarks && this.socket.readyState === WebSocket.OPEN)
        this.mark((frame.mark as { name: string }).name);
      for (const w of this.waiters) w();
    });
    this.closed = new Promise((resolve) =>
      socket.on("close", (code, reason) => resolve({ code, reason: reason.toString("utf8") })),
    );
  }

  static async connect(url: string, callSid = `CA${Math.random().toString(16).slice(2)}`) {
    const client = new FakeTwilio(new WebSocket(url), callSid);
    await new Promise((resolve, reject) => {
      client.socket.once("open", resolve);
      client.socket.once("error", reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  connected(): void {
    this.send({ event: "connected", protocol: "Call", version: "1.0.0" });
  }

  start(
    customParameters: Record<string, string> = {},
    mediaFormat: { encoding: string; sampleRate: number; channels: number } = {
      encoding: "audio/x-mulaw",
      sampleRate: 8000,
      channels: 1,
    },
  ): void {
    this.send({
      event: "start",
      sequenceNumber: String(++this.sequence),
      start: {
        streamSid: this.streamSid,
        accountSid: "AC00000000000000000000000000000000",
        callSid: this.callSid,
        tracks: ["inbound"],
        customParameters,
        mediaFormat,
      },
      streamSid: this.streamSid,
    });
  }

  /** One chunk of the caller's µ-law audio. */
  media(mulaw: Uint8Array, streamSid = this.streamSid): void {
    this.chunk++;
    this.send({
      event: "media",
      sequenceNumber: String(++this.sequence),
      media: {
        track: "inbound",
        chunk: String(this.chunk),
        timestamp: String((this.chunk - 1) * 20),
        payload: Buffer.from(mulaw).toString("base64"),
      },
      streamSid,
    });
  }

  dtmf(digit: string): void {
    this.send({
      event: "dtmf",
      streamSid: this.streamSid,
      sequenceNumber: String(++this.sequence),
      dtmf: { track: "inbound_track", digit },
    });
  }

  /** Twilio echoes a mark once the audio sent before it has played. */
  mark(name: string): void {
    this.send({
      event: "mark",
      sequenceNumber: String(++this.sequence),
      streamSid: this.streamSid,
      mark: { name },
    });
  }

  stop(): void {
    this.send({
      event: "stop",
      sequenceNumber: String(++this.sequence),
      streamSid: this.streamSid,
      stop: { accountSid: "AC00000000000000000000000000000000", callSid: this.callSid },
    });
  }

  /**
   * The caller's line, as Twilio streams it: a 20 ms µ-law chunk every 20 ms, silence when the caller
   * says nothing, so the platform hears pauses as they are. `say` queues speech (8 kHz PCM).
   */
  line(): { say(pcm: Int16Array): Promise<void>; hangUp(): void } {
    const SILENCE = encodeG711("PCMU", new Int16Array(160));
    const queue: { frames: Uint8Array[]; done: () => void }[] = [];
    const started = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      // Catch up on timer lateness so the stream keeps real time on a busy machine.
      const due = Math.floor((performance.now() - started) / 20);
      for (; sent < due && this.socket.readyState === WebSocket.OPEN; sent++) {
        const speech = queue[0];
        const chunk = speech?.frames.shift();
        if (speech && speech.frames.length === 0) {
          queue.shift();
          speech.done();
        }
        this.media(chunk ?? SILENCE);
      }
    }, 10);
    return {
      say: (pcm) =>
        new Promise<void>((done) => {
          const mulaw = encodeG711("PCMU", pcm);
          const frames: Uint8Array[] = [];
          for (let at = 0; at < mulaw.length; at += 160) frames.push(mulaw.slice(at, at + 160));
          queue.push({ frames, done });
        }),
      hangUp: () => clearInterval(timer),
    };
  }

  /** Waits until the platform has sent audio and then none for `quietMs` (the agent finished a turn). */
  async agentFinished(since: number, quietMs = 800, timeoutMs = 45_000): Promise<void> {
    for (const deadline = performance.now() + timeoutMs; ; ) {
      const now = performance.now();
      if (this.lastMediaAt > since && now - this.lastMediaAt >= quietMs) return;
      assert.ok(now < deadline, "timed out waiting for the agent to speak and finish");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The frames of an event received so far. */
  frames(event: string): TwilioFrame[] {
    return this.received.filter((f) => f.event === event);
  }

  /** Waits until `count` frames of an event have arrived. */
  async next(event: string, count = 1, timeoutMs = 5_000): Promise<TwilioFrame[]> {
    for (const deadline = Date.now() + timeoutMs; ; ) {
      const found = this.frames(event);
      if (found.length >= count) return found;
      assert.ok(
        Date.now() < deadline,
        `timed out waiting for ${count} ${event} frame(s), got ${found.length}`,
      );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
      this.waiters = [];
    }
  }
}

/** A TwiML element: its name, attributes and children. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? "");

/** Enough of XML for TwiML: elements, attributes, text, the declaration; throws on anything unbalanced. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const token = /<\?[^>]*\?>|<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    assert.equal(m.index, consumed, `unparsed XML at ${consumed}: ${xml.slice(consumed, consumed + 40)}`);
    consumed = m.index + m[0].length;
    const top = stack.at(-1) as XmlElement;
    if (m[1]) {
      assert.equal(top.name, m[1], `</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attributes: Record<string, string> = {};
      for (const a of (m[3] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g))
        attributes[a[1] as string] = decodeEntities(a[2] ?? "");
      const element: XmlElement = { name: m[2], attributes, children: [], text: "" };
      top.children.push(element);
      if (!m[4]) stack.push(element);
    } else if (m[5]) top.text += decodeEntities(m[5]);
  }
  assert.equal(consumed, xml.length, "trailing XML");
  assert.equal(stack.length, 1, "unclosed elements");
  assert.equal(root.children.length, 1, "one root element");
  return root.children[0] as XmlElement;
}
