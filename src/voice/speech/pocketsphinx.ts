import { existsSync } from "node:fs";
import koffi from "koffi";
import { buildGrammar, type GrammarContext } from "./grammar.ts";
import { GrammarAutomaton } from "./jsgf.ts";
import type { AsrProvider, AsrStream, Expectation, Recognition } from "./providers.ts";

/**
 * Embedded English speech recognition: Debian's pocketsphinx library (libpocketsphinx3 with the
 * pocketsphinx-en-us model) called in-process through koffi. Every call into the decoder runs on
 * libuv's thread pool (koffi's async calls), one at a time per decoder, so recognising ten calls never
 * blocks the event loop. Each utterance is searched with a JSGF grammar for what the dialogue expects
 * (order numbers, postcodes, yes/no, spelled emails, the agent's own request phrasings); when the
 * grammar finds no path, the utterance is searched again with the open-vocabulary language model.
 */

const MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

export interface PocketsphinxOptions {
  modelDir?: string;
  /** Phrasings of requests the agent understands (its English training utterances). */
  phrases?: readonly string[];
}

type Pointer = unknown;

interface Native {
  init(config: Pointer): Promise<Pointer>;
  setGrammar(ps: Pointer, name: string, jsgf: string): Promise<number>;
  setSearch(ps: Pointer, name: string): number;
  start(ps: Pointer): number;
  process(ps: Pointer, pcm: Int16Array): Promise<number>;
  end(ps: Pointer): Promise<number>;
  hypothesis(ps: Pointer): string | null;
  config(args: string[]): Pointer;
  /** The decoder's live cepstral mean (13 values), read and set. */
  cmn(ps: Pointer): { get(): Float32Array; set(v: Float32Array): void };
  /** Up to `limit` distinct hypotheses of the last utterance, best first (lattice N-best), off the loop. */
  nbest(ps: Pointer, limit: number): Promise<string[]>;
}

let native: Native | null | undefined;

/** Binds the library once; null when it is not installed (calls then work with keypad digits only). */
function bind(): Native | null {
  if (native !== undefined) return native;
  try {
    const base = koffi.load("libsphinxbase.so.3");
    const lib = koffi.load("libpocketsphinx.so.3");
    const psArgs = lib.func("void *ps_args()");
    const parse = base.func(
      "void *cmd_ln_parse_r(void *inout, void *defn, int argc, const char **argv, int strict)",
    );
    const init = lib.func("void *ps_init(void *config)");
    const setJsgf = lib.func("int ps_set_jsgf_string(void *ps, const char *name, const char *jsgf)");
    const setSearch = lib.func("int ps_set_search(void *ps, const char *name)");
    const start = lib.func("int ps_start_utt(void *ps)");
    const processRaw = lib.func(
      "int ps_process_raw(void *ps, const int16_t *data, size_t n, int no_search, int full_utt)",
    );
    const end = lib.func("int ps_end_utt(void *ps)");
    const hyp = lib.func("const char *ps_get_hyp(void *ps, _Out_ int32_t *score)");
    const getFeat = lib.func("void *ps_get_feat(void *ps)");
    // sphinxbase's feat_t up to its CMN state (feat.h), to reset the mean before each utterance.
    const Feat = koffi.struct("switchboard_feat_t", {
      refcount: "int",
      name: "char *",
      cepsize: "int32",
      n_stream: "int32",
      stream_len: "void *",
      window_size: "int32",
      n_sv: "int32",
      sv_len: "void *",
      subvecs: "void *",
      sv_buf: "void *",
      sv_dim: "int32",
      cmn: "int",
      varnorm: "int32",
      agc: "int",
      compute_feat: "void *",
      cmn_struct: "void *",
    });
    const cmnGet = base.func("void cmn_live_get(void *cmn, _Out_ float *vec)");
    const cmnSet = base.func("void cmn_live_set(void *cmn, const float *vec)");
    const nbest = lib.func("void *ps_nbest(void *ps)");
    const nbestNext = lib.func("void *ps_nbest_next(void *nb)");
    const nbestHyp = lib.func("const char *ps_nbest_hyp(void *nb, _Out_ int32_t *score)");
    const nbestFree = lib.func("void ps_nbest_free(void *nb)");
    const later = <T>(fn: { async: (...args: never[]) => void }, ...args: unknown[]) =>
      new Promise<T>((resolve, reject) =>
        (fn.async as (...a: unknown[]) => void)(...args, (error: unknown, result: T) =>
          error ? reject(error) : resolve(result),
        ),
      );
    native = {
      config: (args) => parse(null, psArgs(), args.length, args, 1),
      init: (config) => later(init, config),
      setGrammar: (ps, name, jsgf) => later(setJsgf, ps, name, jsgf),
      setSearch: (ps, name) => setSearch(ps, name) as number,
      start: (ps) => start(ps) as number,
      process: (ps, pcm) => later(processRaw, ps, pcm, pcm.length, 0, 0),
      end: (ps) => later(end, ps),
      hypothesis: (ps) => hyp(ps, [0]) as string | null,
      cmn: (ps) => {
        const feat = koffi.decode(getFeat(ps), Feat) as { cepsize: number; cmn_struct: unknown };
        return {
          get: () => {
            const v = new Float32Array(feat.cepsize);
            cmnGet(feat.cmn_struct, v);
            return v;
          },
          set: (v) => cmnSet(feat.cmn_struct, v),
        };
      },
      nbest: async (ps, limit) => {
        const found: string[] = [];
        // The A* search over the lattice is the costly part (tens of milliseconds a step): on the pool.
        let it = await later<unknown>(nbest, ps);
        // It yields duplicates (same words, other timings): a few more steps than asked.
        for (let step = 0; it && step < limit * 3 && found.length < limit; step++) {
          const words = (nbestHyp(it, [0]) as string | null)?.trim();
          if (words && !found.includes(words)) found.push(words);
          it = await later<unknown>(nbestNext, it);
        }
        if (it) nbestFree(it);
        return found;
      },
    };
  } catch {
    native = null;
  }
  return native;
}

/**
 * The phone's 8 kHz audio doubled to the 16 kHz the acoustic model was trained on by inserting zeros
 * with no image filter: the mirror image of 0–4 kHz lands in 4–8 kHz, where the model expects
 * fricative energy. Measured on festival speech through A-law: a digit string went from 2 of 7 digits
 * right with a proper low-pass upsampler to 6 of 7 with folding.
 */
export function foldTo16k(pcm: Int16Array): Int16Array {
  const out = new Int16Array(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) {
    const v = (pcm[i] as number) * 2;
    out[2 * i] = v > 32767 ? 32767 : Math.max(v, -32768);
  }
  return out;
}

class Decoder {
  /** Grammars compiled into this decoder, by search name, with the text they were compiled from. */
  private readonly loaded = new Map<string, string>();
  private readonly mean: ReturnType<Native["cmn"]>;
  /** The model's initial cepstral mean: each utterance starts from it, whatever came before. */
  private readonly initialMean: Float32Array;
  constructor(
    readonly ps: Pointer,
    private readonly lib: Native,
  ) {
    this.mean = lib.cmn(ps);
    this.initialMean = this.mean.get();
  }

  /** Starts an utterance from the same state every time, so a call is heard the same way on any decoder. */
  start(): void {
    this.mean.set(this.initialMean);
    this.lib.start(this.ps);
  }

  /** Switches to a grammar, compiling it first when new or changed (the items of another order). */
  async use(name: string, jsgf: () => string): Promise<void> {
    const text = jsgf();
    if (this.loaded.get(name) !== text) {
      this.loaded.delete(name);
      if ((await this.lib.setGrammar(this.ps, name, text)) < 0)
        throw new Error(`pocketsphinx refused the ${name} grammar`);
      this.loaded.set(name, text);
    }
    this.lib.setSearch(this.ps, name);
  }
}

/** A grammar's JSGF text and, once asked for, the same as a word automaton. */
interface Grammar {
  text: string;
  automaton?: GrammarAutomaton;
}

export class PocketsphinxAsr implements AsrProvider {
  readonly name = "pocketsphinx";
  readonly languages = ["en"] as const;
  private readonly idle: Decoder[] = [];
  private readonly modelDir: string;
  private readonly grammar: GrammarContext;
  private readonly grammars = new Map<string, Grammar>();
  private growing = false;
  /** Grammars the decoder refused (utterances then use the request grammar): a bug to see in tests. */
  readonly refused = new Set<string>();

  constructor(options: PocketsphinxOptions = {}) {
    this.modelDir = options.modelDir ?? MODEL_DIR;
    this.grammar = { phrases: options.phrases ?? [] };
  }

  /** Whether the library and the English model are on this machine. */
  available(): boolean {
    return bind() !== null && existsSync(`${this.modelDir}/en-us`);
  }

  /** Loads decoders ahead of the first calls (each takes about 0.3 s and 40 MB). */
  async warm(count: number): Promise<void> {
    const made = await Promise.all(Array.from({ length: count }, () => this.create()));
    this.idle.push(...made);
    // The grammars compile once per decoder; doing it now keeps it out of the first turn.
    await Promise.all(made.map((d) => d.use("open_request", () => this.jsgf("open"))));
  }

  private async create(): Promise<Decoder> {
    const lib = bind();
    if (!lib || !existsSync(`${this.modelDir}/en-us`))
      throw new Error(
        "Speech recognition needs Debian's pocketsphinx (apt-get install libpocketsphinx3 pocketsphinx-en-us)",
      );
    const config = lib.config([
      "-hmm",
      `${this.modelDir}/en-us`,
      "-lm",
      `${this.modelDir}/en-us.lm.bin`,
      "-dict",
      `${this.modelDir}/cmudict-en-us.dict`,
      "-logfn",
      "/dev/null",
    ]);
    const ps = await lib.init(config);
    if (!ps) throw new Error("pocketsphinx could not load its model");
    return new Decoder(ps, lib);
  }

  /** The grammar for an expectation (and the choices offered), built once and kept. */
  private grammarFor(expecting: Expectation, choices: readonly string[]): Grammar {
    const key = choices.length > 0 ? `${expecting}|${choices.join("|")}` : expecting;
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = { text: buildGrammar(expecting, this.grammar, choices) };
      this.grammars.set(key, grammar);
      // Grammars of choices differ by order: the oldest go (the fixed ones are rebuilt in microseconds).
      if (this.grammars.size > MAX_GRAMMARS)
        this.grammars.delete(this.grammars.keys().next().value as string);
    }
    return grammar;
  }

  jsgf(expecting: Expectation, choices: readonly string[] = []): string {
    return this.grammarFor(expecting, choices).text;
  }

  /** The same grammar as a word automaton, to judge partial transcripts (built in ~3 ms when first asked). */
  automaton(expecting: Expectation, choices: readonly string[] = []): GrammarAutomaton {
    const grammar = this.grammarFor(expecting, choices);
    grammar.automaton ??= new GrammarAutomaton(grammar.text);
    return grammar.automaton;
  }

  async open(sampleRate: 8000 | 16000): Promise<AsrStream> {
    const decoder = this.idle.pop() ?? (await this.create());
    // One spare, loaded in the background: the next call to come in does not load one itself.
    if (this.idle.length === 0 && !this.growing) {
      this.growing = true;
      this.create()
        .then((spare) => this.idle.push(spare))
        .catch(() => {})
        .finally(() => {
          this.growing = false;
        });
    }
    return new PocketsphinxStream(decoder, bind() as Native, sampleRate, this, () => this.idle.push(decoder));
  }
}

/** Alternatives kept per utterance, for the session to check against the store (an order that exists). */
const NBEST = 5;

/** Grammar texts kept built (the fixed expectations and the choices of recent calls). */
const MAX_GRAMMARS = 256;

/** Longest utterance kept for the open-vocabulary retry: 15 s at 16 kHz. */
const MAX_UTTERANCE = 16_000 * 15;

class PocketsphinxStream implements AsrStream {
  /** Calls into the decoder, chained: one at a time. */
  private chain: Promise<unknown> = Promise.resolve();
  private pending: Int16Array[] = [];
  private audio: Int16Array[] = [];
  private audioLength = 0;
  private active = false;
  private generation = 0;
  private best = "";
  private expecting: Expectation = "open";
  private choices: readonly string[] = [];
  /** The last words judged against the grammar, and the judgement. */
  private judged: { words: string; finished: boolean } = { words: "", finished: false };
  private closed = false;

  constructor(
    private readonly decoder: Decoder,
    private readonly lib: Native,
    private readonly rate: 8000 | 16000,
    private readonly provider: PocketsphinxAsr,
    private readonly release: () => void,
  ) {}

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.chain.then(step, step);
    this.chain = next.catch(() => {});
    return next;
  }

  begin(expecting: Expectation, choices: readonly string[] = []): void {
    // An utterance still open is dropped: the decoder never starts one inside another.
    if (this.active) this.cancel();
    this.generation++;
    this.active = true;
    this.expecting = expecting;
    this.choices = choices;
    this.best = "";
    this.pending = [];
    this.audio = [];
    this.audioLength = 0;
    const name = expecting === "open" ? "open_request" : `expect_${expecting}`;
    // Always started, even if ended before this runs: every end the chain holds has its start. A
    // grammar the decoder refuses (a word its dictionary lacks) falls back to the request grammar:
    // without a started utterance the decoder would hand back the previous utterance's words.
    this.enqueue(async () => {
      try {
        await this.decoder.use(name, () => this.provider.jsgf(expecting, choices));
      } catch {
        this.provider.refused.add(name);
        await this.decoder.use("open_request", () => this.provider.jsgf("open"));
      }
      this.decoder.start();
    });
  }

  write(pcm: Int16Array): void {
    if (!this.active) return;
    const wide = this.rate === 8000 ? foldTo16k(pcm) : pcm;
    if (this.audioLength < MAX_UTTERANCE) {
      this.audio.push(wide);
      this.audioLength += wide.length;
    }
    this.pending.push(wide);
    if (this.pending.length > 1) return; // a decode is already queued: it takes these too
    const generation = this.generation;
    this.enqueue(async () => {
      if (generation !== this.generation || this.pending.length === 0) return;
      const batch = concat(this.pending);
      this.pending = [];
      await this.lib.process(this.decoder.ps, batch);
      if (generation === this.generation) this.best = this.lib.hypothesis(this.decoder.ps) ?? "";
    });
  }

  partial(): string {
    return this.best;
  }

  finished(words: string): boolean {
    const text = words.trim();
    if (text === "") return false;
    if (this.judged.words !== text) {
      const grammar = this.provider.automaton(this.expecting, this.choices);
      this.judged = { words: text, finished: grammar.judge(text.split(/\s+/)) === "final" };
    }
    return this.judged.finished;
  }

  settled(): Promise<string> {
    const generation = this.generation;
    return this.enqueue(async () => {
      if (generation !== this.generation || !this.active) return this.best;
      if (this.pending.length > 0) {
        const batch = concat(this.pending);
        this.pending = [];
        await this.lib.process(this.decoder.ps, batch);
        if (generation === this.generation) this.best = this.lib.hypothesis(this.decoder.ps) ?? "";
      }
      return this.best;
    });
  }

  end(wanting?: (words: string) => Promise<boolean>): Promise<Recognition> {
    this.active = false;
    // This utterance's audio, taken now: a next utterance may begin before the decoder gets here.
    const rest = this.pending;
    const audio = this.audio;
    const long = this.audioLength >= 16_000 * 0.3;
    const expecting = this.expecting;
    this.pending = [];
    this.audio = [];
    this.audioLength = 0;
    this.generation++;
    return this.enqueue(async () => {
      if (rest.length > 0) await this.lib.process(this.decoder.ps, concat(rest));
      await this.lib.end(this.decoder.ps);
      const words = (this.lib.hypothesis(this.decoder.ps) ?? "").trim();
      if (words !== "" || !long) {
        // The Viterbi path; where the session finds it wanting (digits that name no order), the
        // lattice's N best too (on a digit string the path had one digit wrong and the lattice's best
        // none). Only then: the A* search costs ~0.6 s of CPU on a long sentence.
        if (words === "" || !(await wanting?.(words))) return { words, search: "grammar" as const };
        const alternatives = [
          words,
          ...(await this.lib.nbest(this.decoder.ps, NBEST)).filter((w) => w !== words),
        ];
        return { words, search: "grammar" as const, alternatives };
      }
      // Nothing the expectation's grammar allows. A wide one (spelled emails) can lose every other
      // path: the request grammar first (a tenth of the cost), then the open-vocabulary model.
      if (expecting !== "open") {
        await this.decoder.use("open_request", () => this.provider.jsgf("open"));
        this.decoder.start();
        await this.lib.process(this.decoder.ps, concat(audio));
        await this.lib.end(this.decoder.ps);
        const request = (this.lib.hypothesis(this.decoder.ps) ?? "").trim();
        if (request !== "") return { words: request, search: "grammar" as const };
      }
      this.lib.setSearch(this.decoder.ps, "_default");
      this.decoder.start();
      await this.lib.process(this.decoder.ps, concat(audio));
      await this.lib.end(this.decoder.ps);
      return { words: (this.lib.hypothesis(this.decoder.ps) ?? "").trim(), search: "open" as const };
    });
  }

  cancel(): void {
    if (!this.active) return;
    this.active = false;
    this.generation++;
    this.pending = [];
    this.enqueue(() => this.lib.end(this.decoder.ps));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancel();
    // Back to the pool once its last call has finished.
    this.chain.then(this.release, this.release);
  }
}

function concat(parts: Int16Array[]): Int16Array {
  if (parts.length === 1) return parts[0] as Int16Array;
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
