/**
 * Per-turn sentiment of customer messages in en, de, fr, es, it and nl (lexicon-based, offline,
 * deterministic), and its trend over a conversation for escalation to a person.
 */
export { scoreSentiment } from "./score.ts";
export { type SentimentTrend, sentimentTrend } from "./trend.ts";
