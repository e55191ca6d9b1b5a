/**
 * How a customer's sentiment moves over a conversation, and whether it calls for a person. The flag hands
 * the conversation to a human, so it must not fire on one mildly annoyed message.
 */

export interface SentimentTrend {
  /** Mean score over the turns. */
  average: number;
  /** The latest turn's score. */
  last: number;
  /** Least-squares slope of score against turn number: below 0 means the customer is getting worse. */
  slope: number;
  /** Hand over to a person. */
  escalate: boolean;
}

// One message at or below -0.6 needs an anger word ("unacceptable", "scam", "furious", "third time"),
// shouting or "!!": "disappointed" (-0.42), "late" (-0.36), "a bit annoyed" (-0.36) stay above it, and
// so does any number of calmly described problems (score.ts caps them at about -0.59).
const STRONGLY_NEGATIVE = -0.6;
// Two turns in a row at or below -0.35 is a customer who has stayed unhappy, not one passing remark...
const NEGATIVE = -0.35;
// ...and it escalates only while the trend is still downwards: a customer calming down is left with the agent.
const WORSENING = 0;

export function sentimentTrend(scores: number[]): SentimentTrend {
  // Scores come from scoreSentiment, but a stray NaN must not poison the decision.
  const s = scores.filter((x) => Number.isFinite(x)).map((x) => Math.min(1, Math.max(-1, x)));
  const n = s.length;
  if (n === 0) return { average: 0, last: 0, slope: 0, escalate: false };

  const average = s.reduce((a, b) => a + b, 0) / n;
  const last = s[n - 1] as number;
  const previous = n >= 2 ? (s[n - 2] as number) : undefined;

  // slope = sum((i - meanI) * (s_i - meanS)) / sum((i - meanI)^2), over turn numbers 0..n-1.
  const meanI = (n - 1) / 2;
  let num = 0;
  let den = 0;
  s.forEach((y, i) => {
    num += (i - meanI) * (y - average);
    den += (i - meanI) ** 2;
  });
  const slope = den === 0 ? 0 : num / den;

  const strong = last <= STRONGLY_NEGATIVE;
  const worsening = previous !== undefined && last <= NEGATIVE && previous <= NEGATIVE && slope < WORSENING;
  return { average, last, slope, escalate: strong || worsening };
}
