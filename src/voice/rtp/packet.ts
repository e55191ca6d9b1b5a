/** An RTP packet (RFC 3550): the header fields a voice endpoint uses, and the payload. */
export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

/**
 * Parses one datagram; null for anything that is not RTP version 2 or is cut short (a stray packet on
 * the media port is dropped, never thrown). CSRC lists, header extensions and padding are skipped.
 */
export function parseRtp(datagram: Uint8Array): RtpPacket | null {
  if (datagram.length < 12) return null;
  const b0 = datagram[0] as number;
  const b1 = datagram[1] as number;
  if (b0 >> 6 !== 2) return null;
  const padding = (b0 & 0x20) !== 0;
  const extension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  let offset = 12 + csrcCount * 4;
  if (extension) {
    if (datagram.length < offset + 4) return null;
    offset += 4 + view.getUint16(offset + 2) * 4;
  }
  let end = datagram.length;
  if (padding) end -= datagram[datagram.length - 1] as number;
  if (offset > end) return null;
  return {
    payloadType: b1 & 0x7f,
    marker: (b1 & 0x80) !== 0,
    sequence: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: datagram.subarray(offset, end),
  };
}

export function buildRtp(packet: RtpPacket): Uint8Array {
  const out = new Uint8Array(12 + packet.payload.length);
  const view = new DataView(out.buffer);
  out[0] = 0x80;
  out[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f);
  view.setUint16(2, packet.sequence & 0xffff);
  view.setUint32(4, packet.timestamp >>> 0);
  view.setUint32(8, packet.ssrc >>> 0);
  out.set(packet.payload, 12);
  return out;
}

/** Sends a stream from one source: sequence and timestamp advance per frame, wrapping as RTP does. */
export class RtpSender {
  private sequence: number;
  private timestamp: number;
  private first = true;

  constructor(
    readonly ssrc: number,
    private readonly payloadType: number,
    random: () => number = Math.random,
  ) {
    // Random starting points (RFC 3550 §5.1), so streams cannot be told apart by their numbers.
    this.sequence = Math.floor(random() * 0x10000);
    this.timestamp = Math.floor(random() * 0x100000000);
  }

  /** The packet for one frame of `samples` samples; the first of a talk spurt carries the marker. */
  next(payload: Uint8Array, samples: number): Uint8Array {
    const packet = buildRtp({
      payloadType: this.payloadType,
      marker: this.first,
      sequence: this.sequence,
      timestamp: this.timestamp,
      ssrc: this.ssrc,
      payload,
    });
    this.first = false;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + samples) >>> 0;
    return packet;
  }

  /** After a pause, the next packet starts a new talk spurt. */
  talkSpurt(): void {
    this.first = true;
  }
}
