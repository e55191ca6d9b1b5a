import { randomBytes } from "node:crypto";
import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { EventEmitter } from "node:events";
import { decodeG711, encodeG711, FRAME_MS, type G711, PAYLOAD_TYPE } from "../audio/index.ts";
import { buildRtp, parseRtp } from "../rtp/index.ts";
import { header, parseSip, respond, type SipRequest, type SipResponse } from "./message.ts";
import { type MediaPlan, negotiate } from "./sdp.ts";

export interface SipClientOptions {
  /** Where the platform's SIP endpoint listens. */
  target: { host: string; port: number };
  /** Our address for SIP and RTP (loopback by default). */
  localHost?: string;
  /** The user part of the request URI: the number or name dialled. */
  user?: string;
  /** Our user part in From and Contact: the caller's "number" as the platform sees it. */
  fromUser?: string;
  /** What we offer, in our order of preference. */
  codecs?: G711[];
  /** How long to wait for a final answer to the INVITE (RFC 3261's Timer B is 32 s; tests want less). */
  inviteTimeoutMs?: number;
  /** Extra headers on the INVITE ("X-Sim-Call", ...). */
  headers?: Array<[string, string]>;
}

/** A request the far end sent in our dialog that we answered (REFER with 202, NOTIFY with 200). */
export interface ReceivedRequest {
  method: string;
  headers: Map<string, string[]>;
  body: string;
}

export interface SipClientEvents {
  /** One RTP packet's audio, decoded to 16-bit PCM at 8 kHz, with its arrival time (performance.now()). */
  audio: [Int16Array, number];
  /** The far end asked us to call elsewhere (a cold transfer); answered with 202 already. */
  refer: [ReceivedRequest];
  notify: [ReceivedRequest];
  /** The far end hung up (its BYE, answered with 200). */
  ended: [];
}

/** RFC 3261's T1: the first retransmission interval over UDP, doubling each time. */
const T1_MS = 500;
const TELEPHONE_EVENT_PT = 101;
const DTMF_EVENTS = "0123456789*#ABCD";

/**
 * A caller over SIP/UDP for tests and the call simulator (a UAC, RFC 3261): INVITE with a G.711 and
 * telephone-event offer, retransmitted until answered, the 200 acknowledged; audio out as RTP paced in
 * real time at 20 ms a frame, audio in decoded with its arrival time; RFC 4733 digits; BYE. A REFER or
 * NOTIFY from the far end is answered politely (202, 200) and reported. Not a general phone: no
 * authentication, re-INVITEs, Record-Route or DNS.
 */
export class SipClient extends EventEmitter<SipClientEvents> {
  readonly callId = `${randomBytes(10).toString("hex")}@switchboard-sim`;
  private readonly fromTag = randomBytes(6).toString("hex");
  private sip!: Socket;
  private rtp!: Socket;
  private localHost: string;
  readonly fromUser: string;
  private cseq = 1;
  private toHeader = "";
  private remoteTarget = "";
  /** The 200 OK to our INVITE: its headers carry what the platform tells us (X-Conversation-Id). */
  answer: SipResponse | null = null;
  plan: MediaPlan | null = null;
  /** Our own timestamp line, shared by audio and telephone-event packets (same SSRC). */
  private ssrc = randomBytes(4).readUInt32BE(0);
  private readonly pending = new Map<string, (response: SipResponse) => void>();
  private readonly outgoing: Array<{ frame: Int16Array; done?: (at: number) => void }> = [];
  private nextDueMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private dtmfQueue: Uint8Array[][] = [];
  private closed = false;
  /** Frames sent when nothing is queued: digital silence unless the caller sets another (line noise). */
  idle: (() => Int16Array) | null = () => new Int16Array(160);
  readonly stats = { sent: 0, received: 0, late: 0 };

  constructor(private readonly options: SipClientOptions) {
    super();
    this.localHost = options.localHost ?? "127.0.0.1";
    this.fromUser = options.fromUser ?? "caller";
  }

  get conversationId(): string | undefined {
    return this.answer ? (header(this.answer, "x-conversation-id") ?? undefined) : undefined;
  }

  /** Places the call; resolves once the 200 is acknowledged and media flows, rejects on refusal. */
  async dial(): Promise<SipResponse> {
    this.sip = await bind(this.localHost);
    this.rtp = await bind(this.localHost);
    this.sip.on("message", (d, r) => this.onSip(d, r));
    this.rtp.on("message", (d) => this.onRtp(d));
    const codecs = this.options.codecs ?? ["PCMU", "PCMA"];
    const rtpPort = this.rtp.address().port;
    const sdp = [
      "v=0",
      `o=sim ${Math.floor(Math.random() * 1e9)} 1 IN IP4 ${this.localHost}`,
      "s=switchboard simulator",
      `c=IN IP4 ${this.localHost}`,
      "t=0 0",
      `m=audio ${rtpPort} RTP/AVP ${codecs.map((c) => PAYLOAD_TYPE[c]).join(" ")} ${TELEPHONE_EVENT_PT}`,
      ...codecs.map((c) => `a=rtpmap:${PAYLOAD_TYPE[c]} ${c}/8000`),
      `a=rtpmap:${TELEPHONE_EVENT_PT} telephone-event/8000`,
      `a=fmtp:${TELEPHONE_EVENT_PT} 0-16`,
      "a=ptime:20",
      "a=sendrecv",
      "",
    ].join("\r\n");
    const user = this.options.user ?? "orders";
    const { host, port } = this.options.target;
    this.remoteTarget = `sip:${user}@${host}:${port}`;
    this.toHeader = `<sip:${user}@${host}:${port}>`;
    const branch = newBranch();
    const invite = this.request("INVITE", {
      branch,
      extra: [["Content-Type", "application/sdp"], ...(this.options.headers ?? [])],
      body: sdp,
    });
    let response: SipResponse;
    try {
      response = await this.transaction(invite, `${this.cseq} INVITE`, {
        timeoutMs: this.options.inviteTimeoutMs ?? 8000,
        // Any response (even 100 Trying) stops an INVITE's retransmissions (§17.1.1.2).
        stopOnProvisional: true,
      });
    } catch (error) {
      // Unanswered: the sockets go, or they would keep the process alive.
      await this.close();
      throw error;
    }
    if (response.status >= 300) {
      // A refusal is acknowledged in its own transaction (same branch).
      this.send(this.ack(branch, response));
      await this.close();
      throw new SipCallRefused(response.status, response.reason, header(response, "warning"));
    }
    this.answer = response;
    this.toHeader = header(response, "to") ?? this.toHeader;
    const contact = /<([^>]+)>/.exec(header(response, "contact") ?? "")?.[1];
    if (contact) this.remoteTarget = contact;
    this.plan = negotiate(response.body);
    this.send(this.ack(newBranch(), response));
    this.startPacing();
    return response;
  }

  /**
   * Queues audio (8 kHz, any length; cut into 20 ms frames, the last padded with silence) to be sent in
   * real time after what is already queued. Resolves with the time (performance.now()) the last frame
   * went out, and reports the first frame's time through `onFirst`.
   */
  play(samples: Int16Array, onFirst?: (atMs: number) => void): Promise<number> {
    const size = (8000 * FRAME_MS) / 1000;
    return new Promise((resolve) => {
      const count = Math.max(1, Math.ceil(samples.length / size));
      for (let i = 0; i < count; i++) {
        const frame = new Int16Array(size);
        frame.set(samples.subarray(i * size, Math.min(samples.length, (i + 1) * size)));
        const entry: { frame: Int16Array; done?: (at: number) => void } = { frame };
        if (i === 0 && onFirst) entry.done = onFirst;
        if (i === count - 1) {
          const first = i === 0 ? onFirst : undefined;
          entry.done = (at) => {
            first?.(at);
            resolve(at);
          };
        }
        this.outgoing.push(entry);
      }
    });
  }

  /** Audio still queued, in milliseconds. */
  get queuedMs(): number {
    return this.outgoing.length * FRAME_MS;
  }

  /**
   * One key as RFC 4733 telephone events: packets every 20 ms with a growing duration, the end packet
   * three times, all on the timestamp of the event's start. Audio pauses meanwhile, as phones do.
   */
  dtmf(digit: string, durationMs = 100): void {
    const event = DTMF_EVENTS.indexOf(digit.toUpperCase());
    if (event < 0) throw new Error(`Not a DTMF digit: ${digit}`);
    const steps = Math.max(1, Math.round(durationMs / FRAME_MS));
    const packets: Uint8Array[] = [];
    for (let i = 1; i <= steps; i++) packets.push(dtmfPayload(event, false, i * 160));
    for (let i = 0; i < 3; i++) packets.push(dtmfPayload(event, true, steps * 160));
    this.dtmfQueue.push(packets);
  }

  /** Hangs up: BYE, retransmitted until answered. Resolves with the final status (0 when unanswered). */
  async hangup(): Promise<number> {
    if (this.closed) return 0;
    this.stopPacing();
    let status = 0;
    if (this.answer) {
      this.cseq++;
      const bye = this.request("BYE", { branch: newBranch() });
      try {
        status = (await this.transaction(bye, `${this.cseq} BYE`, { timeoutMs: 4000 })).status;
      } catch {
        status = 0;
      }
    }
    await this.close();
    return status;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopPacing();
    await Promise.all([closeSocket(this.sip), closeSocket(this.rtp)]);
  }

  // ---- pacing ----

  private rtpTimestamp = Math.floor(Math.random() * 0x100000000);
  private sequence = Math.floor(Math.random() * 0x10000);
  private dtmfState: { packets: Uint8Array[]; timestamp: number; first: boolean } | null = null;

  private startPacing(): void {
    this.nextDueMs = performance.now();
    const tick = () => {
      if (this.closed) return;
      const now = performance.now();
      // Frames due by now go out now: a late timer sends a short burst rather than stretching time.
      let burst = 0;
      while (this.nextDueMs <= now + 1) {
        this.sendNextFrame(performance.now());
        this.nextDueMs += FRAME_MS;
        if (++burst > 1) this.stats.late++;
        // Far behind (the process stalled): skip ahead rather than flood the far end.
        if (now - this.nextDueMs > 200) this.nextDueMs = now;
      }
      this.timer = setTimeout(tick, Math.max(1, this.nextDueMs - performance.now()));
    };
    tick();
  }

  private stopPacing(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private sendNextFrame(at: number): void {
    const plan = this.plan;
    if (!plan) return;
    if (!this.dtmfState && this.dtmfQueue.length > 0 && plan.dtmfPayloadType !== null)
      this.dtmfState = {
        packets: this.dtmfQueue.shift() as Uint8Array[],
        timestamp: this.rtpTimestamp,
        first: true,
      };
    if (this.dtmfState) {
      const payload = this.dtmfState.packets.shift() as Uint8Array;
      this.sendRtp(plan.dtmfPayloadType as number, payload, this.dtmfState.timestamp, this.dtmfState.first);
      this.dtmfState.first = false;
      this.rtpTimestamp = (this.rtpTimestamp + 160) >>> 0;
      if (this.dtmfState.packets.length === 0) this.dtmfState = null;
      return;
    }
    const entry = this.outgoing.shift();
    const frame = entry?.frame ?? this.idle?.();
    if (frame) {
      this.sendRtp(plan.payloadType, encodeG711(plan.codec, frame), this.rtpTimestamp, false);
      entry?.done?.(at);
    }
    this.rtpTimestamp = (this.rtpTimestamp + 160) >>> 0;
  }

  private sendRtp(payloadType: number, payload: Uint8Array, timestamp: number, marker: boolean): void {
    const plan = this.plan as MediaPlan;
    const packet = buildRtp({
      payloadType,
      marker,
      sequence: this.sequence,
      timestamp,
      ssrc: this.ssrc,
      payload,
    });
    this.sequence = (this.sequence + 1) & 0xffff;
    this.stats.sent++;
    this.rtp.send(packet, plan.remotePort, plan.remoteAddress);
  }

  // ---- SIP ----

  private onRtp(datagram: Buffer): void {
    const at = performance.now();
    const packet = parseRtp(datagram);
    const plan = this.plan;
    if (!packet || !plan || packet.payloadType !== plan.payloadType) return;
    this.stats.received++;
    this.emit("audio", decodeG711(plan.codec, packet.payload), at);
  }

  private onSip(datagram: Buffer, rinfo: RemoteInfo): void {
    const message = parseSip(datagram);
    if (!message) return;
    if (message.kind === "response") {
      const key = `${header(message, "call-id")}|${header(message, "cseq")}`;
      if (message.status >= 200 && /INVITE$/.test(header(message, "cseq") ?? "") && this.answer) {
        // Our ACK was lost: the 200 came again.
        if (message.status < 300) this.send(this.ack(newBranch(), message));
        return;
      }
      this.pending.get(key)?.(message);
      return;
    }
    this.onRequest(message, rinfo);
  }

  private onRequest(request: SipRequest, rinfo: RemoteInfo): void {
    const reply = (status: number) => this.sip.send(respond(request, status), rinfo.port, rinfo.address);
    if (header(request, "call-id") !== this.callId) {
      if (request.method !== "ACK") reply(481);
      return;
    }
    const received = { method: request.method, headers: request.headers, body: request.body };
    switch (request.method) {
      case "REFER":
        reply(202);
        this.emit("refer", received);
        return;
      case "NOTIFY":
        reply(200);
        this.emit("notify", received);
        return;
      case "BYE":
        reply(200);
        this.stopPacing();
        void this.close().then(() => this.emit("ended"));
        return;
      case "OPTIONS":
        reply(200);
        return;
      case "ACK":
        return;
      default:
        reply(405);
    }
  }

  private request(
    method: string,
    options: { branch: string; extra?: Array<[string, string]>; body?: string },
  ): string {
    const local = this.sip.address();
    const body = options.body ?? "";
    const lines = [
      `${method} ${this.remoteTarget} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.localHost}:${local.port};branch=${options.branch};rport`,
      `From: <sip:${this.fromUser}@${this.localHost}>;tag=${this.fromTag}`,
      `To: ${this.toHeader}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.cseq} ${method}`,
      `Contact: <sip:${this.fromUser}@${this.localHost}:${local.port}>`,
      "Max-Forwards: 70",
      "User-Agent: switchboard-simulator",
      ...(options.extra ?? []).map(([n, v]) => `${n}: ${v}`),
      `Content-Length: ${Buffer.byteLength(body, "utf8")}`,
      "",
      body,
    ];
    return lines.join("\r\n");
  }

  /** An ACK: for a 2xx its own transaction (a new branch), for a refusal the INVITE's branch. */
  private ack(branch: string, response: SipResponse): string {
    const local = this.sip.address();
    return [
      `ACK ${this.remoteTarget} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.localHost}:${local.port};branch=${branch};rport`,
      `From: <sip:${this.fromUser}@${this.localHost}>;tag=${this.fromTag}`,
      `To: ${header(response, "to") ?? this.toHeader}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.cseq} ACK`,
      "Max-Forwards: 70",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n");
  }

  private send(text: string): void {
    if (!this.closed) this.sip.send(text, this.options.target.port, this.options.target.host);
  }

  /** Sends a request until a final response (or, for an INVITE, any response), with T1 doubling. */
  private transaction(
    text: string,
    cseqValue: string,
    options: { timeoutMs: number; stopOnProvisional?: boolean },
  ): Promise<SipResponse> {
    const key = `${this.callId}|${cseqValue}`;
    return new Promise((resolve, reject) => {
      let wait = T1_MS;
      let retransmit = true;
      let timer: NodeJS.Timeout | undefined;
      const deadline = setTimeout(() => {
        this.pending.delete(key);
        clearTimeout(timer);
        reject(new Error(`No final answer to ${cseqValue} in ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      const again = () => {
        if (!retransmit) return;
        this.send(text);
        timer = setTimeout(again, wait);
        wait = Math.min(wait * 2, 4000);
      };
      this.pending.set(key, (response) => {
        if (response.status < 200) {
          if (options.stopOnProvisional) {
            retransmit = false;
            clearTimeout(timer);
          }
          return;
        }
        this.pending.delete(key);
        clearTimeout(timer);
        clearTimeout(deadline);
        resolve(response);
      });
      again();
    });
  }
}

/** The far end refused the call (a 4xx, 5xx or 6xx to our INVITE). */
export class SipCallRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly warning: string | undefined,
  ) {
    super(`The call was refused: ${status} ${reason}${warning ? ` (${warning})` : ""}`);
  }
}

function dtmfPayload(event: number, end: boolean, duration: number): Uint8Array {
  // Volume 10 (-10 dBm0), the usual value of phones.
  return Uint8Array.from([event, (end ? 0x80 : 0) | 10, (duration >> 8) & 0xff, duration & 0xff]);
}

const newBranch = () => `z9hG4bK${randomBytes(8).toString("hex")}`;

async function bind(host: string): Promise<Socket> {
  const socket = createSocket("udp4");
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  return socket;
}

function closeSocket(socket: Socket | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!socket) return resolve();
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
