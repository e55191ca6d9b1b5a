import type { WebSocket } from "ws";
import { encodeG711 } from "../audio/index.ts";
import type { VoiceTransport } from "../session/transport.ts";
import { CLOSE, type OutboundFrame } from "./protocol.ts";

/**
 * Quiet after the agent's last frame that ends an utterance. The session paces playback at 20 ms a
 * frame, so a gap of five frames is a pause in the agent's speech, not jitter in our own timers.
 */
export const UTTERANCE_GAP_MS = 100;

export interface MediaStreamTransportOptions {
  /**
   * Records that this call goes to a person when its stream ends (the webhook's `<Connect action>`
   * then answers with a `<Dial>`). False when no desk number is configured: the transfer is refused.
   */
  transferOnEnd?: (conversationId: string) => boolean;
  utteranceGapMs?: number;
}

/**
 * The voice session's side of one Twilio-style media stream: the agent's audio goes out as µ-law
 * `media` frames, barge-in as `clear`, and each utterance ends with a `mark` the carrier echoes once
 * the caller has heard it (or it was cleared).
 */
export class MediaStreamTransport implements VoiceTransport {
  readonly kind = "media-stream";
  readonly sampleRate = 8000;
  /** The last mark the carrier echoed: what the caller has heard up to. */
  heard: string | null = null;
  /** Set when we ended the call: why, for the session's close. */
  endedBy: string | null = null;
  private utterances = 0;
  private speaking = false;
  private gap: NodeJS.Timeout | null = null;
  private readonly markListeners = new Set<(name: string) => void>();

  constructor(
    private readonly socket: WebSocket,
    readonly streamSid: string,
    private readonly options: MediaStreamTransportOptions = {},
  ) {}

  play(frame: Int16Array): void {
    const payload = Buffer.from(encodeG711("PCMU", frame)).toString("base64");
    this.send({ event: "media", streamSid: this.streamSid, media: { payload } });
    this.speaking = true;
    if (this.gap) this.gap.refresh();
    else this.gap = setTimeout(() => this.endUtterance(), this.options.utteranceGapMs ?? UTTERANCE_GAP_MS);
  }

  clear(): void {
    this.send({ event: "clear", streamSid: this.streamSid });
    // The carrier echoes the pending mark when it clears, so the utterance still closes with one.
    this.endUtterance();
  }

  /** Sends a named mark now; the carrier echoes it when the audio before it has played. */
  mark(name: string): void {
    this.send({ event: "mark", streamSid: this.streamSid, mark: { name } });
  }

  /** Called for every mark the carrier echoes. */
  onMark(listener: (name: string) => void): () => void {
    this.markListeners.add(listener);
    return () => this.markListeners.delete(listener);
  }

  hangup(): void {
    this.close("the agent hung up");
  }

  /**
   * A live Twilio call can only be redirected through Twilio's REST API (an account and the network),
   * so the transfer ends the stream instead: the webhook's `<Connect action>` is asked what next and
   * answers with a `<Dial>` to the desk. `target` is the SIP desk's address and does not apply here.
   */
  async transfer(_target: string, conversationId: string): Promise<boolean> {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    if (!this.options.transferOnEnd?.(conversationId)) return false;
    this.mark(`transfer:${conversationId}`);
    this.close("transferred to a person");
    return true;
  }

  /** The socket handler passes each echoed mark here. */
  marked(name: string): void {
    this.heard = name;
    for (const listener of this.markListeners) listener(name);
  }

  /** Stops the utterance timer; the stream is over. */
  dispose(): void {
    if (this.gap) clearTimeout(this.gap);
    this.gap = null;
  }

  private endUtterance(): void {
    if (this.gap) clearTimeout(this.gap);
    this.gap = null;
    if (!this.speaking) return;
    this.speaking = false;
    this.mark(`utterance:${++this.utterances}`);
  }

  private close(reason: string): void {
    this.dispose();
    this.endedBy ??= reason;
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING)
      this.socket.close(CLOSE.normal, reason);
  }

  private send(frame: OutboundFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }
}
