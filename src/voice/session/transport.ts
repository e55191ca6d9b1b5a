/**
 * What every way of carrying a call (SIP/RTP, Twilio-style media streams, the browser's WebSocket)
 * gives the voice session. The session speaks 16-bit PCM in 20 ms frames at the transport's rate and
 * paces its own playback in real time, so what was heard is known when a caller interrupts.
 */
export interface VoiceTransport {
  readonly kind: "sip" | "media-stream" | "browser" | "simulated";
  /** Audio in both directions: 8000 for telephony (G.711), 16000 for the browser. */
  readonly sampleRate: 8000 | 16000;
  /** One 20 ms frame of the agent's voice (160 samples at 8 kHz, 320 at 16 kHz), sent now. */
  play(frame: Int16Array): void;
  /** The caller interrupted: drop whatever the far end still buffers (media streams send `clear`). */
  clear(): void;
  /** Ends the call from our side (SIP BYE, closing the socket). */
  hangup(): void;
  /** Hands the call to a person: a SIP REFER, or a redirect on media streams. False when refused. */
  transfer?(target: string, conversationId: string): Promise<boolean>;
}

/** Who is calling and how, as the transport learned it. */
export interface CallInfo {
  /** The caller's number or address when known (From, Twilio's `From` parameter). */
  caller?: string;
  /** What the caller dialled (the SIP request URI's user part, the called number). */
  called?: string;
  /** BCP 47 locale of the line, when the number serves one market. */
  locale?: string;
  /** The transport's own call id (SIP Call-ID, Twilio CallSid), for the log. */
  callId?: string;
}

/** What a transport feeds into an open session. */
export interface VoiceSessionInput {
  /** 20 ms of the caller's audio at the transport's rate, in arrival order. */
  audio(frame: Int16Array): void;
  /** A key pressed on the caller's keypad (RFC 4733, Twilio `dtmf`, the page's keypad). */
  dtmf(digit: string): void;
  /** The call ended on the far side or the transport failed. */
  close(reason: string): void;
}
