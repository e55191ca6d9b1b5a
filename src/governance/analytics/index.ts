export { analyticsCsv } from "./csv.ts";
export {
  type AnalyticsGroup,
  type AnalyticsMetrics,
  type AnalyticsReport,
  BREAKDOWNS,
  type Breakdown,
  buildReport,
  type ContactCosts,
  computeMetrics,
  DEFAULT_CONTACT_COSTS,
  markRepeats,
  percentile,
  type VoiceLatency,
} from "./metrics.ts";
export {
  analyticsPeriod,
  MAX_PERIOD_DAYS,
  type Period,
  REPEAT_WINDOW_DAYS,
} from "./period.ts";
export { AnalyticsSource } from "./source.ts";
export {
  type ConversationFacts,
  type ConversationSummary,
  type LoggedEvent,
  ORDER_NUMBER_METHODS,
  summarize,
  VOICE_TURN_TIMING,
  type VoiceTurnTiming,
} from "./summary.ts";
