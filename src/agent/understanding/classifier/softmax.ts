import type { Features } from "./features.ts";

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Seed for the example order, so the same utterances always give the same model. */
  seed: number;
}

/** Measured on the default agent's held-out split (bench/nlu-accuracy.ts); see docs/benchmarks.md. */
export const DEFAULT_TRAINING: TrainingOptions = { epochs: 30, learningRate: 0.5, l2: 1e-5, seed: 7 };

/** A deterministic shuffle (mulberry32): training must not depend on Math.random. */
function shuffled(n: number, seed: number): number[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/**
 * Multinomial logistic regression over sparse features, trained by SGD. Small, fast (tens of
 * milliseconds for a thousand utterances) and gives calibrated-enough probabilities to act on.
 */
export class SoftmaxModel {
  private constructor(
    readonly labels: string[],
    private readonly vocabulary: Map<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  static train(
    examples: Array<{ features: Features; label: string }>,
    options: TrainingOptions = DEFAULT_TRAINING,
  ): SoftmaxModel {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const vocabulary = new Map<string, number>();
    const encoded = examples.map((e) => {
      const idx: number[] = [];
      const val: number[] = [];
      for (const [k, v] of e.features) {
        let i = vocabulary.get(k);
        if (i === undefined) {
          i = vocabulary.size;
          vocabulary.set(k, i);
        }
        idx.push(i);
        val.push(v);
      }
      return { idx, val, y: labelIndex.get(e.label) as number };
    });
    const c = labels.length;
    const weights = new Float32Array(vocabulary.size * c);
    const bias = new Float32Array(c);
    const z = new Float64Array(c);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate / (1 + epoch * 0.1);
      for (const n of shuffled(encoded.length, options.seed + epoch)) {
        const { idx, val, y } = encoded[n] as (typeof encoded)[number];
        scores(weights, bias, idx, val, c, z);
        for (let k = 0; k < c; k++) {
          const g = (z[k] as number) - (k === y ? 1 : 0);
          bias[k] = (bias[k] as number) - rate * g;
          for (let j = 0; j < idx.length; j++) {
            const w = (idx[j] as number) * c + k;
            weights[w] =
              (weights[w] as number) - rate * (g * (val[j] as number) + options.l2 * (weights[w] as number));
          }
        }
      }
    }
    return new SoftmaxModel(labels, vocabulary, weights, bias);
  }

  /** Probability per label, best first. */
  predict(features: Features): Array<{ label: string; probability: number }> {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [k, v] of features) {
      const i = this.vocabulary.get(k);
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    const z = new Float64Array(this.labels.length);
    scores(this.weights, this.bias, idx, val, this.labels.length, z);
    return this.labels
      .map((label, i) => ({ label, probability: z[i] as number }))
      .sort((a, b) => b.probability - a.probability);
  }
}

/** Softmax of the linear scores, written into `out`. */
function scores(
  weights: Float32Array,
  bias: Float32Array,
  idx: number[],
  val: number[],
  c: number,
  out: Float64Array,
): void {
  for (let k = 0; k < c; k++) out[k] = bias[k] as number;
  for (let j = 0; j < idx.length; j++) {
    const base = (idx[j] as number) * c;
    const v = val[j] as number;
    for (let k = 0; k < c; k++) out[k] = (out[k] as number) + (weights[base + k] as number) * v;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < c; k++) max = Math.max(max, out[k] as number);
  let sum = 0;
  for (let k = 0; k < c; k++) {
    out[k] = Math.exp((out[k] as number) - max);
    sum += out[k] as number;
  }
  for (let k = 0; k < c; k++) out[k] = (out[k] as number) / sum;
}
