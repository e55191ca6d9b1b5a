/**
 * What the recogniser heard, written the way a customer would type it, so the agent's understanding
 * reads a call like a chat: "double u six two three one six nine eight" → "W6231698", "eight five oh
 * four nine" → "85049", "jane dot doe at example dot com" → "jane.doe@example.com".
 */
const DIGITS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};

/** A run of spoken digits at least this long is a number, not "one" or "two" in a sentence. */
const MIN_RUN = 3;

function joinDigits(words: string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= MIN_RUN) out.push(run.map((w) => DIGITS[w]).join(""));
    else out.push(...run);
    run = [];
  };
  for (const w of words) {
    if (w in DIGITS) run.push(w);
    else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}

const JOINERS: Record<string, string> = { dot: ".", underscore: "_", dash: "-" };
const TLDS = new Set(["com", "net", "org", "de", "fr", "es", "it", "nl", "uk"]);
/** Words that end an email's spelling when reading backwards from "at" ("my email is ..."). */
const BEFORE_EMAIL = new Set(["is", "it's", "email", "address", "my", "the", "its", "yes", "it"]);

/** "j a n e dot doe at example dot com" → "jane.doe@example.com": letters and joiners close up. */
function joinEmail(spoken: string[]): string[] {
  // Domains the dictionary cannot say as a word are spelled: "dot f r" is ".fr".
  const tokens: string[] = [];
  for (let i = 0; i < spoken.length; i++) {
    const pair = `${spoken[i]}${spoken[i + 1]}`;
    if (spoken[i - 1] === "dot" && pair.length === 2 && TLDS.has(pair)) {
      tokens.push(pair);
      i++;
    } else tokens.push(spoken[i] as string);
  }
  const at = tokens.indexOf("at");
  if (at <= 0) return tokens;
  let end = at + 1;
  const domain: string[] = [];
  while (end < tokens.length) {
    const t = tokens[end] as string;
    domain.push(JOINERS[t] ?? t);
    end++;
    if (t !== "dot" && tokens[end - 2] === "dot" && TLDS.has(t)) break;
  }
  if (domain.length < 3 || !TLDS.has(domain.at(-1) as string)) return tokens;
  let start = at;
  while (start > 0 && !BEFORE_EMAIL.has(tokens[start - 1] as string)) start--;
  if (start === at) return tokens;
  const local = tokens.slice(start, at).map((t) => JOINERS[t] ?? t);
  return [...tokens.slice(0, start), `${local.join("")}@${domain.join("")}`, ...tokens.slice(end)];
}

const ONES =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(
    " ",
  );
const TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(" ");

/** 0–99 as said ("size 12" is "size twelve", not "one two"). */
export function numberWords(n: number): string {
  if (n < 20) return ONES[n] as string;
  const tens = TENS[Math.floor(n / 10)] as string;
  return n % 10 === 0 ? tens : `${tens} ${ONES[n % 10]}`;
}

/** "size twelve" → "size 12": a size is said as a number and matched against the catalogue's values. */
function joinSizes(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i] as string);
    if (tokens[i] !== "size") continue;
    const tens = TENS.indexOf(tokens[i + 1] as string);
    const ones = ONES.indexOf(tokens[i + (tens > 1 ? 2 : 1)] as string);
    if (tens > 1) {
      const unit = ones > 0 && ones < 10 ? ones : 0;
      out.push(String(tens * 10 + unit));
      i += unit > 0 ? 2 : 1;
    } else if (ones >= 0) {
      out.push(String(ones));
      i += 1;
    }
  }
  return out;
}

export function spokenToText(words: string): string {
  const tokens = words
    .toLowerCase()
    .replace(/\(\d+\)/g, "")
    .replace(/\bdouble u\b/g, "w")
    .split(/\s+/)
    .filter(Boolean);
  const joined = joinEmail(joinDigits(joinSizes(tokens))).join(" ");
  // An order number: the letter W before its digits.
  return joined.replace(/\bw (\d{4,})\b/g, "W$1");
}

/** Whether a partial transcript is only a backchannel or hesitation ("uh-huh", "okay", "mhm"). */
export function onlyBackchannel(words: string, backchannels: readonly string[]): boolean {
  const tokens = words.toLowerCase().split(/\s+/).filter(Boolean);
  return tokens.length > 0 && tokens.every((t) => backchannels.includes(t));
}
