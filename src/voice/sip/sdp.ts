import sdpTransform from "sdp-transform";
import type { G711 } from "../audio/index.ts";

/** What a call's audio will be: where to send RTP, in which codec, and whether DTMF comes as events. */
export interface MediaPlan {
  remoteAddress: string;
  remotePort: number;
  codec: G711;
  payloadType: number;
  /** The telephone-event payload type the caller offered, or null (DTMF then only in audio). */
  dtmfPayloadType: number | null;
  ptimeMs: number;
}

/** Codecs we take, in our order of preference. */
const SUPPORTED: Array<{ codec: G711; payloadType: number }> = [
  { codec: "PCMU", payloadType: 0 },
  { codec: "PCMA", payloadType: 8 },
];

export class SdpError extends Error {}

/**
 * Reads an SDP offer and chooses the media (RFC 3264): the first audio stream, the caller's most
 * preferred G.711 codec, telephone-event if offered. An offer with no codec we speak is refused
 * (488 Not Acceptable Here), never half-accepted.
 */
export function negotiate(offer: string): MediaPlan {
  let parsed: sdpTransform.SessionDescription;
  try {
    parsed = sdpTransform.parse(offer);
  } catch {
    throw new SdpError("unreadable SDP");
  }
  const audio = parsed.media.find((m) => m.type === "audio" && m.port > 0);
  if (!audio) throw new SdpError("no audio stream offered");
  const address = audio.connection?.ip ?? parsed.connection?.ip;
  if (!address || address === "0.0.0.0") throw new SdpError("no connection address");
  const offered = String(audio.payloads ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const rtpmap = new Map((audio.rtp ?? []).map((r) => [r.payload, r.codec.toUpperCase()]));
  const chosen = offered
    .map((pt) => {
      const name = rtpmap.get(pt) ?? (pt === 0 ? "PCMU" : pt === 8 ? "PCMA" : "");
      return SUPPORTED.find((s) => s.codec === name && (pt === s.payloadType || rtpmap.has(pt)))
        ? { codec: name as G711, payloadType: pt }
        : null;
    })
    .find((c) => c !== null);
  if (!chosen) throw new SdpError("none of the offered codecs is PCMU or PCMA");
  const dtmf = (audio.rtp ?? []).find((r) => r.codec.toLowerCase() === "telephone-event" && r.rate === 8000);
  return {
    remoteAddress: address,
    remotePort: audio.port,
    codec: chosen.codec,
    payloadType: chosen.payloadType,
    dtmfPayloadType: dtmf && offered.includes(dtmf.payload) ? dtmf.payload : null,
    ptimeMs: Number(audio.ptime ?? 20) || 20,
  };
}

/** Our answer: the chosen codec (and telephone-event when offered) on our media port, 20 ms frames. */
export function answer(plan: MediaPlan, local: { address: string; port: number; sessionId: number }): string {
  const payloads = [plan.payloadType, ...(plan.dtmfPayloadType !== null ? [plan.dtmfPayloadType] : [])];
  return sdpTransform.write({
    version: 0,
    origin: {
      username: "switchboard",
      sessionId: local.sessionId,
      sessionVersion: 1,
      netType: "IN",
      ipVer: 4,
      address: local.address,
    },
    name: "switchboard",
    connection: { version: 4, ip: local.address },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: "audio",
        port: local.port,
        protocol: "RTP/AVP",
        payloads: payloads.join(" "),
        rtp: [
          { payload: plan.payloadType, codec: plan.codec, rate: 8000 },
          ...(plan.dtmfPayloadType !== null
            ? [{ payload: plan.dtmfPayloadType, codec: "telephone-event", rate: 8000 }]
            : []),
        ],
        fmtp: plan.dtmfPayloadType !== null ? [{ payload: plan.dtmfPayloadType, config: "0-16" }] : [],
        ptime: 20,
        direction: "sendrecv",
      },
    ],
  });
}
