import { BACKCHANNELS } from "../speech/grammar.ts";
import type { Expectation } from "../speech/providers.ts";
import { onlyBackchannel, spokenToText } from "../speech/words.ts";

/**
 * How much silence ends the caller's turn, given what they have said so far and what the agent is
 * waiting for: quick when the answer is complete (a whole order number, a yes, a sentence the
 * recogniser's grammar says nothing can follow), patient while it is not (six digits of seven, an
 * email without its domain, a sentence ending in "and").
 */
export const QUICK_MS = 180;
const DEFAULT_MS = 300;
const UNFINISHED_MS = 700;
const DIGITS_PENDING_MS = 1200;

const CONTINUING = new Set([
  "and",
  "or",
  "but",
  "the",
  "my",
  "a",
  "an",
  "to",
  "is",
  "um",
  "uh",
  "for",
  "of",
  "with",
  "at",
  "dot",
]);
const YES_NO = /^(yes|yeah|yep|sure|correct|right|okay|ok|no|nope)( (please|thanks|please do|thank you))?$/;

export function endOfTurnSilenceMs(partial: string, expecting: Expectation, finished = false): number {
  const words = partial.trim().toLowerCase();
  if (words === "") return DEFAULT_MS;
  // The recogniser's grammar allows nothing after these words ("okay thanks bye"). Not after a
  // greeting, for one word or a bare yes or no: in the comma's pause after "hi," the recogniser
  // made "hi nope" of a breath, and the caller had their order number still to say; "right," or
  // "sure," often leads a sentence too.
  const rest = words.replace(/^(hi|hello|hey)\s+/, "");
  if (finished && /\s/.test(rest) && !YES_NO.test(rest)) return QUICK_MS;
  const text = spokenToText(words);
  const last = words.split(/\s+/).at(-1) ?? "";
  const digits = (text.match(/\d+/g) ?? []).join("");
  switch (expecting) {
    case "order_id":
      if (/\bW?\d{7}\b/i.test(text)) return QUICK_MS;
      // Five digits alone are a whole postcode (asked again for the order, callers give both).
      if (/^\D*\b\d{5}\b\D*$/.test(text) && !/\bW\d/.test(text)) return DEFAULT_MS;
      if (digits.length > 0 || /\b(w|double u)$/.test(words)) return DIGITS_PENDING_MS;
      break;
    case "postal_code":
      if (/\b\d{5}\b/.test(text)) return QUICK_MS;
      if (digits.length > 0) return DIGITS_PENDING_MS;
      break;
    case "phone":
      if (digits.length >= 10) return QUICK_MS;
      if (digits.length > 0) return DIGITS_PENDING_MS;
      break;
    case "email":
      if (/@\S+\.[a-z]{2,}$/.test(text) || /\bW\d{7}\b|\b\d{5}\b/.test(text)) return QUICK_MS;
      // Spelling under way: letters one by one, or the "at" or "dot" of an address.
      if (/\b(at|dot)\b|\b[a-z] [a-z]$/.test(words) || digits.length > 0) return DIGITS_PENDING_MS;
      break;
    case "yes_no":
      if (YES_NO.test(words)) return QUICK_MS;
      break;
    default:
      if (/\bW\d{7}\b/.test(text)) return QUICK_MS;
  }
  if (CONTINUING.has(last)) return UNFINISHED_MS;
  return DEFAULT_MS;
}

/**
 * Sounds the recogniser makes of a backchannel before it settles ("uh-huh" heard as "hi" or "a").
 * Over the agent's voice they are no interruption on their own: nobody cuts into a reply to say "hi".
 */
const BACKCHANNEL_SOUNDS = new Set([...BACKCHANNELS, "hi", "hey", "huh", "ah", "oh", "a", "i", "hm", "mm"]);

/**
 * What the caller's words over the agent's voice amount to: nothing yet, a backchannel ("uh-huh",
 * "okay"), a backchannel's sounds ("hi", "a": too little to go on), or words that interrupt.
 */
export function overAgent(words: string): "none" | "backchannel" | "sounds" | "words" {
  const tokens = words.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return "none";
  if (onlyBackchannel(words, BACKCHANNELS)) return "backchannel";
  return tokens.every((t) => BACKCHANNEL_SOUNDS.has(t)) ? "sounds" : "words";
}

/** Map the agent's pending question to what the recogniser should listen for. */
export function expectationOf(expecting: string | null | undefined): Expectation {
  switch (expecting) {
    case "order_id":
    case "postal_code":
    case "phone":
    case "email":
    case "yes_no":
    case "person_name":
    case "number":
    case "ordinal":
      return expecting;
    case "item_reference":
    case "option_value":
      return "item";
    default:
      return "open";
  }
}

/** Keypad digits make an answer where these are expected; elsewhere 0 asks for a person. */
export const DIGIT_ANSWERS: Partial<Record<Expectation, number>> = {
  order_id: 7,
  postal_code: 5,
  phone: 15,
  number: 3,
  ordinal: 1,
  item: 1,
};
