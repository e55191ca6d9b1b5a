import { randomBytes } from "node:crypto";
import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { EventEmitter } from "node:events";
import { decodeG711, encodeG711 } from "../audio/index.ts";
import { DtmfReceiver, parseRtp, RtpSender } from "../rtp/index.ts";
import { header, parseSip, respond, type SipRequest, type SipResponse } from "./message.ts";
import { answer, type MediaPlan, negotiate, SdpError } from "./sdp.ts";

/** A call the endpoint answered: its dialog, the media chosen, and the RTP socket carrying it. */
export interface SipCall {
  callId: string;
  /** The user part of the request URI ("sip:orders@…" → "orders"): any reaches the agent. */
  user: string;
  from: string;
  plan: MediaPlan;
  rtp: Socket;
  localTag: string;
  confirmed: boolean;
  packets: number;
  /** Our audio stream to the caller, made at the first frame. */
  sender?: RtpSender;
  /** The dialog as we see it, for requests we send in it (REFER). */
  dialog: { remoteTarget: string; to: string; remote: RemoteInfo; cseq: number };
}

export interface SipEndpointEvents {
  /** The caller's ACK arrived: media flows. */
  call: [SipCall];
  /** 16-bit PCM at 8 kHz, one RTP packet's worth, in arrival order. */
  audio: [SipCall, Int16Array];
  dtmf: [SipCall, string];
  ended: [SipCall, "bye" | "cancel" | "closed"];
}

const ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY";

/**
 * A SIP user agent server over UDP: answers OPTIONS, takes INVITEs with G.711 audio (488 otherwise),
 * retransmits its 200 until the ACK comes, ends calls on BYE or CANCEL, and answers anything else with
 * 405. Malformed datagrams are counted and dropped: one bad packet never harms another call.
 */
export class SipEndpoint extends EventEmitter<SipEndpointEvents> {
  private socket: Socket | null = null;
  readonly calls = new Map<string, SipCall>();
  /** The last response per transaction, resent when the request is retransmitted. */
  private readonly lastResponse = new Map<string, string>();
  readonly stats = { malformed: 0, requests: 0 };
  private address = "127.0.0.1";
  port = 0;

  constructor(private readonly options: { host: string; port: number }) {
    super();
  }

  async start(): Promise<{ address: string; port: number }> {
    const socket = createSocket("udp4");
    this.socket = socket;
    socket.on("message", (datagram, rinfo) => this.onDatagram(datagram, rinfo));
    // A port already taken is an error to report, not a start that never finishes.
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(this.options.port, this.options.host, () => {
        socket.off("error", reject);
        resolve();
      });
    });
    socket.on("error", () => {});
    const bound = socket.address();
    this.address = this.options.host === "0.0.0.0" ? "127.0.0.1" : bound.address;
    this.port = bound.port;
    return { address: this.address, port: this.port };
  }

  async stop(): Promise<void> {
    for (const call of this.calls.values()) this.end(call, "closed");
    await new Promise<void>((resolve) => (this.socket ? this.socket.close(() => resolve()) : resolve()));
    this.socket = null;
  }

  private send(text: string, rinfo: RemoteInfo): void {
    this.socket?.send(text, rinfo.port, rinfo.address);
  }

  private onDatagram(datagram: Buffer, rinfo: RemoteInfo): void {
    // Keep-alives (a bare CRLF) are not messages.
    if (datagram.length <= 4 && datagram.toString().trim() === "") return;
    const message = parseSip(datagram);
    if (!message) {
      this.stats.malformed++;
      return;
    }
    if (message.kind === "response") {
      this.onResponse(message);
      return;
    }
    this.stats.requests++;
    try {
      this.onRequest(message, rinfo);
    } catch {
      this.send(respond(message, 500), rinfo);
    }
  }

  private transactionKey(request: SipRequest): string {
    const branch = /branch=([^;,\s]+)/i.exec(header(request, "via") ?? "")?.[1] ?? "";
    return `${header(request, "call-id")}|${branch}|${header(request, "cseq")}`;
  }

  private reply(request: SipRequest, rinfo: RemoteInfo, text: string): void {
    this.lastResponse.set(this.transactionKey(request), text);
    if (this.lastResponse.size > 10_000) this.lastResponse.clear();
    this.send(text, rinfo);
  }

  private onRequest(request: SipRequest, rinfo: RemoteInfo): void {
    const resent = this.lastResponse.get(this.transactionKey(request));
    if (resent && request.method !== "ACK") {
      this.send(resent, rinfo);
      return;
    }
    const callId = header(request, "call-id") ?? "";
    switch (request.method) {
      case "OPTIONS":
        this.reply(
          request,
          rinfo,
          respond(request, 200, {
            headers: [
              ["Allow", ALLOW],
              ["Accept", "application/sdp"],
            ],
          }),
        );
        return;
      case "INVITE":
        this.invite(request, rinfo);
        return;
      case "ACK": {
        const call = this.calls.get(callId);
        if (call && !call.confirmed) {
          call.confirmed = true;
          this.emit("call", call);
        }
        return;
      }
      case "BYE": {
        const call = this.calls.get(callId);
        this.reply(request, rinfo, respond(request, call ? 200 : 481));
        if (call) this.end(call, "bye");
        return;
      }
      case "NOTIFY": {
        // The progress of a transfer we asked for (RFC 3515): acknowledged; the call ends with its BYE.
        this.reply(request, rinfo, respond(request, this.calls.has(callId) ? 200 : 481));
        return;
      }
      case "CANCEL": {
        const call = this.calls.get(callId);
        this.reply(request, rinfo, respond(request, call ? 200 : 481));
        if (call && !call.confirmed) this.end(call, "cancel");
        return;
      }
      default:
        this.reply(request, rinfo, respond(request, 405, { headers: [["Allow", ALLOW]] }));
    }
  }

  private invite(request: SipRequest, rinfo: RemoteInfo): void {
    const callId = header(request, "call-id") ?? "";
    if (this.calls.has(callId)) return; // a re-INVITE: the media stays as agreed
    let plan: MediaPlan;
    try {
      plan = negotiate(request.body);
    } catch (error) {
      const why = error instanceof SdpError ? error.message : "bad SDP";
      this.reply(
        request,
        rinfo,
        respond(request, 488, { headers: [["Warning", `399 switchboard "${why}"`]] }),
      );
      return;
    }
    const localTag = randomBytes(6).toString("hex");
    this.send(respond(request, 100), rinfo);
    const rtp = createSocket("udp4");
    rtp.on("error", () => {});
    const user = /^sips?:([^@;>]+)@/i.exec(request.uri)?.[1] ?? "";
    const contact =
      /<([^>]+)>/.exec(header(request, "contact") ?? "")?.[1] ?? header(request, "contact") ?? "";
    const call: SipCall = {
      callId,
      user,
      from: header(request, "from") ?? "",
      plan,
      rtp,
      localTag,
      confirmed: false,
      packets: 0,
      dialog: {
        remoteTarget: contact.trim() || `sip:${rinfo.address}:${rinfo.port}`,
        to: `${header(request, "to") ?? ""};tag=${localTag}`,
        remote: rinfo,
        cseq: 0,
      },
    };
    this.calls.set(callId, call);
    const dtmf = new DtmfReceiver();
    rtp.on("message", (datagram) => {
      const packet = parseRtp(datagram);
      if (!packet) return;
      call.packets++;
      if (packet.payloadType === plan.payloadType)
        this.emit("audio", call, decodeG711(plan.codec, packet.payload));
      else if (packet.payloadType === plan.dtmfPayloadType) {
        const digit = dtmf.receive(packet.timestamp, packet.payload);
        if (digit) this.emit("dtmf", call, digit);
      }
    });
    rtp.bind(0, this.options.host, () => {
      const sdp = answer(plan, {
        address: this.address,
        port: rtp.address().port,
        sessionId: Math.floor(Math.random() * 1e9),
      });
      const ok = respond(request, 200, {
        toTag: localTag,
        headers: [
          ["Contact", `<sip:switchboard@${this.address}:${this.port}>`],
          ["Allow", ALLOW],
        ],
        body: sdp,
      });
      this.reply(request, rinfo, ok);
      // UDP loses packets: the 200 goes again (500 ms, doubling) until the ACK arrives.
      let wait = 500;
      const resend = () => {
        if (call.confirmed || !this.calls.has(callId) || wait > 4000) return;
        this.send(ok, rinfo);
        wait *= 2;
        setTimeout(resend, wait).unref();
      };
      setTimeout(resend, wait).unref();
    });
  }

  private readonly pending = new Map<string, (status: number) => void>();

  private onResponse(response: SipResponse): void {
    const key = `${header(response, "call-id")}|${header(response, "cseq")}`;
    const settle = this.pending.get(key);
    if (settle && response.status >= 200) {
      this.pending.delete(key);
      settle(response.status);
    }
  }

  /**
   * A cold transfer (RFC 3515): asks the caller's side to call `target` instead, carrying the
   * conversation id in a User-to-User header (RFC 7433, hex) and as a header of the Refer-To URI, so
   * the desk opens the escalation packet. Resolves with the final status (202 when accepted); the
   * REFER is retransmitted until answered, and gives up after about 8 s.
   */
  transfer(callId: string, target: string, conversationId: string): Promise<number> {
    const call = this.calls.get(callId);
    if (!call) return Promise.reject(new Error(`No call ${callId}`));
    const uui = Buffer.from(conversationId, "utf8").toString("hex");
    return this.request(call, "REFER", [
      `Refer-To: <${target}?X-Conversation-Id=${encodeURIComponent(conversationId)}>`,
      `Referred-By: <sip:switchboard@${this.address}:${this.port}>`,
      `User-to-User: ${uui};encoding=hex;purpose=call`,
      `X-Conversation-Id: ${conversationId}`,
    ]);
  }

  /** Ends a call from our side: BYE in its dialog (the agent said goodbye). */
  async hangup(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call) return;
    const done = this.request(call, "BYE", []).catch(() => 0);
    this.end(call, "closed");
    await done;
  }

  /** The caller's side of one 20 ms frame of our audio, as RTP to the address their SDP gave. */
  sendAudio(callId: string, pcm: Int16Array): void {
    const call = this.calls.get(callId);
    if (!call) return;
    call.sender ??= new RtpSender(randomBytes(4).readUInt32BE(0), call.plan.payloadType);
    const packet = call.sender.next(encodeG711(call.plan.codec, pcm), pcm.length);
    call.rtp.send(packet, call.plan.remotePort, call.plan.remoteAddress);
  }

  /** A request in a call's dialog, retransmitted until answered; resolves with the final status. */
  private request(call: SipCall, method: string, headers: string[]): Promise<number> {
    call.dialog.cseq += 1;
    const cseqValue = `${call.dialog.cseq} ${method}`;
    const text = [
      `${method} ${call.dialog.remoteTarget} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.address}:${this.port};branch=z9hG4bK${randomBytes(8).toString("hex")}`,
      `From: ${call.dialog.to}`,
      `To: ${call.from}`,
      `Call-ID: ${call.callId}`,
      `CSeq: ${cseqValue}`,
      `Contact: <sip:switchboard@${this.address}:${this.port}>`,
      ...headers,
      "Max-Forwards: 70",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n");
    const key = `${call.callId}|${cseqValue}`;
    return new Promise<number>((resolve, reject) => {
      let wait = 500;
      let timer: NodeJS.Timeout | undefined;
      const give = () => {
        if (!this.pending.has(key)) return;
        if (wait > 4000) {
          this.pending.delete(key);
          reject(new Error(`The ${method} was not answered`));
          return;
        }
        this.send(text, call.dialog.remote);
        timer = setTimeout(give, wait);
        timer.unref();
        wait *= 2;
      };
      this.pending.set(key, (status) => {
        clearTimeout(timer);
        resolve(status);
      });
      give();
    });
  }

  private end(call: SipCall, why: "bye" | "cancel" | "closed"): void {
    this.calls.delete(call.callId);
    call.rtp.close();
    this.emit("ended", call, why);
  }
}
