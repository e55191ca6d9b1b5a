import { spawn } from "node:child_process";
import { Worker } from "node:worker_threads";
import { readWav } from "../audio/index.ts";
import type { Speech, TtsProvider } from "./providers.ts";

/** espeak-ng voices for the agent's six languages. */
const ESPEAK_VOICES: Record<string, string> = {
  en: "en-us",
  de: "de",
  fr: "fr-fr",
  es: "es",
  it: "it",
  nl: "nl",
};

/**
 * text2wav: espeak-ng in WebAssembly, every language the agent speaks, in worker threads so a
 * sentence's synthesis never holds up another call's audio.
 */
export class Text2wavTts implements TtsProvider {
  readonly name = "text2wav";
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (s: Speech) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(private readonly size = 2) {}

  speaks(language: string): boolean {
    return language in ESPEAK_VOICES;
  }

  private worker(): Worker {
    if (this.workers.length < this.size) {
      const worker = new Worker(new URL("./text2wav-worker.mjs", import.meta.url), {
        stdout: true,
        stderr: true,
      });
      worker.unref();
      worker.on("message", (m: { id: number; wav?: Uint8Array; error?: string }) => {
        const waiter = this.waiting.get(m.id);
        if (!waiter) return;
        this.waiting.delete(m.id);
        if (m.wav) {
          const pcm = readWav(m.wav);
          waiter.resolve({ pcm: pcm.samples, sampleRate: pcm.sampleRate });
        } else waiter.reject(new Error(`text2wav failed: ${m.error}`));
      });
      this.workers.push(worker);
      return worker;
    }
    return this.workers[this.next % this.workers.length] as Worker;
  }

  /** Starts every worker and compiles its WebAssembly, so the first caller does not wait for it. */
  async warm(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.synthesize("Hello.", "en")));
  }

  synthesize(text: string, language: string): Promise<Speech> {
    const id = ++this.next;
    const voice = ESPEAK_VOICES[language] ?? "en-us";
    return new Promise<Speech>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker().postMessage({ id, text, voice });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}

/**
 * Debian's festival with the CMU SLT HTS voice: the clearest English voice available offline, about
 * 0.5 s per sentence (a process per sentence). English only.
 */
export class FestivalTts implements TtsProvider {
  readonly name = "festival";

  speaks(language: string): boolean {
    return language === "en";
  }

  synthesize(text: string): Promise<Speech> {
    return new Promise<Speech>((resolve, reject) => {
      const child = spawn("text2wave", ["-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", "/dev/stdout"], {
        stdio: ["pipe", "pipe", "ignore"],
      });
      const chunks: Buffer[] = [];
      child.stdout.on("data", (c: Buffer) => chunks.push(c));
      child.on("error", (e) =>
        reject(new Error(`festival is not installed (apt-get install festival): ${e.message}`)),
      );
      child.on("close", (code) => {
        if (code !== 0) return reject(new Error(`festival exited with ${code}`));
        const pcm = readWav(Buffer.concat(chunks));
        resolve({ pcm: pcm.samples, sampleRate: pcm.sampleRate });
      });
      child.stdin.end(text.replace(/[()"]/g, " "));
    });
  }
}

/** Interpolation filters per rate pair: one row of taps for each fractional position. */
const PHASES = new Map<string, { phases: number; table: Float64Array }>();
const HALF = 16;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function filterBank(from: number, to: number): { phases: number; table: Float64Array } {
  const key = `${from}>${to}`;
  let bank = PHASES.get(key);
  if (bank) return bank;
  const phases = to / gcd(from, to);
  const cutoff = Math.min(1, to / from) * 0.92;
  const table = new Float64Array(phases * 2 * HALF);
  for (let p = 0; p < phases; p++) {
    const frac = ((p * from) % to) / to;
    let norm = 0;
    for (let j = 0; j < 2 * HALF; j++) {
      const x = frac - (j - HALF + 1);
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      const w = sinc * (0.5 + 0.5 * Math.cos((Math.PI * x) / HALF));
      table[p * 2 * HALF + j] = w;
      norm += w;
    }
    for (let j = 0; j < 2 * HALF; j++) table[p * 2 * HALF + j] = (table[p * 2 * HALF + j] as number) / norm;
  }
  bank = { phases, table };
  PHASES.set(key, bank);
  return bank;
}

/**
 * Any rate to the call's rate, once per rendered sentence: a polyphase windowed-sinc interpolator
 * whose cut-off follows the lower Nyquist frequency, so 22.05 kHz speech loses its top octave cleanly
 * instead of folding it into the phone band.
 */
export function resample(pcm: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return pcm;
  const { phases, table } = filterBank(from, to);
  const out = new Int16Array(Math.floor((pcm.length * to) / from));
  for (let n = 0; n < out.length; n++) {
    const center = Math.floor((n * from) / to);
    const row = (n % phases) * 2 * HALF;
    let sum = 0;
    const first = center - HALF + 1;
    for (let j = 0; j < 2 * HALF; j++) {
      const k = first + j;
      if (k >= 0 && k < pcm.length) sum += (pcm[k] as number) * (table[row + j] as number);
    }
    out[n] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : Math.round(sum);
  }
  return out;
}

/** Below this the rendered audio is silence (espeak-ng's and festival's voices start from zero). */
const SILENT = 64;
const KEEP_BEFORE_MS = 5;
/** A sentence's pause after it, and a clause's (the first clause of a reply is rendered alone). */
export const SENTENCE_PAUSE_MS = 200;
export const CLAUSE_PAUSE_MS = 100;

/**
 * A rendered sentence without the silence the synthesiser puts before it (10–30 ms with espeak-ng:
 * time the caller waits for nothing) and with a sentence's pause after it, not more.
 */
export function trimSilence(pcm: Int16Array, rate: number, pauseMs = SENTENCE_PAUSE_MS): Int16Array {
  let first = 0;
  while (first < pcm.length && Math.abs(pcm[first] as number) < SILENT) first++;
  if (first === pcm.length) return pcm;
  let last = pcm.length - 1;
  while (last > first && Math.abs(pcm[last] as number) < SILENT) last--;
  const start = Math.max(0, first - (rate / 1000) * KEEP_BEFORE_MS);
  const end = Math.min(pcm.length, last + 1 + (rate / 1000) * pauseMs);
  return pcm.subarray(start, end);
}

/**
 * Rendered sentences by voice, language, rate and text: greetings, questions and fillers are said
 * thousands of times a day and come back from here in microseconds.
 */
export class PromptCache {
  private readonly entries = new Map<string, Promise<Int16Array>>();

  constructor(private readonly capacity = 2000) {}

  get(key: string, render: () => Promise<Int16Array>): Promise<Int16Array> {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: the first key is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const rendering = render();
    this.entries.set(key, rendering);
    rendering.catch(() => this.entries.delete(key));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return rendering;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A reply as the pieces it is rendered in: its sentences, the first one's short lead clause apart
 * ("Thanks, Ava, I've found your account." → "Thanks," and the rest). The lead clause is the same
 * in many replies, so it comes from the prompt cache and plays while the rest (with a name, a date,
 * an order number) is rendered: the caller hears the answer begin without waiting for synthesis.
 */
export function spokenPieces(text: string): string[] {
  const [first, ...rest] = sentences(text);
  if (first === undefined) return [];
  const lead = /^((?:[^\s,]+ ){0,2}[^\s,]+,) (\S+ \S+ \S+.*)$/.exec(first);
  if (lead) return [lead[1] as string, lead[2] as string, ...rest];
  // A name said last ("Thanks for getting in touch, Ava."): the words before it are the same for
  // everyone, so they come from the cache and the name is rendered while they play.
  const named = /^((?:\S+ ){2,}\S+,) ([\p{Lu}\uE000]\S*[.!?])$/u.exec(first);
  return named ? [named[1] as string, named[2] as string, ...rest] : [first, ...rest];
}

/** Stands for a message's parameter in prompts rendered ahead (a private-use character, read as a name). */
export const PROMPT_PARAMETER = "\uE000";

/** Splits a reply into sentences, so the first is spoken while the rest are still being rendered. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
