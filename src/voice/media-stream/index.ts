import type { FastifyInstance } from "fastify";
import { Counter } from "prom-client";
import type { Logger, Metrics } from "../../platform/index.ts";
import { streamSocket, type VoiceSessionOpener } from "./socket.ts";
import { PendingTransfers } from "./transfers.ts";
import { sameToken, streamToken, twimlRoutes } from "./twiml.ts";

export { MAX_FRAME_BYTES, MEDIA_FORMAT } from "./protocol.ts";
export type { RejectReason, VoiceSessionOpener } from "./socket.ts";
export { MediaStreamTransport, UTTERANCE_GAP_MS } from "./transport.ts";
export { streamToken } from "./twiml.ts";

export interface MediaStreamOptions {
  /** Opens a voice session per call (the app's voice sessions). */
  sessions: VoiceSessionOpener;
  config: {
    publicUrl?: string | undefined;
    twilioAuthToken?: string | undefined;
    voiceTransferNumber?: string | undefined;
  };
  logger: Logger;
  /** Counts rejected frames as switchboard_media_stream_frames_rejected_total{reason}. */
  metrics?: Pick<Metrics, "registry">;
}

const REJECTED = "switchboard_media_stream_frames_rejected_total";

/**
 * Twilio-compatible media streams (Telnyx and SignalWire speak the same): the TwiML webhook at
 * /voice/twiml that a phone number points at, and the bidirectional stream at /voice/media-stream.
 * Registered in its own scope, so its form parser serves only these routes.
 */
export async function mediaStreams(app: FastifyInstance, options: MediaStreamOptions): Promise<void> {
  const { config, logger } = options;
  const registry = options.metrics?.registry;
  const rejected =
    (registry?.getSingleMetric(REJECTED) as Counter<"reason"> | undefined) ??
    new Counter({
      name: REJECTED,
      help: "Media stream frames dropped (malformed, binary, too large, before start, wrong stream) or refused starts.",
      labelNames: ["reason"],
      registers: registry ? [registry] : [],
    });
  const pending = new PendingTransfers();
  const authToken = config.twilioAuthToken;
  const transferNumber = config.voiceTransferNumber;
  await app.register(async (scope) => {
    twimlRoutes(scope, { authToken, publicUrl: config.publicUrl, transferNumber, pending, logger });
    streamSocket(scope, {
      sessions: options.sessions,
      logger,
      rejected,
      admit: (start) => {
        if (!authToken) return null;
        const token = start.start.customParameters.streamToken ?? "";
        return sameToken(token, streamToken(authToken, start.start.callSid))
          ? null
          : "the stream was not started by this platform's signed TwiML webhook";
      },
      ...(transferNumber
        ? {
            transferOnEnd: (callSid: string, conversationId: string) => {
              pending.add(callSid, conversationId);
              return true;
            },
          }
        : {}),
    });
  });
}
