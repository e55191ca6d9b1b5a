import alawmulaw from "alawmulaw";

// The package is CommonJS (its named exports are not visible to ES modules).
const { alaw, mulaw } = alawmulaw;

/** G.711, the telephone network's codecs: 8 kHz, 8 bits a sample, µ-law (North America) or A-law. */
export type G711 = "PCMU" | "PCMA";

/** RTP payload types of the static audio formats (RFC 3551). */
export const PAYLOAD_TYPE: Record<G711, number> = { PCMU: 0, PCMA: 8 };

export function payloadCodec(payloadType: number): G711 | null {
  return payloadType === 0 ? "PCMU" : payloadType === 8 ? "PCMA" : null;
}

export function encodeG711(codec: G711, pcm: Int16Array): Uint8Array {
  return codec === "PCMU" ? mulaw.encode(pcm) : alaw.encode(pcm);
}

export function decodeG711(codec: G711, bytes: Uint8Array): Int16Array {
  return codec === "PCMU" ? mulaw.decode(bytes) : alaw.decode(bytes);
}
