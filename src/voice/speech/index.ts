import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PocketsphinxAsr } from "./pocketsphinx.ts";
import type { AsrProvider, TtsProvider } from "./providers.ts";
import { SileroVad } from "./silero.ts";
import { FestivalTts, PromptCache, Text2wavTts } from "./tts.ts";

export { BACKCHANNELS, buildGrammar } from "./grammar.ts";
export { foldTo16k, PocketsphinxAsr } from "./pocketsphinx.ts";
export type * from "./providers.ts";
export { SileroVad } from "./silero.ts";
export { FestivalTts, PromptCache, resample, sentences, Text2wavTts } from "./tts.ts";
export { onlyBackchannel, spokenToText } from "./words.ts";

/** The agent's English training utterances: the recogniser's request phrasings. */
export function englishPhrases(utterancesDir: string): string[] {
  const file = join(utterancesDir, "en.yaml");
  if (!existsSync(file)) return [];
  const parsed = parse(readFileSync(file, "utf8")) as { intents?: Record<string, string[]> };
  return Object.values(parsed.intents ?? {})
    .flat()
    .filter((p): p is string => typeof p === "string");
}

/** The embedded engines: Silero VAD, pocketsphinx when installed, espeak-ng (text2wav) or festival. */
export function embeddedEngines(options: {
  utterancesDir: string;
  tts: "text2wav" | "festival";
  /** Add the agent's English training utterances to the grammars (more coverage, ~8x the CPU). */
  phrases?: boolean;
}) {
  const asr = new PocketsphinxAsr({ phrases: options.phrases ? englishPhrases(options.utterancesDir) : [] });
  const tts: TtsProvider = options.tts === "festival" ? new FestivalTts() : new Text2wavTts();
  return {
    vad: new SileroVad(),
    asr: (asr.available() ? asr : null) as AsrProvider | null,
    pocketsphinx: asr,
    tts,
    cache: new PromptCache(),
  };
}
