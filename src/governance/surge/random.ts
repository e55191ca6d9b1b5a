/**
 * A seeded pseudo-random source (mulberry32), so a surge's offered load (arrival times, scripts,
 * channels, think times) is the same for the same seed and flags, run after run.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Exponentially distributed with this mean: the gap between arrivals of a Poisson process. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Uniform in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** One key, chosen with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let pick = this.next() * total;
    for (const [key, weight] of entries) {
      pick -= weight;
      if (pick < 0) return key;
    }
    const last = entries.at(-1);
    if (!last) throw new Error("weighted: no choices");
    return last[0];
  }

  /** An independent stream per purpose (the profile, each saturation step), so one's draws never shift another's. */
  static stream(seed: number, label: number): Random {
    return new Random((seed ^ Math.imul(label + 1, 0x9e3779b1)) >>> 0);
  }
}
