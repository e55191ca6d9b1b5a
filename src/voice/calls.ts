import type { Logger } from "../platform/index.ts";
import type { VoiceSession, VoiceSessions, VoiceTransport } from "./session/index.ts";
import { type SipCall, SipEndpoint } from "./sip/index.ts";

/**
 * Phone calls over SIP: each call the endpoint answers becomes a voice session (a voice conversation
 * with the agent, heard through the recogniser and spoken through the TTS). A handoff ends in a cold
 * transfer (REFER) to the desk's number carrying the conversation id, so the desk opens the packet.
 */
export class VoiceCalls {
  readonly endpoint: SipEndpoint;
  /** Conversation id per SIP Call-ID. */
  readonly conversations = new Map<string, string>();
  private readonly sessions = new Map<string, VoiceSession>();
  /** Audio and keys that arrive while a session is still opening. */
  private readonly early = new Map<string, Array<(s: VoiceSession) => void>>();

  constructor(
    private readonly voice: VoiceSessions,
    private readonly options: { host: string; port: number; logger: Logger },
  ) {
    this.endpoint = new SipEndpoint({ host: options.host, port: options.port });
    this.endpoint.on("call", (call) => {
      this.open(call).catch((error) => options.logger.error({ err: error }, "voice call failed to open"));
    });
    this.endpoint.on("audio", (call, pcm) => this.feed(call, (s) => s.audio(pcm)));
    this.endpoint.on("dtmf", (call, digit) => this.feed(call, (s) => s.dtmf(digit)));
    this.endpoint.on("ended", (call, why) => {
      this.feed(call, (s) => s.close(why === "closed" ? "hung_up_by_agent" : `caller_${why}`));
      this.sessions.delete(call.callId);
      this.conversations.delete(call.callId);
      this.early.delete(call.callId);
    });
  }

  private feed(call: SipCall, step: (s: VoiceSession) => void): void {
    const session = this.sessions.get(call.callId);
    if (session) step(session);
    else this.early.get(call.callId)?.push(step);
  }

  async start(): Promise<{ address: string; port: number }> {
    try {
      return await this.endpoint.start();
    } catch (error) {
      // Chat, the desk and the rest still run; calls are off until the port is free or changed.
      this.options.logger.error(
        { err: error, port: this.options.port },
        "the SIP port is not available: calls are off (set SWITCHBOARD_SIP_PORT)",
      );
      throw error;
    }
  }

  stop(): Promise<void> {
    return this.endpoint.stop();
  }

  private async open(call: SipCall): Promise<void> {
    this.early.set(call.callId, []);
    const endpoint = this.endpoint;
    const transport: VoiceTransport = {
      kind: "sip",
      sampleRate: 8000,
      play: (frame) => endpoint.sendAudio(call.callId, frame),
      // RTP has nothing buffered at the far end beyond its jitter buffer: stopping is enough.
      clear: () => call.sender?.talkSpurt(),
      hangup: () => {
        endpoint.hangup(call.callId).catch(() => {});
      },
      transfer: async (target, conversationId) =>
        (await endpoint.transfer(call.callId, target, conversationId)) < 300,
    };
    const session = await this.voice.open(transport, {
      callId: call.callId,
      called: call.user,
      caller: /<?sips?:([^@>;]+)@/.exec(call.from)?.[1] ?? call.from,
    });
    this.conversations.set(call.callId, session.conversationId);
    this.sessions.set(call.callId, session);
    for (const step of this.early.get(call.callId) ?? []) step(session);
    this.early.delete(call.callId);
  }
}
