// The recogniser alone on the bench's caller sentences: "hi, can you check order W 6 2 3 1 6 9 8 for
// me" for each of the simulator's orders, rendered by festival, 300 ms of line noise before it, through
// G.711 and back, at each SNR (pink noise), decoded with the request grammar as a call's first turn is.
// Prints how many came out with the exact order number as the best reading and anywhere in the lattice's
// N best, and what the misses were heard as: the same figure as bench/voice.ts's order-number phases in
// about a minute instead of twenty, for trying a change to the front end or the grammar.
// Run: node --import tsx bench/voice-asr.ts [--snr none,20,10] [--codec PCMA|PCMU] [--seeds 2]
import { parseArgs } from "node:util";
import { decodeG711, encodeG711, type G711 } from "../src/voice/audio/index.ts";
import {
  CallerSpeech,
  mix,
  NoiseSource,
  noiseRmsFor,
  ORDERS,
  spelled,
} from "../src/voice/simulator/index.ts";
import { PocketsphinxAsr } from "../src/voice/speech/pocketsphinx.ts";
import { spokenToText } from "../src/voice/speech/words.ts";

const { values } = parseArgs({
  options: {
    snr: { type: "string", default: "none,20,10" },
    codec: { type: "string", default: "PCMA" },
    seeds: { type: "string", default: "2" },
  },
});
const codec = values.codec as G711;
if (codec !== "PCMA" && codec !== "PCMU") throw new Error(`--codec is PCMA or PCMU, not ${values.codec}`);
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1)
  throw new Error(`--seeds is a whole number ≥ 1, not ${values.seeds}`);
const snrs = (values.snr as string).split(",").map((s) => (s === "none" ? null : Number(s)));
if (snrs.some((s) => s !== null && !Number.isFinite(s))) throw new Error(`--snr: numbers or "none"`);

const asr = new PocketsphinxAsr();
if (!asr.available()) throw new Error("pocketsphinx is not installed (libpocketsphinx3, pocketsphinx-en-us)");
const speech = new CallerSpeech();
const stream = await asr.open(8000);
const LEAD = 8000 * 0.3;
const TAIL = 8000 * 0.2;
process.stderr.write(`voice-asr: ${ORDERS.length} orders, ${codec}, ${seeds} noise seed(s) per SNR\n`);
try {
  for (const snr of snrs) {
    let best = 0;
    let inNBest = 0;
    let n = 0;
    const misses: string[] = [];
    const started = performance.now();
    for (let seed = 1; seed <= (snr === null ? 1 : seeds); seed++)
      for (const order of ORDERS) {
        const said = await speech.render(`hi, can you check order ${spelled(order.id)} for me`);
        let pcm: Int16Array = new Int16Array(LEAD + said.length + TAIL);
        pcm.set(said, LEAD);
        if (snr !== null)
          pcm = mix(pcm, new NoiseSource("pink", seed * 100 + n).samples(pcm.length, noiseRmsFor(said, snr)));
        pcm = decodeG711(codec, encodeG711(codec, pcm));
        stream.begin("open");
        for (let i = 0; i < pcm.length; i += 160) stream.write(pcm.subarray(i, i + 160));
        // Asked for the alternatives every time, as the session does when the best names no order.
        const result = await stream.end(async () => true);
        const readings = (result.alternatives ?? [result.words]).map((r) => spokenToText(r));
        n++;
        const heard = spokenToText(result.words);
        if (heard.includes(order.id)) best++;
        else misses.push(`${order.id}→${/W\d+/.exec(heard)?.[0] ?? `"${heard}"`}`);
        if (readings.some((r) => r.includes(order.id))) inNBest++;
      }
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(
      `${snr === null ? "no noise" : `${snr} dB SNR`}: exact ${best} of ${n} (${Math.round((100 * best) / n)}%), ` +
        `in the N best ${inNBest} of ${n}; ${seconds} s\n` +
        (misses.length > 0 ? `  misheard: ${misses.join(" ")}\n` : ""),
    );
  }
} finally {
  stream.close();
}
