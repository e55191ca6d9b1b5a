import type { FastifyInstance } from "fastify";
import type { Counter } from "prom-client";
import type { RawData, WebSocket } from "ws";
import type { Logger } from "../../platform/index.ts";
import { decodeG711, Framer } from "../audio/index.ts";
import type { CallInfo, VoiceSessionInput, VoiceTransport } from "../session/transport.ts";
import {
  CLOSE,
  fromTelnyx,
  InboundFrame,
  KNOWN_EVENTS,
  MAX_FRAME_BYTES,
  mediaFormatProblem,
  type StartFrame,
} from "./protocol.ts";
import { MediaStreamTransport } from "./transport.ts";

/** What opens a voice session for a call: the app's voice sessions, or a test's double. */
export interface VoiceSessionOpener {
  open(transport: VoiceTransport, info: CallInfo): Promise<VoiceSessionInput & { conversationId: string }>;
}

/** Why a frame was dropped (the `reason` label of the rejected-frames counter). */
export type RejectReason = "binary" | "too_large" | "json" | "schema" | "before_start" | "stream" | "start";

export interface StreamSocketOptions {
  sessions: VoiceSessionOpener;
  logger: Logger;
  rejected: Counter<"reason">;
  /** Checks the `start` came from a call our webhook answered (null: accepted; otherwise why not). */
  admit(start: StartFrame): string | null;
  /** See MediaStreamTransportOptions.transferOnEnd; keyed here by the call. */
  transferOnEnd?: (callSid: string, conversationId: string) => boolean;
}

/**
 * Audio that arrives while the session opens (a database write) is kept, not lost: up to 5 s, beyond
 * which the open is failing anyway.
 */
const MAX_EARLY_FRAMES = 250;

/** The bidirectional media stream at GET /voice/media-stream (the URL the TwiML webhook hands out). */
export function streamSocket(scope: FastifyInstance, options: StreamSocketOptions): void {
  scope.get("/voice/media-stream", { websocket: true, schema: { hide: true } }, (socket: WebSocket) => {
    new MediaStreamCall(socket, options);
  });
}

/** One call's stream: `connected`, `start`, then `media`/`dtmf`/`mark` until `stop` or the socket closes. */
class MediaStreamCall {
  private state: "waiting" | "opening" | "open" | "ended" = "waiting";
  private streamSid: string | null = null;
  private callSid: string | null = null;
  private transport: MediaStreamTransport | null = null;
  private session: (VoiceSessionInput & { conversationId: string }) | null = null;
  private readonly framer = new Framer(8000);
  /** Input that arrived while the session was opening, in order. */
  private early: ({ audio: Int16Array } | { digit: string })[] = [];
  private rejectedCount = 0;
  private endReason = "the stream closed without a stop";

  constructor(
    private readonly socket: WebSocket,
    private readonly options: StreamSocketOptions,
  ) {
    socket.on("message", (raw: RawData, isBinary: boolean) => this.receive(raw, isBinary));
    socket.on("close", () => this.end(this.transport?.endedBy ?? this.endReason));
    socket.on("error", (error) => {
      options.logger.warn({ err: error, callSid: this.callSid }, "media stream socket failed");
      this.endReason = "the stream failed";
    });
  }

  private receive(raw: RawData, isBinary: boolean) {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
    // ws already refuses frames over maxPayload (64 KiB, the app's setting) by closing with 1009;
    // this guards a server registered with a larger limit.
    if (bytes.length > MAX_FRAME_BYTES) return this.reject("too_large");
    if (isBinary) return this.reject("binary");
    let json: unknown;
    try {
      json = fromTelnyx(JSON.parse(bytes.toString("utf8")));
    } catch {
      return this.reject("json");
    }
    const event = (json as { event?: unknown } | null)?.event;
    // Events a carrier adds later are not errors.
    if (typeof event === "string" && !KNOWN_EVENTS.has(event)) return;
    const parsed = InboundFrame.safeParse(json);
    if (!parsed.success) {
      if (event === "start") return this.refuse("the start frame is malformed", "start");
      return this.reject("schema");
    }
    const frame = parsed.data;
    if (frame.event === "connected") return;
    if (frame.event === "start") return this.start(frame);
    if (this.state === "waiting") return this.reject("before_start");
    if (frame.streamSid !== this.streamSid) return this.reject("stream");
    switch (frame.event) {
      case "media": {
        // A bidirectional stream carries the caller only; a fork of both tracks is not ours to answer.
        if (frame.media.track && frame.media.track !== "inbound" && frame.media.track !== "inbound_track")
          return;
        const pcm = decodeG711("PCMU", Buffer.from(frame.media.payload, "base64"));
        for (const audio of this.framer.push(pcm)) this.deliver({ audio });
        return;
      }
      case "dtmf":
        return this.deliver({ digit: frame.dtmf.digit });
      case "mark":
        return this.transport?.marked(frame.mark.name);
      case "stop":
        this.endReason = "the caller hung up";
        this.socket.close(CLOSE.normal, "stopped");
        return;
    }
  }

  private start(frame: StartFrame) {
    if (this.state !== "waiting") return this.reject("start");
    const problem = mediaFormatProblem(frame.start.mediaFormat) ?? this.options.admit(frame);
    if (problem) return this.refuse(problem, "start");
    this.state = "opening";
    this.streamSid = frame.streamSid;
    const callSid = frame.start.callSid;
    this.callSid = callSid;
    const transferOnEnd = this.options.transferOnEnd;
    this.transport = new MediaStreamTransport(this.socket, frame.streamSid, {
      ...(transferOnEnd ? { transferOnEnd: (id: string) => transferOnEnd(callSid, id) } : {}),
    });
    const params = frame.start.customParameters;
    const info: CallInfo = { callId: callSid };
    if (params.caller) info.caller = params.caller;
    if (params.called) info.called = params.called;
    if (params.locale) info.locale = params.locale;
    this.options.sessions.open(this.transport, info).then(
      (session) => {
        this.session = session;
        if (this.state === "ended") return session.close(this.endReason);
        this.state = "open";
        this.options.logger.info(
          { conversationId: session.conversationId, callSid },
          "media stream call started",
        );
        for (const input of this.early) this.deliver(input);
        this.early = [];
      },
      (error) => {
        this.options.logger.error({ err: error, callSid }, "media stream call failed to open");
        this.endReason = "the session failed to open";
        this.socket.close(1011, "the call could not be opened");
      },
    );
  }

  private deliver(input: { audio: Int16Array } | { digit: string }): void {
    if (this.state === "opening") {
      if (this.early.length >= MAX_EARLY_FRAMES) this.early.shift();
      this.early.push(input);
      return;
    }
    if (this.state !== "open" || !this.session) return;
    if ("audio" in input) this.session.audio(input.audio);
    else this.session.dtmf(input.digit);
  }

  /** A bad frame is counted and dropped; the call goes on. */
  private reject(reason: RejectReason): void {
    this.rejectedCount++;
    this.options.rejected.inc({ reason });
  }

  /** A start we cannot serve ends the stream with the reason (the carrier logs it). */
  private refuse(message: string, reason: RejectReason): void {
    this.reject(reason);
    this.options.logger.warn({ callSid: this.callSid, problem: message }, "media stream refused");
    this.endReason = message;
    this.socket.close(CLOSE.policy, closeReason(message));
  }

  private end(reason: string): void {
    if (this.state === "ended") return;
    const wasOpen = this.state === "open";
    this.state = "ended";
    this.transport?.dispose();
    if (this.rejectedCount > 0)
      this.options.logger.warn(
        { callSid: this.callSid, rejected: this.rejectedCount },
        "media stream frames were rejected",
      );
    // A session still opening is closed when it arrives.
    if (wasOpen) this.session?.close(reason);
  }
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}
