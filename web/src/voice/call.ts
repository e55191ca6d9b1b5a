import workletUrl from "./capture-worklet.ts?worker&url";
import { Player } from "./player.ts";

export type CallState = "idle" | "microphone" | "connecting" | "connected" | "ended" | "failed";

export interface TranscriptLine {
  role: "caller" | "agent";
  text: string;
}

export interface CallListener {
  state(state: CallState, detail?: string): void;
  /** The call is open: the conversation it is written to. */
  started(conversationId: string): void;
  transcript(line: TranscriptLine): void;
}

export interface CallStats {
  /** 20 ms frames of the microphone sent. */
  sent: number;
  /** Frames of the agent's voice scheduled. */
  played: number;
  /** Frames of the agent's voice that came too late to follow the one before without a gap. */
  late: number;
  /** Times the agent's voice was cut off (barge-in). */
  cleared: number;
  speaking: boolean;
}

type ServerFrame =
  | { type: "started"; conversationId: string }
  | { type: "clear" }
  | { type: "transcript"; role: "caller" | "agent"; text: string }
  | { type: "ended"; reason: string }
  | { type: "error"; code: string; message: string };

/** Microphone settings: the browser's echo cancellation keeps the agent's own voice from barging in. */
const MICROPHONE: MediaTrackConstraints = {
  channelCount: 1,
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/**
 * One call from the page over /voice/ws (protocol: src/voice/browser/protocol.ts): the microphone
 * through the capture worklet out, the agent's voice through the player in, keys and hang-up.
 */
export class VoiceCall {
  private readonly context: AudioContext;
  private readonly player: Player;
  private stream: MediaStream | null = null;
  private capture: AudioWorkletNode | null = null;
  private socket: WebSocket | null = null;
  /** `start` is sent: the microphone goes out from now (the server keeps it while the call opens). */
  private calling = false;
  private live = false;
  private done = false;
  private sent = 0;
  private cleared = 0;

  /** Call from a click or key press: the audio context may start only on a user's gesture. */
  constructor(
    private readonly listener: CallListener,
    private readonly locale?: string,
  ) {
    this.context = new AudioContext({ latencyHint: "interactive" });
    this.player = new Player(this.context);
    void this.start();
  }

  stats(): CallStats {
    return {
      sent: this.sent,
      played: this.player.played,
      late: this.player.late,
      cleared: this.cleared,
      speaking: !this.done && this.player.speaking,
    };
  }

  dtmf(digit: string): void {
    if (this.live) this.sendJson({ type: "dtmf", digit });
  }

  hangUp(): void {
    if (this.calling) this.sendJson({ type: "stop" });
    this.finish("ended");
  }

  private async start(): Promise<void> {
    this.listener.state("microphone");
    try {
      await this.context.resume();
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: MICROPHONE });
    } catch {
      return this.finish("failed", "microphone");
    }
    if (this.done) return this.release();
    try {
      await this.context.audioWorklet.addModule(workletUrl);
      const capture = new AudioWorkletNode(this.context, "switchboard-capture", {
        numberOfInputs: 1,
        numberOfOutputs: 0,
        channelCount: 1,
        channelCountMode: "explicit",
      });
      capture.port.onmessage = (event: MessageEvent<ArrayBuffer>) => {
        if (!this.calling || this.done || this.socket?.readyState !== WebSocket.OPEN) return;
        this.socket.send(event.data);
        this.sent++;
      };
      this.context.createMediaStreamSource(this.stream).connect(capture);
      this.capture = capture;
    } catch {
      return this.finish("failed", "audio");
    }
    if (this.done) return this.release();
    this.connect();
  }

  private connect(): void {
    this.listener.state("connecting");
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${window.location.host}/voice/ws`);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onopen = () => {
      this.sendJson({ type: "start", ...(this.locale ? { locale: this.locale } : {}) });
      this.calling = true;
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data !== "string") {
        // The greeting may start before `started` arrives (the session speaks as it opens).
        if (!this.done) this.player.play(event.data);
        return;
      }
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        return;
      }
      this.onFrame(frame);
    };
    socket.onclose = () => this.finish(this.live ? "ended" : "failed", "connection");
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case "started":
        this.live = true;
        this.listener.started(frame.conversationId);
        this.listener.state("connected");
        return;
      case "clear":
        this.player.clear();
        this.cleared++;
        return;
      case "transcript":
        this.listener.transcript({ role: frame.role, text: frame.text });
        return;
      case "ended":
        // The agent's goodbye may still be playing: let it finish.
        this.finish("ended", undefined, true);
        return;
      case "error":
        // Before the call is open an error means it will not be; during a call it is one refused frame.
        if (!this.live) this.finish("failed", frame.code);
        return;
    }
  }

  private sendJson(frame: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private finish(state: "ended" | "failed", detail?: string, drain = false): void {
    if (this.done) return;
    this.done = true;
    this.live = false;
    this.listener.state(state, detail);
    this.release(drain);
  }

  /** Microphone off and socket closed now; the speaker after what is scheduled when `drain`. */
  private release(drain = false): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.capture?.port.close();
    this.capture?.disconnect();
    this.socket?.close();
    const close = () => {
      this.player.clear();
      void this.context.close().catch(() => undefined);
    };
    if (drain) setTimeout(close, this.player.remainingMs());
    else close();
  }
}
