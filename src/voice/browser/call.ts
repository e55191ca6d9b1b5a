import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import { isSwitchboardError, type Logger } from "../../platform/index.ts";
import { Framer } from "../audio/index.ts";
import type { CallInfo, VoiceSessionInput, VoiceTransport } from "../session/transport.ts";
import {
  AUDIO_BURST_MS,
  ClientFrame,
  MAX_AUDIO_BYTES,
  MAX_TEXT_BYTES,
  pcmFromBytes,
  SAMPLE_RATE,
} from "./protocol.ts";
import { BrowserTransport } from "./transport.ts";

export interface TranscriptLine {
  role: "caller" | "agent";
  text: string;
}

/** A voice session, as a browser call uses it: audio and keys in, transcript lines out. */
export interface BrowserSession extends VoiceSessionInput {
  readonly conversationId: string;
  /** The call's info as given to `open`: how a session is matched to its call when it opens. */
  readonly caller: CallInfo;
  on(event: "transcript", listener: (line: TranscriptLine) => void): unknown;
  off(event: "transcript", listener: (line: TranscriptLine) => void): unknown;
}

/**
 * The app's voice sessions (VoiceSessions). `opened` fires before the greeting is spoken, so the page's
 * transcript has it too; `open` resolves once the greeting is playing.
 */
export interface BrowserSessions {
  open(transport: VoiceTransport, info: CallInfo): Promise<BrowserSession>;
  on(event: "opened", listener: (session: BrowserSession) => void): unknown;
  off(event: "opened", listener: (session: BrowserSession) => void): unknown;
}

export interface BrowserCallHooks {
  sessions: BrowserSessions;
  /** Counts a new call for the caller's address; throws rate_limited past the limit. */
  admit(): void;
  logger: Logger;
}

/** What went past the socket, logged when the call ends. */
export interface BrowserCallStats {
  audioFrames: number;
  /** JSON that did not parse or validate, audio of an odd byte count or outside a call. */
  badFrames: number;
  oversizeFrames: number;
  /** Caller audio dropped for running ahead of real time, in 20 ms frames. */
  droppedAudioFrames: number;
}

const BURST_SAMPLES = (SAMPLE_RATE * AUDIO_BURST_MS) / 1000;
/** Caller audio kept while the session opens (the greeting renders meanwhile); older is dropped. */
const EARLY_FRAMES = AUDIO_BURST_MS / 20;

/** One socket of GET /voice/ws: idle until `start`, then a call until either side ends it. */
export class BrowserCall {
  private state: "idle" | "opening" | "live" | "ended" = "idle";
  private session: BrowserSession | null = null;
  private stopTranscript: (() => void) | null = null;
  private readonly framer = new Framer(SAMPLE_RATE);
  private early: Int16Array[] = [];
  private readonly transport: BrowserTransport;
  private allowance = BURST_SAMPLES;
  private lastAudioAt = performance.now();
  readonly stats: BrowserCallStats = {
    audioFrames: 0,
    badFrames: 0,
    oversizeFrames: 0,
    droppedAudioFrames: 0,
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly hooks: BrowserCallHooks,
  ) {
    this.transport = new BrowserTransport(socket, (reason) => this.end(reason, false));
    socket.on("message", (raw: Buffer, isBinary: boolean) => {
      try {
        if (isBinary) this.audio(raw);
        else this.text(raw);
      } catch (error) {
        // A fault in the session must not take the socket (or the process) with it.
        hooks.logger.error({ err: error }, "browser voice frame failed");
      }
    });
    socket.on("close", () => this.end("caller hung up", true));
    socket.on("error", () => this.end("connection failed", true));
  }

  private audio(raw: Buffer): void {
    if (raw.length > MAX_AUDIO_BYTES) {
      this.refuse("too_large", `Audio frames are at most ${MAX_AUDIO_BYTES} bytes`, "oversizeFrames");
      return;
    }
    const samples = pcmFromBytes(raw);
    if (!samples || (this.state !== "live" && this.state !== "opening")) {
      // Silently: a page still sending audio after the call ended is no one's mistake.
      this.stats.badFrames++;
      return;
    }
    const now = performance.now();
    this.allowance = Math.min(
      BURST_SAMPLES,
      this.allowance + ((now - this.lastAudioAt) * SAMPLE_RATE) / 1000,
    );
    this.lastAudioAt = now;
    if (samples.length > this.allowance) {
      this.stats.droppedAudioFrames += Math.ceil(samples.length / this.framer.size);
      return;
    }
    this.allowance -= samples.length;
    for (const frame of this.framer.push(samples)) {
      this.stats.audioFrames++;
      if (this.session) this.session.audio(frame);
      else {
        // The session is still opening (its greeting rendering): the caller may already be talking.
        this.early.push(frame);
        if (this.early.length > EARLY_FRAMES) {
          this.early.shift();
          this.stats.droppedAudioFrames++;
        }
      }
    }
  }

  private text(raw: Buffer): void {
    if (raw.length > MAX_TEXT_BYTES) {
      this.refuse("too_large", `Text frames are at most ${MAX_TEXT_BYTES} bytes`, "oversizeFrames");
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch {
      this.refuse("bad_request", "Text frames must be JSON");
      return;
    }
    const frame = ClientFrame.safeParse(parsed);
    if (!frame.success) {
      const issues = frame.error.issues.map((i) => `${i.path.join(".") || "frame"}: ${i.message}`);
      this.refuse("bad_request", issues.join("; "));
      return;
    }
    const message = frame.data;
    if (message.type === "stop") this.end("caller hung up", true);
    else if (message.type === "start") {
      if (this.state !== "idle") this.refuse("bad_request", "This socket already carries a call");
      else
        this.start(message.locale).catch((error: unknown) => {
          this.hooks.logger.error({ err: error }, "browser call failed to start");
          this.end("the call could not be connected", false);
        });
    } else if (this.state !== "live" || !this.session) this.refuse("bad_request", "Start a call first");
    else this.session.dtmf(message.digit);
  }

  /** A frame that changes nothing: counted, and the page told why. */
  private refuse(code: string, message: string, counter: "badFrames" | "oversizeFrames" = "badFrames"): void {
    this.stats[counter]++;
    this.transport.send({ type: "error", code, message });
  }

  private async start(locale: string | undefined): Promise<void> {
    try {
      this.hooks.admit();
    } catch (error) {
      if (!isSwitchboardError(error)) throw error;
      this.transport.send({ type: "error", code: error.code, message: error.message });
      return;
    }
    this.state = "opening";
    this.lastAudioAt = performance.now();
    const info = { callId: `browser-${randomUUID()}`, ...(locale ? { locale } : {}) };
    const line = (l: TranscriptLine) =>
      this.transport.send({ type: "transcript", role: l.role, text: l.text });
    let followed: BrowserSession | null = null;
    const follow = (session: BrowserSession) => {
      if (followed || session.caller.callId !== info.callId) return;
      followed = session;
      session.on("transcript", line);
    };
    this.stopTranscript = () => followed?.off("transcript", line);
    const { sessions } = this.hooks;
    sessions.on("opened", follow);
    let session: BrowserSession;
    try {
      session = await sessions.open(this.transport, info);
    } catch (error) {
      this.hooks.logger.error({ err: error, callId: info.callId }, "browser call failed to open");
      this.transport.send({
        type: "error",
        code: "unavailable",
        message: "The call could not be connected; please try again",
      });
      this.end("the call could not be connected", false);
      return;
    } finally {
      sessions.off("opened", follow);
    }
    follow(session);
    // The caller may have hung up while the session opened.
    if (this.state !== "opening") {
      this.stopTranscript();
      session.close("caller hung up");
      return;
    }
    this.session = session;
    this.state = "live";
    for (const frame of this.early) session.audio(frame);
    this.early = [];
    this.transport.send({ type: "started", conversationId: session.conversationId });
  }

  /** Ends the call once, whichever side ends it. `byCaller`: the session is told (by ours, it knows). */
  private end(reason: string, byCaller: boolean): void {
    if (this.state === "ended") return;
    const wasLive = this.state === "live";
    this.state = "ended";
    this.stopTranscript?.();
    this.stopTranscript = null;
    if (wasLive && this.session) {
      if (byCaller) this.session.close(reason);
      this.hooks.logger.info(
        {
          conversationId: this.session.conversationId,
          ...this.stats,
          droppedAgentFrames: this.transport.droppedFrames,
        },
        "browser call ended",
      );
    }
    this.transport.send({ type: "ended", reason });
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000, "call ended");
  }
}
