import { EventEmitter } from "node:events";
import type { ChannelReply, ConversationService, SendResult } from "../../conversation/index.ts";
import type { Logger, Metrics } from "../../platform/index.ts";
import type {
  AsrProvider,
  AsrStream,
  Expectation,
  Recognition,
  TtsProvider,
  VadProvider,
  VadStream,
} from "../speech/providers.ts";
import {
  CLAUSE_PAUSE_MS,
  type PromptCache,
  resample,
  SENTENCE_PAUSE_MS,
  spokenPieces,
  trimSilence,
} from "../speech/tts.ts";
import { onlyBackchannel, spokenToText } from "../speech/words.ts";
import { FILLERS, NOT_HEARD } from "./lines.ts";
import { PACER, Player } from "./player.ts";
import { chooseReading, ORDER_NUMBER, wantsAlternatives } from "./readings.ts";
import type { CallInfo, VoiceSessionInput, VoiceTransport } from "./transport.ts";
import { DIGIT_ANSWERS, endOfTurnSilenceMs, expectationOf, overAgent, QUICK_MS } from "./turn-taking.ts";

export interface VoiceEngines {
  vad: VadProvider;
  /** Null when no recogniser is installed: callers are served through the keypad. */
  asr: AsrProvider | null;
  tts: TtsProvider;
  cache: PromptCache;
}

/** One sentence in the agent's voice at a call's rate, through the prompt cache. */
export function renderLine(
  engines: VoiceEngines,
  line: string,
  language: string,
  rate: number,
): Promise<Int16Array> {
  const { tts, cache } = engines;
  const lang = tts.speaks(language) ? language : "en";
  return cache.get(`${tts.name}|${lang}|${rate}|${line}`, async () => {
    const speech = await tts.synthesize(line, lang);
    const pcm = resample(speech.pcm, speech.sampleRate, rate);
    return trimSilence(pcm, rate, line.endsWith(",") ? CLAUSE_PAUSE_MS : SENTENCE_PAUSE_MS);
  });
}

export interface VoiceSessionOptions {
  conversations: ConversationService;
  engines: VoiceEngines;
  logger: Logger;
  metrics?: Metrics;
  transferTarget: string;
  /** A holding line plays when the agent takes longer than this (ms). */
  fillerAfterMs?: number;
  /** Looks an order number up in the store ("W6231698"): whether it exists. */
  orderExists?: (orderNumber: string) => Promise<boolean>;
}

export interface VoiceSessionEvents {
  transcript: [{ role: "caller" | "agent"; text: string }];
  /** Caller speech while the agent talked: did the agent stop? */
  overlap: [{ yielded: boolean; words: string }];
  turn: [{ latencyMs: number; text: string }];
  ended: [string];
}

/** Speech probability above which a window is speech, and below which it is silence. */
const SPEECH = 0.5;
const SILENCE = 0.35;
/** Audio kept from before the VAD noticed speech, so the recogniser hears the first syllable. */
const PREROLL_MS = 300;
/**
 * While the agent talks: this much speech with a real word in it is an interruption... The agent's
 * sound is already held at the first window of speech, so deciding later costs the caller nothing
 * audible; it gives the recogniser's guesses at an "uh-huh" time to settle.
 */
const BARGE_IN_MS = 200;
/** ...and this much speech is one whatever it says (a backchannel is shorter). */
const BARGE_IN_ALWAYS_MS = 700;
/** Speech over the agent after which a steady backchannel lets it go on. */
const BACKCHANNEL_RESUME_MS = 200;
/** Silence after an unsteady word over the agent before it goes on (it paused at the sound). */
const TALK_ON_AFTER_MS = 300;
const DTMF_TIMEOUT_MS = 3000;

/**
 * One call's conversation by voice: the caller's audio goes through VAD and the recogniser; the end
 * of their turn is decided from silence and what the agent expects; the agent's replies are spoken
 * sentence by sentence through the TTS and its prompt cache; speech over the agent stops it unless it
 * is a backchannel; keypad digits answer where digits are expected. Every turn's timings are logged.
 */
export class VoiceSession extends EventEmitter<VoiceSessionEvents> implements VoiceSessionInput {
  readonly conversationId: string;
  private readonly player: Player;
  private vad: VadStream | null = null;
  private asr: AsrStream | null = null;
  private language = "en";
  private expecting: Expectation = "open";
  /** What the caller may name among the choices the agent offered (the items of the order). */
  private choices: readonly string[] = [];
  private closed = false;
  /** VAD windows are assembled from frames here. */
  private window: Int16Array;
  private windowFill = 0;
  private preroll: Int16Array[] = [];
  private inSpeech = false;
  private speechStartAt = 0;
  /** Where the sound over the agent that held it began (to time barge-in). */
  private soundStartAt = 0;
  private lastSpeechAt = 0;
  private silenceSince = 0;
  /** Utterances begun so far, and whether this silence's settled transcript has been asked for. */
  private utterances = 0;
  private settling = false;
  /** The utterance started over the agent's voice and has not been judged yet. */
  private overlapping = false;
  /** A holding line was spoken in this turn. */
  private holding = false;
  /** The agent went on after a wordless sound over it; the caller's utterance is still open. */
  private talkedOn = false;
  /** When the agent's sound was held for the speech over it (to time barge-in). */
  private pausedAt = 0;
  private lastPartial = "";
  /** What the last barge-in left unsaid, to say again if the "interruption" was only a backchannel. */
  private unsaid: string | null = null;
  /** Order numbers heard in partial transcripts, fetched before the caller finished speaking. */
  private readonly lookups = new Map<string, Promise<boolean>>();
  /** Order numbers in this utterance's partial transcripts, in the order they appeared. */
  private partialNumbers: string[] = [];
  private keyed = "";
  private dtmfTimer: NodeJS.Timeout | null = null;
  /** Turns are handled one at a time, in order. */
  private turns: Promise<unknown> = Promise.resolve();
  private pendingOutcome: { handoff: boolean; ended: boolean } = { handoff: false, ended: false };
  /** When the caller first heard something after their turn (a filler or the reply). */
  private firstAudioAt = 0;
  /** When the last frame of the caller's audio arrived. */
  private lastFrameAt = performance.now();
  /** Stands in for the caller's audio when none arrives (silence suppression, a stream that paused). */
  private readonly silenceClock = {
    tick: (now: number) => {
      if (now - this.lastFrameAt < 100 || this.closed) return;
      const silence = new Int16Array((this.transport.sampleRate / 1000) * this.frameMs);
      while (now - this.lastFrameAt >= this.frameMs) this.audio(silence, this.lastFrameAt + this.frameMs);
    },
  };

  constructor(
    private readonly transport: VoiceTransport,
    private readonly info: CallInfo,
    conversationId: string,
    private readonly options: VoiceSessionOptions,
  ) {
    super();
    this.conversationId = conversationId;
    this.player = new Player(transport, () => {
      if (this.firstAudioAt === 0) this.firstAudioAt = performance.now();
    });
    this.window = new Int16Array(transport.sampleRate === 16000 ? 512 : 256);
    PACER.add(this.silenceClock);
  }

  private get frameMs(): number {
    return 20;
  }

  /** Opens the engines and speaks the agent's greeting. */
  async begin(greeting: ChannelReply[], language: string): Promise<void> {
    this.language = language;
    const { vad, asr } = this.options.engines;
    this.vad = await vad.open(this.transport.sampleRate);
    // The greeting does not wait for a recogniser to load (0.3 s of CPU when the pool is empty).
    const greeted = this.speak(greeting);
    if (asr?.languages.includes(language) || asr?.languages.includes(language.slice(0, 2)))
      this.asr = await asr.open(this.transport.sampleRate);
    await greeted;
  }

  // ---- input -------------------------------------------------------------------------------------

  audio(frame: Int16Array, arrivedAt = performance.now()): void {
    if (this.closed) return;
    const now = arrivedAt;
    this.lastFrameAt = now;
    this.preroll.push(frame);
    if (this.preroll.length > PREROLL_MS / this.frameMs) this.preroll.shift();
    if (this.inSpeech) this.asr?.write(frame);
    let offset = 0;
    while (offset < frame.length) {
      const take = Math.min(frame.length - offset, this.window.length - this.windowFill);
      this.window.set(frame.subarray(offset, offset + take), this.windowFill);
      this.windowFill += take;
      offset += take;
      if (this.windowFill === this.window.length) {
        const window = this.window;
        this.window = new Int16Array(window.length);
        this.windowFill = 0;
        this.vad
          ?.score(window)
          .then((p) => this.onWindow(p, now))
          .catch((error) => this.options.logger.warn({ err: error }, "VAD failed on a window"));
      }
    }
  }

  private onWindow(probability: number, at: number): void {
    if (this.closed) return;
    if (!this.inSpeech) {
      if (probability < SPEECH) return;
      this.inSpeech = true;
      this.utterances++;
      this.settling = false;
      this.partialNumbers = [];
      this.speechStartAt = at;
      this.soundStartAt = at;
      this.lastSpeechAt = at;
      this.silenceSince = 0;
      this.talkedOn = false;
      this.overlapping = this.player.speaking;
      // Speech over the agent: it holds its breath at once, and goes on if this was only an "uh-huh".
      if (this.overlapping) {
        this.player.pause();
        this.pausedAt = performance.now();
      }
      this.lastPartial = "";
      this.asr?.begin(this.expecting, this.choices);
      for (const f of this.preroll) this.asr?.write(f);
      return;
    }
    if (probability >= SILENCE) {
      this.lastSpeechAt = at;
      this.silenceSince = 0;
      this.settling = false;
    } else if (this.silenceSince === 0) this.silenceSince = at;
    const partial = this.asr?.partial() ?? "";
    this.prefetch(partial);
    if (this.overlapping) {
      // The agent finished meanwhile: the rest is an ordinary turn (unless a sound it talked on over
      // is still waiting to be let go).
      if (!this.player.speaking && !this.talkedOn) this.overlapping = false;
      else {
        const spoken = this.lastSpeechAt - this.speechStartAt;
        // Speech again after a sound the agent talked on over ("hi," then "can you check..."): it
        // holds its sound again, and the utterance goes on with both.
        if (this.talkedOn && probability >= SPEECH) {
          this.talkedOn = false;
          this.soundStartAt = at;
          this.player.pause();
          this.pausedAt = performance.now();
        }
        const words = partial.trim();
        const heard = overAgent(words);
        const backchannel = heard === "backchannel";
        const real = heard === "words";
        // Partial hypotheses flicker ("uh-huh" → "i have" → "mhm"): a word counts once it holds.
        const held = words !== "" && words === this.lastPartial;
        const steady = real && held;
        this.lastPartial = words;
        // An "uh-huh" that holds: the agent goes on without waiting for the caller to finish it. Not
        // before 200 ms of speech: a real interruption's first partials can flicker through "okay".
        if (held && backchannel && spoken >= BACKCHANNEL_RESUME_MS) this.player.resume();
        // Judged on speech only: in the silence after a short sound the guesses drift.
        const speaking = probability >= SILENCE;
        if (speaking && ((spoken >= BARGE_IN_MS && steady) || spoken >= BARGE_IN_ALWAYS_MS)) {
          this.bargeIn(words);
          return;
        }
        // A short sound over the agent with no real word (a backchannel, noise, a "hi,"): it talks on
        // as soon as the sound ends (a word that did not hold waits). The utterance is let go only
        // after a comma's pause: "hi, can you check my order" is one utterance, not a lost "hi".
        if (this.silenceSince === 0) return;
        const quiet = at - this.lastSpeechAt;
        if (!real && this.player.isPaused) {
          this.player.resume();
          this.talkedOn = true;
        }
        if (quiet > TALK_ON_AFTER_MS) {
          this.talkedOn = false;
          this.inSpeech = false;
          this.overlapping = false;
          this.player.resume();
          this.asr?.cancel();
          this.options.metrics?.voiceOverlaps.inc({ outcome: "talked_through" });
          this.emit("overlap", { yielded: false, words });
        }
        return;
      }
    }
    if (this.silenceSince === 0) return;
    // Silence counts from the end of the last window with speech in it (Silero itself trails the
    // speech by 40–90 ms, so the caller has been quiet a little longer than this).
    const silent = at - this.lastSpeechAt;
    const wait = endOfTurnSilenceMs(partial, this.expecting, this.asr?.finished?.(partial));
    if (silent >= wait) this.endTurn(at);
    else if (silent >= QUICK_MS && !this.settling && this.asr) {
      // The partial says "not finished" (four digits of a postcode), but it lags the audio: once the
      // recogniser has caught up, a complete answer ends the turn without the patient wait.
      this.settling = true;
      const utterance = this.utterances;
      const since = this.silenceSince;
      this.asr
        .settled()
        .then((words) => {
          const still = this.inSpeech && this.utterances === utterance && this.silenceSince === since;
          const quick = endOfTurnSilenceMs(words, this.expecting, this.asr?.finished?.(words)) <= QUICK_MS;
          if (still && quick) this.endTurn(performance.now());
        })
        .catch(() => {});
    }
  }

  private endTurn(at: number): void {
    this.inSpeech = false;
    // The end of the last window with speech (its last frame's arrival).
    const speechEnd = this.lastSpeechAt;
    const speechStart = this.speechStartAt;
    // The utterance ends now, in the recogniser's order; the turn that reads it may wait for the
    // previous one (its answer still being spoken), while the caller's next words start afresh.
    const seen = this.partialNumbers;
    this.partialNumbers = [];
    const exists = (n: string) => this.lookup(n);
    this.firstAudioAt = 0;
    this.holding = false;
    const recognition =
      this.asr?.end(async (words) => {
        const search = this.options.orderExists ? await wantsAlternatives(words, seen, exists) : false;
        // The lattice search takes a few hundred milliseconds: the caller hears the agent check.
        if (search) this.hold();
        return search;
      }) ?? null;
    this.queueTurn(() => this.recognised(recognition, seen, speechStart, speechEnd, at));
  }

  /** Speculative lookup: an order number in a partial transcript is fetched while the caller talks. */
  private lookup(orderNumber: string): Promise<boolean> {
    let found = this.lookups.get(orderNumber);
    if (!found) {
      found = this.options.orderExists?.(orderNumber).catch(() => false) ?? Promise.resolve(false);
      this.lookups.set(orderNumber, found);
    }
    return found;
  }

  private prefetch(partial: string): void {
    if (!this.options.orderExists || partial === "") return;
    const number = ORDER_NUMBER.exec(spokenToText(partial))?.[0];
    if (!number) return;
    void this.lookup(number);
    if (!this.partialNumbers.includes(number)) this.partialNumbers.push(number);
  }

  private bargeIn(words: string, bySpeech = true): void {
    this.overlapping = false;
    this.talkedOn = false;
    const { heard, unheard } = this.player.stop();
    this.transport.clear();
    this.options.metrics?.voiceOverlaps.inc({ outcome: "yielded" });
    this.emit("overlap", { yielded: true, words });
    this.unsaid = unheard || null;
    let timing: { pausedAfterMs?: number; decidedAfterMs?: number } = {};
    if (bySpeech) {
      const pausedAfterMs = Math.round(this.pausedAt - this.soundStartAt);
      timing = { pausedAfterMs, decidedAfterMs: Math.round(performance.now() - this.soundStartAt) };
      const stage = { stage: "barge_in_pause", transport: this.transport.kind };
      this.options.metrics?.voiceTurn.observe(stage, pausedAfterMs / 1000);
    }
    if (unheard !== "") this.record([{ type: "voice_interrupted", heard, unheard, ...timing }]);
  }

  dtmf(digit: string): void {
    if (this.closed || !/^[0-9*#A-D]$/.test(digit)) return;
    // A key press over the agent's voice is an interruption like speech.
    if (this.player.speaking) this.bargeIn(digit, false);
    const wanted = DIGIT_ANSWERS[this.expecting];
    // 0 alone, where no digits are expected, asks for a person; digits are an answer anywhere else.
    if (wanted === undefined && digit === "0" && this.keyed === "") {
      this.queueTurn(() => this.operator());
      return;
    }
    if (this.dtmfTimer) clearTimeout(this.dtmfTimer);
    if (digit === "#") {
      this.sendDigits();
      return;
    }
    if (/\d/.test(digit)) this.keyed += digit;
    if (wanted !== undefined && this.keyed.length >= wanted) {
      this.sendDigits();
      return;
    }
    this.dtmfTimer = setTimeout(() => this.sendDigits(), DTMF_TIMEOUT_MS);
    this.dtmfTimer.unref();
  }

  private sendDigits(): void {
    if (this.dtmfTimer) clearTimeout(this.dtmfTimer);
    this.dtmfTimer = null;
    const digits = this.keyed;
    this.keyed = "";
    if (digits === "") return;
    this.firstAudioAt = 0;
    this.holding = false;
    const at = performance.now();
    this.queueTurn(() =>
      this.answer(digits, { speechEnd: at, endpointAt: at, asrDoneAt: at, search: "dtmf" }),
    );
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.dtmfTimer) clearTimeout(this.dtmfTimer);
    this.player.close();
    PACER.delete(this.silenceClock);
    this.asr?.close();
    this.vad?.close();
    this.record([{ type: "voice_call_ended", reason }]);
    this.emit("ended", reason);
  }

  // ---- turns -------------------------------------------------------------------------------------

  private queueTurn(step: () => Promise<void>): void {
    this.turns = this.turns.then(step).catch((error) => {
      this.options.logger.error({ err: error, conversationId: this.conversationId }, "a voice turn failed");
    });
  }

  private async recognised(
    recognition: Promise<Recognition> | null,
    seen: string[],
    speechStart: number,
    speechEnd: number,
    endpointAt: number,
  ): Promise<void> {
    if (!recognition || this.closed) return;
    const result = await recognition;
    const readings = result.alternatives?.length ? result.alternatives : [result.words];
    const text = this.options.orderExists
      ? await chooseReading(readings, seen, (n) => this.lookup(n))
      : spokenToText(result.words);
    const asrDoneAt = performance.now();
    const unsaid = this.unsaid;
    this.unsaid = null;
    if (unsaid && overAgent(result.words) !== "words") {
      // It stopped the agent but was only an "okay": the agent picks up where it was cut off.
      await this.speak([{ role: "agent", text: "", voice: unsaid }]);
      return;
    }
    if (text === "" || onlyBackchannel(result.words, ["um", "uh", "hmm"])) {
      // A cough or a click: nothing to answer. Longer speech not understood: ask again.
      if (speechEnd - speechStart < 400 || this.player.speaking) return;
      await this.speak([
        { role: "agent", text: "", voice: NOT_HEARD[this.language] ?? (NOT_HEARD.en as string) },
      ]);
      return;
    }
    await this.answer(text, { speechEnd, endpointAt, asrDoneAt, search: result.search });
  }

  /** A holding line ("One moment, let me check that."), once a turn, while the answer is worked out. */
  private hold(): void {
    if (this.holding || this.closed) return;
    this.holding = true;
    const line = FILLERS[this.language] ?? (FILLERS.en as string);
    this.speak([{ role: "agent", text: "", voice: line }]).catch(() => {});
  }

  private async answer(
    text: string,
    t: { speechEnd: number; endpointAt: number; asrDoneAt: number; search: string },
  ): Promise<void> {
    if (this.closed) return;
    this.emit("transcript", { role: "caller", text });
    // The holding line comes ~700 ms after the caller stopped, whichever step is slow.
    const after = (this.options.fillerAfterMs ?? 700) - (performance.now() - t.speechEnd);
    const fillerTimer = setTimeout(() => this.hold(), Math.max(0, after));
    let result: SendResult;
    try {
      result = await this.options.conversations.send(this.conversationId, text);
    } finally {
      clearTimeout(fillerTimer);
    }
    const agentDoneAt = performance.now();
    this.expecting = expectationOf(result.expecting);
    this.choices = result.choices ?? [];
    let replyStarted: (at: number) => void = () => {};
    const replyStart = new Promise<number | null>((resolve) => {
      replyStarted = resolve;
    });
    const firstAudio = await this.speak(result.messages, () => replyStarted(performance.now()));
    const filler = this.holding;
    // Timed once the reply's own first words go out (after a holding line, if one is playing).
    const answerAt = await Promise.race([replyStart, this.player.idle().then(() => null)]);
    const timing = {
      latencyMs: Math.round((this.firstAudioAt || firstAudio.playedAt) - t.speechEnd),
      ...(answerAt !== null ? { answerMs: Math.round(answerAt - t.speechEnd) } : {}),
      endpointMs: Math.round(t.endpointAt - t.speechEnd),
      asrMs: Math.round(t.asrDoneAt - t.endpointAt),
      agentMs: Math.round(agentDoneAt - t.asrDoneAt),
      ttsFirstByteMs: Math.round(firstAudio.renderedAt - agentDoneAt),
    };
    const kind = this.transport.kind;
    const m = this.options.metrics?.voiceTurn;
    m?.observe({ stage: "voice_to_voice", transport: kind }, timing.latencyMs / 1000);
    if (timing.answerMs !== undefined)
      m?.observe({ stage: "answer", transport: kind }, timing.answerMs / 1000);
    m?.observe({ stage: "endpoint", transport: kind }, timing.endpointMs / 1000);
    m?.observe({ stage: "asr", transport: kind }, timing.asrMs / 1000);
    m?.observe({ stage: "agent", transport: kind }, timing.agentMs / 1000);
    m?.observe({ stage: "tts_first_byte", transport: kind }, timing.ttsFirstByteMs / 1000);
    this.record([{ type: "voice_turn_timing", ...timing, search: t.search, filler }]);
    this.emit("turn", { latencyMs: timing.latencyMs, text });
    this.pendingOutcome = { handoff: Boolean(result.handoff), ended: result.ended };
    if (result.handoff || result.ended) this.afterSpeaking().catch(() => {});
  }

  private async operator(): Promise<void> {
    const result = await this.options.conversations.operator(this.conversationId);
    await this.speak(result.messages);
    this.pendingOutcome = { handoff: Boolean(result.handoff), ended: result.ended };
    await this.afterSpeaking();
  }

  /** Once the last words are heard: transfer to a person, or hang up. */
  private async afterSpeaking(): Promise<void> {
    await this.player.idle();
    if (this.closed) return;
    if (this.pendingOutcome.handoff && this.transport.transfer) {
      const ok = await this.transport
        .transfer(this.options.transferTarget, this.conversationId)
        .catch(() => false);
      if (!ok) this.options.logger.warn({ conversationId: this.conversationId }, "the transfer was refused");
    } else if (this.pendingOutcome.ended) this.transport.hangup();
  }

  /**
   * Speaks replies sentence by sentence: the first is rendered and playing while the rest render.
   * Resolves when the first sentence's audio is rendered and its first frame has been sent.
   */
  private async speak(
    replies: ChannelReply[],
    onFirstFrame?: () => void,
  ): Promise<{ renderedAt: number; playedAt: number }> {
    const lines = replies.flatMap((r) => spokenPieces(r.voice));
    // The first piece renders alone (it is what the caller waits for); the rest follow together.
    const head = this.render(lines[0] ?? "");
    const rest = head.then(() => lines.slice(1).map((line) => this.render(line)));
    const renders = [head, ...lines.slice(1).map((_, i) => rest.then((r) => r[i]))];
    let first: { renderedAt: number; playedAt: number } | null = null;
    // A lead clause ("Thanks,") is shown with the rest of its sentence.
    let clause = "";
    for (const [i, line] of lines.entries()) {
      const frames = await renders[i];
      if (!frames || this.closed) continue;
      this.holdForCaller();
      const renderedAt = performance.now();
      this.player.enqueue(line, frames, first ? undefined : onFirstFrame);
      if (!first) first = { renderedAt, playedAt: performance.now() };
      if (line.endsWith(",")) clause = `${line} `;
      else {
        this.emit("transcript", { role: "agent", text: clause + line });
        clause = "";
      }
    }
    const now = performance.now();
    return first ?? { renderedAt: now, playedAt: now };
  }

  /**
   * The caller is already speaking as the agent's next sentence comes (they began in the pause
   * between two sentences, or went on after their turn ended): the sentence is held before a frame
   * goes out, and their words are judged as speech over the agent (an "uh-huh" lets it go on).
   */
  private holdForCaller(): void {
    if (!this.inSpeech || this.overlapping || this.closed) return;
    this.overlapping = true;
    this.talkedOn = false;
    this.lastPartial = "";
    this.soundStartAt = performance.now();
    this.player.pause();
    this.pausedAt = this.soundStartAt;
  }

  private async render(line: string): Promise<Int16Array[] | null> {
    const rate = this.transport.sampleRate;
    try {
      const pcm = await renderLine(this.options.engines, line, this.language, rate);
      const size = (rate / 1000) * this.frameMs;
      const frames: Int16Array[] = [];
      for (let i = 0; i < pcm.length; i += size) {
        const frame = new Int16Array(size);
        frame.set(pcm.subarray(i, Math.min(i + size, pcm.length)));
        frames.push(frame);
      }
      return frames;
    } catch (error) {
      this.options.logger.error({ err: error }, "speech synthesis failed");
      return null;
    }
  }

  private record(events: Parameters<ConversationService["recordVoice"]>[1]): void {
    this.options.conversations.recordVoice(this.conversationId, events).catch((error) => {
      this.options.logger.warn(
        { err: error, conversationId: this.conversationId },
        "voice event not recorded",
      );
    });
  }

  get caller(): CallInfo {
    return this.info;
  }
}
