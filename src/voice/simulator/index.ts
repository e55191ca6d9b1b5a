export {
  type BackchannelResult,
  type CallOptions,
  type CallResult,
  type CallTimings,
  DEFAULT_TIMINGS,
  type InterruptionResult,
  runCall,
  type TurnResult,
} from "./call.ts";
export { AgentListener, DEFAULT_LISTENER, type ListenerSettings, type Segment } from "./listener.ts";
export { attachLogs, ConversationLogReader, judge, type LogEvent } from "./log.ts";
export { mix, type NoiseColour, NoiseSource, noiseRmsFor, seededRandom, speechRms } from "./noise.ts";
export { haveTaskset, type PlatformChild, startPlatformChild } from "./platform.ts";
export { type ManyCallsOptions, runCalls } from "./run.ts";
export {
  type Backchannel,
  type CallExpectation,
  type CallerTurn,
  type CallScript,
  ORDERS,
  SCRIPT_NAMES,
  SCRIPTS,
  spelled,
} from "./scripts.ts";
export { CALLER_VOICE, CallerSpeech, type CallerVoice, DEFAULT_SPEECH_CACHE } from "./speech.ts";
export { type CallFigures, figureLines, figures, ms, pct, percentile } from "./summary.ts";
