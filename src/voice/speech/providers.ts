/**
 * The speech engines behind a voice session, as interfaces so a cloud provider can replace an
 * embedded one: a VAD that scores short windows, an ASR that streams (partial words while the caller
 * speaks, the final words when the turn ends) and knows what the dialogue expects, and a TTS.
 */

/** What the agent is waiting for next, so the recogniser can listen for it. */
export type Expectation =
  | "order_id"
  | "postal_code"
  | "phone"
  | "email"
  | "yes_no"
  | "person_name"
  | "number"
  | "ordinal"
  /** One of the choices offered (an item of the order: "the water bottle", "the second one"). */
  | "item"
  | "open";

export interface VadStream {
  /** Samples per window the model scores (512 at 16 kHz, 256 at 8 kHz: 32 ms). */
  readonly window: number;
  /** Speech probability of one window of 16-bit PCM. */
  score(window: Int16Array): Promise<number>;
  close(): void;
}

export interface VadProvider {
  readonly name: string;
  open(sampleRate: 8000 | 16000): Promise<VadStream>;
}

export interface Recognition {
  /** The words heard, lower case, as spoken ("double u six two three ..."). */
  words: string;
  /** Which search produced them: the expectation's grammar, or open vocabulary as a fallback. */
  search: "grammar" | "open";
  /** Other readings, best first (the first is `words`), when the recogniser has them. */
  alternatives?: string[];
}

export interface AsrStream {
  /** Starts an utterance listening for `expecting` (and anything else the agent understands). */
  begin(expecting: Expectation, choices?: readonly string[]): void;
  /** 16-bit PCM at the stream's rate, in order. */
  write(pcm: Int16Array): void;
  /** The best guess so far in this utterance ("" before any word). */
  partial(): string;
  /** The best guess once every sample written so far has been searched (the partial can lag). */
  settled(): Promise<string>;
  /**
   * Whether these words are a whole utterance of what the stream listens for that nothing can follow
   * ("okay thanks bye", all five digits of a postcode): the turn can end without a long silence.
   * Recognisers without a grammar leave it out.
   */
  finished?(words: string): boolean;
  /**
   * Ends the utterance: the final words ("" when nothing was recognised). When `wanting` says the best
   * reading will not do (an order number that does not exist), other readings come as `alternatives`.
   */
  end(wanting?: (words: string) => Promise<boolean>): Promise<Recognition>;
  /** Drops the utterance (it was noise or a backchannel). */
  cancel(): void;
  close(): void;
}

export interface AsrProvider {
  readonly name: string;
  /** Languages it recognises (BCP 47 primary tags). */
  readonly languages: readonly string[];
  open(sampleRate: 8000 | 16000): Promise<AsrStream>;
}

export interface Speech {
  /** 16-bit mono PCM. */
  pcm: Int16Array;
  sampleRate: number;
}

export interface TtsProvider {
  readonly name: string;
  /** Whether it has a voice for this language. */
  speaks(language: string): boolean;
  synthesize(text: string, language: string): Promise<Speech>;
  /** Loads what the first sentence would otherwise wait for. */
  warm?(): Promise<void>;
  /** Frees workers or connections. */
  close?(): Promise<void>;
}
