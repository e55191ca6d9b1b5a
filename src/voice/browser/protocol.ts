import { z } from "zod";

/**
 * The browser voice socket's wire format (GET /voice/ws; docs/voice.md, "Browser voice page").
 *
 * Client → server: binary frames of 16-bit little-endian PCM, mono, 16 kHz, any whole number of
 * samples; JSON text frames `start`, `dtmf` and `stop` (ClientFrame).
 * Server → client: binary frames of the agent's voice in the same format, 20 ms (320 samples) each;
 * JSON text frames of ServerFrame.
 */
export const SAMPLE_RATE = 16_000;

/** Largest audio frame read: one second. The page sends 20 ms; anything bigger is not a live microphone. */
export const MAX_AUDIO_BYTES = SAMPLE_RATE * 2;
/** Largest JSON frame read: the longest valid one (a start with a locale) is under 100 bytes. */
export const MAX_TEXT_BYTES = 512;
/**
 * Caller audio beyond real time plus this much is dropped: a live microphone cannot run ahead of the
 * clock, and a client that does would queue unbounded work for recognition. Two seconds covers the
 * burst a browser sends after a stall (a background tab, a slow network).
 */
export const AUDIO_BURST_MS = 2_000;

/** BCP 47, as the chat socket checks it: a locale that is not one breaks every reply formatting a date. */
const Locale = z
  .string()
  .max(35)
  .refine((l) => {
    try {
      return Intl.getCanonicalLocales(l).length === 1;
    } catch {
      return false;
    }
  }, "must be a BCP 47 locale such as en-US");

export const ClientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), locale: Locale.optional() }),
  z.object({ type: z.literal("dtmf"), digit: z.string().regex(/^[0-9*#A-D]$/, "one keypad key") }),
  z.object({ type: z.literal("stop") }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export type ServerFrame =
  /** The call is open: the conversation it writes to. */
  | { type: "started"; conversationId: string }
  /** The caller interrupted: stop playing everything received so far, now. */
  | { type: "clear" }
  /** A line of the conversation for the page to show. */
  | { type: "transcript"; role: "caller" | "agent"; text: string }
  /** The call is over; the server closes the socket next. */
  | { type: "ended"; reason: string }
  /** A frame was refused (it changed nothing) or the call could not start. */
  | { type: "error"; code: string; message: string };

/** Whether this machine stores Int16Array little-endian (every platform Node ships on, in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Samples from a binary frame (any alignment), or null when it is not a whole number of samples. */
export function pcmFromBytes(bytes: Buffer): Int16Array | null {
  if (bytes.length % 2 !== 0) return null;
  const samples = new Int16Array(bytes.length / 2);
  if (LITTLE_ENDIAN) new Uint8Array(samples.buffer).set(bytes);
  else for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
  return samples;
}

/** A frame of samples as little-endian bytes for the wire. */
export function bytesFromPcm(samples: Int16Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) out.writeInt16LE(samples[i] as number, i * 2);
  return out;
}
