import type { ConversationService } from "../conversation/index.ts";
import type { Logger } from "../platform/index.ts";
import { type SipCall, SipEndpoint } from "./sip/index.ts";

/**
 * Phone calls as conversations: each call the SIP endpoint answers opens a voice conversation, and a
 * handoff on a call ends in a cold transfer (REFER) to the desk's number carrying the conversation id,
 * so the desk opens the escalation packet. Speech (ASR, TTS, turn-taking) is being built; today a
 * caller reaches a person by pressing 0.
 */
export class VoiceCalls {
  readonly endpoint: SipEndpoint;
  /** Conversation id per SIP Call-ID. */
  readonly conversations = new Map<string, string>();

  constructor(
    private readonly service: ConversationService,
    private readonly options: { host: string; port: number; transferTarget: string; logger: Logger },
  ) {
    this.endpoint = new SipEndpoint({ host: options.host, port: options.port });
    this.endpoint.on("call", (call) => {
      this.open(call).catch((error) => options.logger.error({ err: error }, "voice call failed to open"));
    });
    this.endpoint.on("dtmf", (call, digit) => {
      if (digit === "0")
        this.toPerson(call).catch((error) => options.logger.error({ err: error }, "voice transfer failed"));
    });
    this.endpoint.on("ended", (call) => this.conversations.delete(call.callId));
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
    const started = await this.service.start({ channel: "voice", locale: "en-US" });
    this.conversations.set(call.callId, started.id);
  }

  private async toPerson(call: SipCall): Promise<void> {
    const id = this.conversations.get(call.callId);
    if (!id) return;
    const result = await this.service.operator(id);
    if (!result.handoff) return;
    const status = await this.endpoint.transfer(call.callId, this.options.transferTarget, id);
    if (status >= 300) this.options.logger.warn({ conversationId: id, status }, "the transfer was refused");
  }
}
