// The recogniser alone on the bench's caller sentences: "hi, can you check order W 6 2 3 1 6 9 8 for
// me" for each of the simulator's orders (or `--numbers N` random order numbers, seeded, so a change is
// not judged on eight strings only), rendered by festival (or espeak-ng: `--voice espeak`), 300 ms of
// line noise before it, through G.711 and back, at each SNR (pink noise), decoded with the request
// grammar as a call's first turn is. Prints how many came out with the exact order number as the best
// reading and anywhere in the lattice's N best, the digits right, which digits became which, and what
// the misses were heard as, and what the session makes of them with the store's orders (the seeded
// reference store plus the numbers said): the right order, another order, or none. The same figure as bench/voice.ts's order-number phases in about a minute
// instead of twenty, for trying a change to the front end or the grammar.
// Run: node --import tsx bench/voice-asr.ts [--snr none,20,10] [--codec PCMA|PCMU] [--seeds 2]
//        [--numbers 0 [--draw 1]] [--voice festival|espeak]   (--draw: another set of random numbers)
import { parseArgs } from "node:util";
import { buildSeed, readTauData } from "../src/commerce/reference/seed/index.ts";
import { decodeG711, encodeG711, type G711 } from "../src/voice/audio/index.ts";
import { chooseReading, wantsAlternatives } from "../src/voice/session/readings.ts";
import {
  CallerSpeech,
  type CallerVoice,
  DEFAULT_SPEECH_CACHE,
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
    numbers: { type: "string", default: "0" },
    voice: { type: "string", default: "festival" },
    draw: { type: "string", default: "1" },
  },
});
const codec = values.codec as G711;
if (codec !== "PCMA" && codec !== "PCMU") throw new Error(`--codec is PCMA or PCMU, not ${values.codec}`);
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1)
  throw new Error(`--seeds is a whole number ≥ 1, not ${values.seeds}`);
const numbers = Number(values.numbers);
if (!Number.isInteger(numbers) || numbers < 0)
  throw new Error(`--numbers is a whole number ≥ 0, not ${values.numbers}`);
const voice = values.voice as CallerVoice;
if (voice !== "festival" && voice !== "espeak") throw new Error(`--voice is festival or espeak`);
const snrs = (values.snr as string).split(",").map((s) => (s === "none" ? null : Number(s)));
if (snrs.some((s) => s !== null && !Number.isFinite(s))) throw new Error(`--snr: numbers or "none"`);

/** Order numbers said: the simulator's, or random ones from a fixed seed (the same every run). */
function orderNumbers(): string[] {
  if (numbers === 0) return ORDERS.map((o) => o.id);
  let state = 20261201 + Number(values.draw);
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from(
    { length: numbers },
    () => `W${Array.from({ length: 7 }, () => Math.floor(next() * 10)).join("")}`,
  );
}
const ids = orderNumbers();

// The store the session checks numbers against: the reference store's orders and the ones said.
const reference = buildSeed(readTauData(), { dataset: "enriched", anchor: new Date() });
const store = new Set([...reference.oms_orders.map((o) => o.id.replace(/^#/, "")), ...ids]);
const exists = async (n: string) => store.has(n);

const asr = new PocketsphinxAsr();
if (!asr.available()) throw new Error("pocketsphinx is not installed (libpocketsphinx3, pocketsphinx-en-us)");
const speech = new CallerSpeech(DEFAULT_SPEECH_CACHE, voice);
const stream = await asr.open(8000);
const LEAD = 8000 * 0.3;
const TAIL = 8000 * 0.2;
process.stderr.write(
  `voice-asr: ${ids.length} order numbers, ${voice}, ${codec}, ${seeds} noise seed(s) per SNR\n`,
);
try {
  for (const snr of snrs) {
    let best = 0;
    let inNBest = 0;
    let n = 0;
    let digitsRight = 0;
    let digitsSaid = 0;
    /** After the session's store check (readings.ts): the order said, another order, or none. */
    const checked = { right: 0, other: 0 };
    const misses: string[] = [];
    /** "4→5": how often a said digit came out as another, where the heard number had seven digits. */
    const confusions = new Map<string, number>();
    const started = performance.now();
    for (let seed = 1; seed <= (snr === null ? 1 : seeds); seed++)
      for (const id of ids) {
        const said = await speech.render(`hi, can you check order ${spelled(id)} for me`);
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
        const number = /W\d{7}\b/.exec(heard)?.[0];
        digitsSaid += 7;
        if (number)
          for (let i = 1; i < 8; i++) {
            if (number[i] === id[i]) digitsRight++;
            else {
              const key = `${id[i]}→${number[i]}`;
              confusions.set(key, (confusions.get(key) ?? 0) + 1);
            }
          }
        if (heard.includes(id)) best++;
        else misses.push(`${id}→${/W\d+/.exec(heard)?.[0] ?? `"${heard}"`}`);
        if (readings.some((r) => r.includes(id))) inNBest++;
        // As the session does it: the lattice's readings only when the best names no order and no
        // sound-alike exists (no partial transcripts here).
        const wanted = await wantsAlternatives(result.words, [], exists);
        const chosen = await chooseReading(
          wanted ? (result.alternatives ?? [result.words]) : [result.words],
          [],
          exists,
        );
        const resolved = /W\d{7}\b/.exec(chosen)?.[0];
        if (resolved === id) checked.right++;
        else if (resolved && store.has(resolved)) checked.other++;
      }
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const confused = [...confusions.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ×${v}`)
      .join(", ");
    process.stdout.write(
      `${snr === null ? "no noise" : `${snr} dB SNR`}: exact ${best} of ${n} (${Math.round((100 * best) / n)}%), ` +
        `in the N best ${inNBest} of ${n}; digits right ${digitsRight} of ${digitsSaid} ` +
        `(${Math.round((100 * digitsRight) / digitsSaid)}%); with the store: the order said ${checked.right} ` +
        `(${Math.round((100 * checked.right) / n)}%), another order ${checked.other}; ${seconds} s\n` +
        (confused ? `  digits confused: ${confused}\n` : "") +
        (misses.length > 0 && misses.length <= 12 ? `  misheard: ${misses.join(" ")}\n` : ""),
    );
  }
} finally {
  stream.close();
}
