export type { BrowserCallStats, BrowserSession, BrowserSessions, TranscriptLine } from "./call.ts";
export { ClientFrame, MAX_AUDIO_BYTES, MAX_TEXT_BYTES, type ServerFrame } from "./protocol.ts";
export { type BrowserVoiceOptions, browserVoice } from "./route.ts";
export { BrowserTransport } from "./transport.ts";
