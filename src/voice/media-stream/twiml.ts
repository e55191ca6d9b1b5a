import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import twilio from "twilio";
import { errorBody, type Logger } from "../../platform/index.ts";
import type { PendingTransfers } from "./transfers.ts";

export interface WebhookOptions {
  /** Twilio's auth token: requests must carry a valid X-Twilio-Signature. Unset: unsigned (warned once). */
  authToken?: string | undefined;
  /** The platform's address as the carrier reaches it (https://voice.example.com); else Host and X-Forwarded-Proto. */
  publicUrl?: string | undefined;
  /** Who a call handed to a person is dialled to when its stream ends: +E.164 or a sip: URI. */
  transferNumber?: string | undefined;
  pending: PendingTransfers;
  logger: Logger;
}

/** Form posts from the carrier are small (a call's parameters); larger ones are refused with 413. */
const FORM_LIMIT_BYTES = 64 * 1024;
/** A Host header we will put into a URL; anything else is refused rather than echoed to the carrier. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
/** BCP 47, as far as a `?locale=` on the webhook URL needs (one number per market). */
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

/**
 * The token the TwiML hands the stream as a `<Parameter>`: proof in the `start` frame that the call
 * came through our signed webhook, so a stranger cannot open sessions on the open WebSocket.
 */
export function streamToken(authToken: string, callSid: string): string {
  return createHmac("sha256", authToken).update(`media-stream:${callSid}`).digest("base64url");
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The TwiML webhook a phone number points at (GET or POST /voice/twiml): it connects the call to our
 * bidirectional media stream, and POST /voice/twiml/stream-ended says what follows the stream (a
 * `<Dial>` to the desk after a transfer, otherwise `<Hangup>`).
 */
export function twimlRoutes(scope: FastifyInstance, options: WebhookOptions): void {
  // Carriers post application/x-www-form-urlencoded; parsed here only, the rest of the API is JSON.
  scope.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_LIMIT_BYTES },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  let warned = false;

  /** The URL the carrier requested, as it signed it; null when the Host cannot be trusted into a URL. */
  const origin = (request: FastifyRequest): string | null => {
    if (options.publicUrl) return options.publicUrl.replace(/\/+$/, "");
    const host = request.headers.host ?? "";
    if (!HOST.test(host)) return null;
    const forwarded = String(request.headers["x-forwarded-proto"] ?? "")
      .split(",")[0]
      ?.trim();
    return `${forwarded === "https" ? "https" : "http"}://${host}`;
  };

  /** The request's parameters, or a reply already sent when it is not signed by the carrier. */
  const admit = (request: FastifyRequest, reply: FastifyReply, base: string) => {
    const params = formParams(request);
    if (!options.authToken) {
      if (!warned)
        options.logger.warn(
          "the voice webhook accepts unsigned requests: set SWITCHBOARD_TWILIO_AUTH_TOKEN to require Twilio's signature",
        );
      warned = true;
      return params;
    }
    const signature = request.headers["x-twilio-signature"];
    const algorithm = twilio.getSignatureAlgorithm(
      String(request.headers["x-twilio-webhooks-signature-settings"] ?? ""),
    );
    const supported = algorithm === "HMAC_SHA1" || algorithm === "HMAC_SHA256";
    if (
      typeof signature !== "string" ||
      !supported ||
      !twilio.validateRequest(options.authToken, signature, `${base}${request.url}`, params, algorithm)
    ) {
      reply
        .status(403)
        .send(
          errorBody(
            "forbidden",
            typeof signature === "string"
              ? "The X-Twilio-Signature does not match this request (check twilioAuthToken, and publicUrl behind a proxy)"
              : "The X-Twilio-Signature header is missing: this webhook only answers the carrier",
          ),
        );
      return null;
    }
    return params;
  };

  scope.route({
    method: ["GET", "POST"],
    url: "/voice/twiml",
    schema: { hide: true },
    handler: async (request, reply) => {
      const base = origin(request);
      if (!base)
        return reply.status(400).send(errorBody("bad_request", "The Host header is not a host name"));
      const params = admit(request, reply, base);
      if (!params) return reply;
      const response = new twilio.twiml.VoiceResponse();
      const connect = response.connect({ action: `${base}/voice/twiml/stream-ended`, method: "POST" });
      const stream = connect.stream({ url: `${base.replace(/^http/, "ws")}/voice/media-stream` });
      const parameter = (name: string, value: string | undefined) => {
        if (value) stream.parameter({ name, value: value.slice(0, 256) });
      };
      const query = stringsOf(request.query);
      const call = request.method === "POST" ? params : query;
      parameter("caller", call.From ?? call.Caller);
      parameter("called", call.To ?? call.Called);
      if (query.locale && LOCALE.test(query.locale)) parameter("locale", query.locale);
      if (options.authToken && call.CallSid)
        parameter("streamToken", streamToken(options.authToken, call.CallSid));
      return reply.type("text/xml").send(response.toString());
    },
  });

  scope.post("/voice/twiml/stream-ended", { schema: { hide: true } }, async (request, reply) => {
    const base = origin(request);
    if (!base) return reply.status(400).send(errorBody("bad_request", "The Host header is not a host name"));
    const params = admit(request, reply, base);
    if (!params) return reply;
    const response = new twilio.twiml.VoiceResponse();
    const conversationId = params.CallSid ? options.pending.take(params.CallSid) : null;
    const target = options.transferNumber;
    if (conversationId && target) {
      const dial = response.dial();
      // A SIP desk learns the conversation from a header (Twilio passes X- headers in the URI); a phone
      // number cannot carry it, and the person finds the conversation in the desk's queue.
      if (target.startsWith("sip:") || target.startsWith("sips:"))
        dial.sip(
          `${target}${target.includes("?") ? "&" : "?"}X-Switchboard-Conversation=${encodeURIComponent(conversationId)}`,
        );
      else dial.number(target);
    } else response.hangup();
    return reply.type("text/xml").send(response.toString());
  });
}

/** The carrier's parameters: the form body of a POST; a GET's are in the signed URL itself. */
function formParams(request: FastifyRequest): Record<string, string> {
  return request.method === "POST" ? stringsOf(request.body) : {};
}

function stringsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== "object") return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === "string") out[key] = v;
  return out;
}
