import { EventEmitter } from "node:events";
import type { ConversationService } from "../../conversation/index.ts";
import type { Logger, Metrics } from "../../platform/index.ts";
import { PROMPT_PARAMETER, spokenPieces } from "../speech/tts.ts";
import { FILLERS, NOT_HEARD } from "./lines.ts";
import { renderLine, type VoiceEngines, VoiceSession } from "./session.ts";
import type { CallInfo, VoiceTransport } from "./transport.ts";

export { PROMPT_PARAMETER } from "../speech/tts.ts";
export type { VoiceEngines } from "./session.ts";
export { VoiceSession } from "./session.ts";
export type { CallInfo, VoiceSessionInput, VoiceTransport } from "./transport.ts";
export { endOfTurnSilenceMs, expectationOf } from "./turn-taking.ts";

export interface VoiceSessionsEvents {
  opened: [VoiceSession];
}

/**
 * Opens a voice session for each call any transport carries: a voice conversation in the
 * conversation log, the greeting spoken, and from then on the caller's audio and keys fed in.
 */
export class VoiceSessions extends EventEmitter<VoiceSessionsEvents> {
  readonly active = new Map<string, VoiceSession>();

  constructor(
    private readonly options: {
      conversations: ConversationService;
      engines: VoiceEngines;
      logger: Logger;
      metrics?: Metrics;
      transferTarget: string;
      orderExists?: (orderNumber: string) => Promise<boolean>;
      /**
       * The agent's English messages, rendered ahead by `warm`; where a message takes parameters,
       * PROMPT_PARAMETER stands in their place and only its pieces without one are rendered.
       */
      prompts?: () => string[];
    },
  ) {
    super();
  }

  /**
   * Loads the engines before the first call: two recognisers (0.3 s each) and the TTS workers; then
   * renders the prompts, and says which pieces it rendered.
   * `switchboard start` does it; tests that only chat never pay for it.
   */
  async warm(options: { prompts?: boolean } = {}): Promise<string[]> {
    const { asr, tts } = this.options.engines;
    await Promise.all([
      asr && "warm" in asr ? (asr as { warm(n: number): Promise<void> }).warm(2) : null,
      tts.warm?.(),
    ]);
    // The agent's fixed sentences, in the phone's voice: most replies then start without waiting for
    // synthesis. A few at a time, so the workers stay free for a call that comes in meanwhile.
    if (options.prompts === false) return [];
    const prompts = [...(this.options.prompts?.() ?? []), FILLERS.en as string, NOT_HEARD.en as string];
    const lines = [...new Set(prompts.flatMap((p) => spokenPieces(p)))].filter(
      (line) => !line.includes(PROMPT_PARAMETER),
    );
    for (let i = 0; i < lines.length; i += 4)
      await Promise.all(
        lines.slice(i, i + 4).map((line) => renderLine(this.options.engines, line, "en", 8000)),
      );
    return lines;
  }

  /** Whether callers can be heard (a recogniser is installed); without one, calls use the keypad. */
  ready(): boolean {
    return this.options.engines.asr !== null;
  }

  async open(transport: VoiceTransport, info: CallInfo): Promise<VoiceSession> {
    const started = await this.options.conversations.start({
      channel: "voice",
      locale: info.locale ?? "en-US",
    });
    const session = new VoiceSession(transport, info, started.id, {
      conversations: this.options.conversations,
      engines: this.options.engines,
      logger: this.options.logger,
      ...(this.options.metrics ? { metrics: this.options.metrics } : {}),
      transferTarget: this.options.transferTarget,
      ...(this.options.orderExists ? { orderExists: this.options.orderExists } : {}),
    });
    this.active.set(started.id, session);
    session.once("ended", () => this.active.delete(started.id));
    await this.options.conversations.recordVoice(started.id, [
      {
        type: "voice_call",
        transport: transport.kind,
        ...(info.caller ? { caller: info.caller } : {}),
      },
    ]);
    this.emit("opened", session);
    const language = (info.locale ?? "en-US").slice(0, 2).toLowerCase();
    await session.begin(started.messages, language);
    return session;
  }

  close(): void {
    for (const session of this.active.values()) session.close("shutdown");
  }
}
