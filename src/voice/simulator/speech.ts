import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { readWav } from "../audio/index.ts";

const run = promisify(execFile);

/** Festival's US English HTS voice (Debian `festvox-us-slt-hts`): the caller's voice. */
export const CALLER_VOICE = "cmu_us_slt_arctic_hts";

/** The caller's voices: festival's (the default) and espeak-ng's US English, a second accent to test with. */
export type CallerVoice = "festival" | "espeak";

export const DEFAULT_SPEECH_CACHE = join(tmpdir(), "switchboard-voice-cache");

/**
 * The caller's utterances as 8 kHz 16-bit PCM, made once with festival (`text2wave`) and sox and kept
 * on disk by text, so a thousand calls render each sentence once. Leading and trailing silence is cut:
 * the simulator's "end of speech" is the clip's last frame, so it must be speech.
 */
export class CallerSpeech {
  private readonly inFlight = new Map<string, Promise<Int16Array>>();
  readonly stats = { rendered: 0, fromDisk: 0 };

  constructor(
    readonly dir: string = DEFAULT_SPEECH_CACHE,
    readonly voice: CallerVoice = "festival",
  ) {
    mkdirSync(dir, { recursive: true });
  }

  render(text: string): Promise<Int16Array> {
    const key = createHash("sha256")
      .update(
        `${this.voice === "festival" ? `festival|${CALLER_VOICE}` : "espeak-ng|en-us"}|8000|trim|${text}`,
      )
      .digest("hex")
      .slice(0, 24);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.load(key, text);
      this.inFlight.set(key, pending);
      pending.catch(() => this.inFlight.delete(key));
    }
    return pending;
  }

  private async load(key: string, text: string): Promise<Int16Array> {
    const file = join(this.dir, `${key}.wav`);
    if (existsSync(file)) {
      this.stats.fromDisk++;
      return readWav(readFileSync(file)).samples;
    }
    // Unique temporary names, renamed into place: several processes may fill one cache at once.
    const stamp = `${process.pid}-${Math.random().toString(36).slice(2)}`;
    const raw = join(this.dir, `${key}.${stamp}.raw.wav`);
    const out = join(this.dir, `${key}.${stamp}.wav`);
    try {
      await (this.voice === "festival" ? festival(text, raw) : espeak(text, raw));
      await run("sox", [
        raw,
        "-r",
        "8000",
        "-c",
        "1",
        "-b",
        "16",
        out,
        // Silence under 0.3% of full scale at either end is cut.
        "silence",
        "1",
        "0.02",
        "0.3%",
        "reverse",
        "silence",
        "1",
        "0.02",
        "0.3%",
        "reverse",
      ]);
      renameSync(out, file);
    } finally {
      rmSync(raw, { force: true });
      rmSync(out, { force: true });
    }
    this.stats.rendered++;
    return readWav(readFileSync(file)).samples;
  }
}

function espeak(text: string, out: string): Promise<void> {
  return run("espeak-ng", ["-v", "en-us", "-w", out, text], { timeout: 30_000 }).then(
    () => {},
    (error: Error) => {
      throw new Error(`espeak-ng could not say "${text}": ${error.message}`);
    },
  );
}

function festival(text: string, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "text2wave",
      ["-eval", `(voice_${CALLER_VOICE})`, "-o", out],
      { timeout: 30_000 },
      (error) =>
        error ? reject(new Error(`festival could not say "${text}": ${error.message}`)) : resolve(),
    );
    child.stdin?.end(`${text}\n`);
  });
}
