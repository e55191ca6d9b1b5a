import type { CallState } from "./call.ts";

/** Every English string of the voice page, in one place. */
export const strings = {
  title: "Call the store",
  intro:
    "Talk to our assistant about your orders: where they are, returns, exchanges and more. Your browser will ask to use your microphone.",
  call: "Call the store",
  hangUp: "Hang up",
  states: {
    idle: "Not in a call.",
    microphone: "Asking for your microphone…",
    connecting: "Connecting…",
    connected: "Connected. Speak whenever you like; you can interrupt the assistant.",
    ended: "Call ended.",
    failed: "The call could not be connected. Please try again.",
  } satisfies Record<CallState, string>,
  failures: {
    microphone: "We could not use your microphone. Allow it for this site, then call again.",
    audio: "Your browser could not start the call's audio. Please try another browser.",
    rate_limited: "Too many calls from here just now. Please try again in a minute.",
  } as Record<string, string>,
  speaking: "The assistant is speaking",
  listening: "The assistant is listening",
  keypad: "Keypad",
  keypadHelp: "During a call you can also type the digits, * and # on your keyboard.",
  key: (digit: string) => `Key ${digit === "*" ? "star" : digit === "#" ? "pound" : digit}`,
  transcript: "Transcript",
  transcriptEmpty: "What you and the assistant say appears here.",
  you: "You",
  assistant: "Assistant",
};
