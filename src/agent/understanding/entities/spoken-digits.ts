import type { SpokenDigits } from "../../../compliance/redaction/index.ts";
import { analyse } from "./analysis.ts";
import { digitRuns } from "./digits.ts";

/**
 * Digit strings said as words, in any of the six languages and mixed with typed digits ("four two 4242",
 * "vier zwei vier zwei", "double four"), for redaction: compliance cannot read number words itself, so the
 * agent hands it this finder. Only runs that were at least partly spoken are returned; typed digits alone
 * are compliance's to find.
 */
export function findSpokenDigits(text: string): SpokenDigits[] {
  if (typeof text !== "string" || text.trim() === "") return [];
  // Digit words are read in all languages whatever the message's, so the language here changes nothing;
  // nor does the date, which digit strings never use.
  const analysis = analyse(text, { language: "en", today: "1970-01-01" });
  const out: SpokenDigits[] = [];
  for (const run of digitRuns(analysis)) {
    if (run.spoken) out.push({ start: run.start, end: run.end, digits: run.digits });
  }
  return out;
}
