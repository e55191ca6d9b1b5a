import type { WebSocket } from "ws";
import type { VoiceTransport } from "../session/transport.ts";
import { bytesFromPcm, SAMPLE_RATE, type ServerFrame } from "./protocol.ts";

/**
 * Agent audio the socket may hold unsent before frames are dropped: two seconds. The session paces
 * playback in real time, so a healthy client never gets near it; a stalled one would otherwise grow
 * the server's memory without end, and stale speech is worth less than a gap.
 */
const MAX_BUFFERED_BYTES = SAMPLE_RATE * 2 * 2;

/** A call from the /voice page: the agent's voice goes out as binary frames, `clear` as JSON. */
export class BrowserTransport implements VoiceTransport {
  readonly kind = "browser" as const;
  readonly sampleRate = SAMPLE_RATE;
  /** Agent frames dropped because the browser did not keep up. */
  droppedFrames = 0;

  constructor(
    private readonly socket: WebSocket,
    /** Ends the call from our side: the route tells the page and closes the socket. */
    private readonly end: (reason: string) => void,
  ) {}

  play(frame: Int16Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.droppedFrames++;
      return;
    }
    this.socket.send(bytesFromPcm(frame), { binary: true });
  }

  clear(): void {
    this.send({ type: "clear" });
  }

  hangup(): void {
    this.end("agent ended the call");
  }

  send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }
}
