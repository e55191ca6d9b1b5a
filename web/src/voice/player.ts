/** The agent's voice arrives at 16 kHz; the context resamples each buffer to its own rate. */
const AGENT_RATE = 16_000;
/**
 * How far ahead of now the first frame after a silence is scheduled: room for the network's jitter
 * (frames come paced in real time, 20 ms apart) without an audible delay. Each gap adds a little, up
 * to a limit, so a jittery connection settles on a cushion that holds instead of gapping all call.
 */
const LEAD_S = 0.08;
const LEAD_STEP_S = 0.04;
const MAX_LEAD_S = 0.3;
/** Silence between frames shorter than this is a gap in speech rather than a pause between turns. */
const GAP_S = 0.25;

/**
 * Plays the agent's 20 ms frames back to back with no gaps: each is scheduled to start exactly where
 * the previous ends on the context's clock. `clear` (the caller interrupted) stops all of them at once.
 */
export class Player {
  private next = 0;
  private lead = LEAD_S;
  private readonly sources = new Set<AudioBufferSourceNode>();
  /** Frames scheduled since the call began (for the page's status and its tests). */
  played = 0;
  /** Frames that came after the one before had finished: an audible gap in the agent's voice. */
  late = 0;

  constructor(private readonly context: AudioContext) {}

  /** One frame of 16-bit little-endian PCM. */
  play(bytes: ArrayBuffer): void {
    const view = new DataView(bytes);
    const samples = Math.floor(bytes.byteLength / 2);
    if (samples === 0) return;
    const buffer = this.context.createBuffer(1, samples, AGENT_RATE);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples; i++) channel[i] = view.getInt16(i * 2, true) / 0x8000;
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const now = this.context.currentTime;
    // A run that ended moments ago broke off; one that ended longer ago was the end of an utterance.
    if (this.next > 0 && this.next <= now && now - this.next < GAP_S) {
      this.late++;
      this.lead = Math.min(MAX_LEAD_S, this.lead + LEAD_STEP_S);
    }
    const at = this.next > now ? this.next : now + this.lead;
    source.start(at);
    this.next = at + buffer.duration;
    this.sources.add(source);
    source.onended = () => this.sources.delete(source);
    this.played++;
  }

  /** Whether the agent is audible now, or will be from what is already scheduled. */
  get speaking(): boolean {
    return this.next > this.context.currentTime;
  }

  /** How long what is scheduled still plays. */
  remainingMs(): number {
    return Math.max(0, (this.next - this.context.currentTime) * 1000);
  }

  clear(): void {
    for (const source of this.sources) {
      source.onended = null;
      source.stop();
      source.disconnect();
    }
    this.sources.clear();
    this.next = 0;
  }
}
