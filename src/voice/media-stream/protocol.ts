import { z } from "zod";

/**
 * Twilio Media Streams, the JSON text frames of a bidirectional `<Connect><Stream>` (Telnyx, SignalWire
 * and others speak the same). Numbers the carrier counts (`sequenceNumber`, `chunk`, `timestamp`) arrive
 * as strings. Fields we do not use are allowed through, so a carrier adding one does not break calls.
 */

/** Largest frame read. A 20 ms µ-law chunk is about 300 bytes of JSON; ws closes the socket above this. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** The only audio a bidirectional stream carries: µ-law, 8 kHz, mono. */
export const MEDIA_FORMAT = { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 } as const;

const Sid = z.string().min(1).max(64);
const Counter = z.string().regex(/^\d{1,15}$/, "must be digits in a string");
// A frame is at most 64 KiB, so a payload is too; standard base64 with padding.
const Base64 = z
  .string()
  .min(4)
  .max(MAX_FRAME_BYTES)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, "must be base64");

const Connected = z.object({ event: z.literal("connected"), protocol: z.string().optional() });

export const StartFrame = z.object({
  event: z.literal("start"),
  sequenceNumber: Counter.optional(),
  streamSid: Sid,
  start: z.object({
    streamSid: Sid.optional(),
    accountSid: Sid.optional(),
    callSid: Sid,
    tracks: z.array(z.string().max(32)).max(4).optional(),
    customParameters: z.record(z.string().max(128), z.string().max(1024)).default({}),
    mediaFormat: z.object({
      encoding: z.string().max(64),
      sampleRate: z.number(),
      channels: z.number(),
    }),
  }),
});
export type StartFrame = z.infer<typeof StartFrame>;

const Media = z.object({
  event: z.literal("media"),
  sequenceNumber: Counter.optional(),
  streamSid: Sid,
  media: z.object({
    track: z.string().max(32).optional(),
    chunk: Counter.optional(),
    timestamp: Counter.optional(),
    payload: Base64,
  }),
});

const Dtmf = z.object({
  event: z.literal("dtmf"),
  sequenceNumber: Counter.optional(),
  streamSid: Sid,
  dtmf: z.object({ track: z.string().max(32).optional(), digit: z.string().regex(/^[0-9*#A-D]$/) }),
});

const Mark = z.object({
  event: z.literal("mark"),
  sequenceNumber: Counter.optional(),
  streamSid: Sid,
  mark: z.object({ name: z.string().min(1).max(256) }),
});

const Stop = z.object({
  event: z.literal("stop"),
  sequenceNumber: Counter.optional(),
  streamSid: Sid,
  stop: z.object({ accountSid: Sid.optional(), callSid: Sid.optional() }).optional(),
});

/** Every frame the carrier sends us. */
export const InboundFrame = z.discriminatedUnion("event", [Connected, StartFrame, Media, Dtmf, Mark, Stop]);
export type InboundFrame = z.infer<typeof InboundFrame>;

/** The events we know; anything else from the carrier is ignored, not counted as bad. */
export const KNOWN_EVENTS = new Set(["connected", "start", "media", "dtmf", "mark", "stop"]);

/** Why the format is refused, or null when it is µ-law 8 kHz mono. */
export function mediaFormatProblem(format: StartFrame["start"]["mediaFormat"]): string | null {
  if (
    format.encoding === MEDIA_FORMAT.encoding &&
    format.sampleRate === MEDIA_FORMAT.sampleRate &&
    format.channels === MEDIA_FORMAT.channels
  )
    return null;
  return `mediaFormat must be audio/x-mulaw at 8000 Hz, mono (got ${format.encoding.slice(0, 64)} at ${format.sampleRate} Hz, ${format.channels} channels)`;
}

/** Frames we send (bidirectional streams only). */
export type OutboundFrame =
  | { event: "media"; streamSid: string; media: { payload: string } }
  | { event: "mark"; streamSid: string; mark: { name: string } }
  | { event: "clear"; streamSid: string };

/** How a stream is closed from our side (WebSocket close codes, RFC 6455 §7.4.1). */
export const CLOSE = {
  normal: 1000,
  /** A `start` we cannot serve: wrong media format, malformed, or not signed by our webhook. */
  policy: 1008,
  unsupported: 1003,
} as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
/** Telnyx names µ-law by its RTP name. */
const TELNYX_ENCODINGS: Record<string, string> = { PCMU: "audio/x-mulaw" };

/**
 * Telnyx's Call Control streams send the same events in snake_case (`stream_id`, `sequence_number`,
 * `start.call_control_id`, `start.media_format.sample_rate`, encoding `PCMU`): rewritten here to
 * Twilio's names, so one schema checks both. A Twilio frame is returned as it came.
 */
export function fromTelnyx(frame: unknown): unknown {
  if (!isObject(frame) || "streamSid" in frame || !("stream_id" in frame)) return frame;
  const { stream_id, sequence_number, start, ...rest } = frame;
  const out: Json = { ...rest, streamSid: stream_id };
  if (sequence_number !== undefined) out.sequenceNumber = sequence_number;
  if (isObject(start)) {
    const format = isObject(start.media_format) ? start.media_format : {};
    const custom = isObject(start.custom_parameters) ? start.custom_parameters : {};
    out.start = {
      streamSid: stream_id,
      callSid: start.call_control_id,
      customParameters: {
        ...(typeof start.from === "string" ? { caller: start.from } : {}),
        ...(typeof start.to === "string" ? { called: start.to } : {}),
        ...Object.fromEntries(
          Object.entries(custom).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
        ),
      },
      mediaFormat: {
        encoding: TELNYX_ENCODINGS[String(format.encoding)] ?? format.encoding,
        sampleRate: format.sample_rate,
        channels: format.channels,
      },
    };
  }
  return out;
}
