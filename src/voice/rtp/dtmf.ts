/** RFC 4733 telephone-event digits: events 0-9, 10 = *, 11 = #, 12-15 = A-D. */
const EVENTS = "0123456789*#ABCD";

export interface DtmfEvent {
  digit: string;
  end: boolean;
  volume: number;
  duration: number;
}

export function parseDtmf(payload: Uint8Array): DtmfEvent | null {
  if (payload.length < 4) return null;
  const event = payload[0] as number;
  const digit = EVENTS[event];
  if (digit === undefined) return null;
  return {
    digit,
    end: ((payload[1] as number) & 0x80) !== 0,
    volume: (payload[1] as number) & 0x3f,
    duration: ((payload[2] as number) << 8) | (payload[3] as number),
  };
}

/**
 * Turns the stream of telephone-event packets into key presses: a digit counts once, when its first
 * packet arrives (senders repeat each event, and send its end three times), keyed by the RTP timestamp.
 */
export class DtmfReceiver {
  private lastTimestamp: number | null = null;

  receive(timestamp: number, payload: Uint8Array): string | null {
    const event = parseDtmf(payload);
    if (!event) return null;
    if (timestamp === this.lastTimestamp) return null;
    this.lastTimestamp = timestamp;
    return event.digit;
  }
}
