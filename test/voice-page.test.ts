// The customer's call page at /voice in a real browser (Debian's chromium through playwright-core, its
// microphone a WAV file through Chromium's fake capture device). First against a scripted session, to
// check the page's own work: the microphone resampled to 16 kHz, the agent's voice played, barge-in's
// `clear`, the keypad, the transcript and hanging up, all with the keyboard only and under the strict CSP.
// Then the whole platform: a caller asks for an order's status out loud and the agent answers it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import websocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import type { App } from "../src/app.ts";
import { createHttpServer, createMetrics, type Storage, silentLogger } from "../src/platform/index.ts";
import { readWav, writeWav } from "../src/voice/audio/index.ts";
import {
  type BrowserSession,
  type BrowserSessions,
  browserVoice,
  type TranscriptLine,
} from "../src/voice/browser/index.ts";
import type { CallInfo, VoiceTransport } from "../src/voice/session/index.ts";
import { PocketsphinxAsr, resample } from "../src/voice/speech/index.ts";
import { webPages } from "../src/web-serving/index.ts";
import { startTestApp } from "./support/app.ts";
import { browserMissing, launchBrowser } from "./support/browser.ts";
import { testDatabases } from "./support/databases.ts";

const SHOTS = "test-output/voice";
const missing = browserMissing("/voice");

/** Chromium whose microphone plays `wav` once (then silence), granted without a prompt. */
function launchWithMicrophone(wav: string): Promise<Browser> {
  return launchBrowser([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-audio-capture=${wav}%noloop`,
    "--autoplay-policy=no-user-gesture-required",
  ]);
}

function buildWeb(): void {
  const built = spawnSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], { encoding: "utf8" });
  assert.equal(built.status, 0, `building the web app failed:\n${built.stdout}\n${built.stderr}`);
}

/** Fails the test on any script error or CSP refusal on the page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text()))
      errors.push(`${m.text()} ${m.location().url}`);
  });
  return errors;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The dominant frequency of a run of samples, by counting upward zero crossings. */
function frequencyOf(samples: Int16Array, sampleRate: number): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++)
    if ((samples[i - 1] as number) < 0 && (samples[i] as number) >= 0) crossings++;
  return (crossings * sampleRate) / samples.length;
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** A sine at 16 kHz, as 20 ms frames. */
function toneFrames(hz: number, seconds: number): Int16Array[] {
  const frames: Int16Array[] = [];
  for (let f = 0; f < seconds * 50; f++)
    frames.push(
      Int16Array.from({ length: 320 }, (_, i) =>
        Math.round(6000 * Math.sin((2 * Math.PI * hz * (f * 320 + i)) / 16_000)),
      ),
    );
  return frames;
}

/**
 * A session with a script instead of speech: it greets with a line and a second of tone, a `1` on the
 * keypad starts a ten-second prompt, a `2` interrupts it (barge-in: `clear`). Caller audio is kept.
 */
class ScriptedSession extends EventEmitter<{ transcript: [TranscriptLine] }> implements BrowserSession {
  readonly conversationId = "c_voice_page";
  readonly heard: Int16Array[] = [];
  readonly digits: string[] = [];
  readonly closed: string[] = [];
  private playing: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly transport: VoiceTransport,
    readonly caller: CallInfo,
  ) {
    super();
  }

  greet(): void {
    this.emit("transcript", { role: "agent", text: "Hello, you are through to the test store." });
    this.play(toneFrames(440, 1));
  }

  audio(frame: Int16Array): void {
    this.heard.push(frame);
  }

  dtmf(digit: string): void {
    this.digits.push(digit);
    if (digit === "1") this.play(toneFrames(660, 10));
    if (digit === "2") {
      this.stop();
      this.transport.clear();
      this.emit("transcript", { role: "caller", text: "(interrupted)" });
    }
  }

  close(reason: string): void {
    this.stop();
    this.closed.push(reason);
  }

  /** Real time, a frame every 20 ms, as the voice session paces its playback. */
  private play(frames: Int16Array[]): void {
    this.stop();
    let next = 0;
    this.playing = setInterval(() => {
      const frame = frames[next++];
      if (frame) this.transport.play(frame);
      else this.stop();
    }, 20);
  }

  private stop(): void {
    clearInterval(this.playing);
  }
}

class ScriptedSessions extends EventEmitter<{ opened: [BrowserSession] }> implements BrowserSessions {
  session: ScriptedSession | null = null;

  async open(transport: VoiceTransport, info: CallInfo): Promise<ScriptedSession> {
    const session = new ScriptedSession(transport, info);
    this.session = session;
    this.emit("opened", session);
    session.greet();
    return session;
  }
}

describe("the /voice page in Chromium, against a scripted session", { skip: missing }, () => {
  let server: FastifyInstance;
  let url: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const sessions = new ScriptedSessions();
  const session = () => sessions.session as ScriptedSession;

  before(async () => {
    buildWeb();
    const dir = mkdtempSync(join(tmpdir(), "sb-voice-page-"));
    // The microphone: half a second of quiet, then three seconds of 1 kHz at 48 kHz, 16-bit.
    const rate = 48_000;
    const samples = Int16Array.from({ length: rate * 3.5 }, (_, i) =>
      i < rate / 2 ? 0 : Math.round(9000 * Math.sin((2 * Math.PI * 1000 * i) / rate)),
    );
    const wav = join(dir, "tone.wav");
    writeFileSync(wav, writeWav({ sampleRate: rate, samples }));
    server = await createHttpServer({ logger: silentLogger, metrics: createMetrics(), version: "test" });
    await server.register(websocket);
    webPages(server, { logger: silentLogger });
    await server.register(browserVoice, { logger: silentLogger, sessions });
    url = await server.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchWithMicrophone(wav);
    page = await browser.newPage({ locale: "en-US", viewport: { width: 480, height: 900 } });
    errors = watchErrors(page);
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const status = () => page.getByRole("status");
  const data = async (name: string) => Number(await page.locator("main").getAttribute(`data-${name}`));

  test("Call the store with the keyboard: connected, the greeting heard and shown, focus on Hang up", async () => {
    await page.goto(`${url}/voice`);
    await page.getByRole("heading", { level: 1, name: "Call the store" }).waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate<string>("document.activeElement?.textContent"), "Call the store");
    await page.keyboard.press("Enter");
    await status().getByText("Connected").waitFor();
    await page
      .getByRole("log", { name: "Transcript" })
      .getByText("you are through to the test store")
      .waitFor();
    await until(async () => (await data("played")) >= 50, "the greeting's 50 frames to play");
    assert.equal(await page.evaluate<string>("document.activeElement?.textContent"), "Hang up");
  });

  test("the microphone reaches the server as 16 kHz in 20 ms frames: 1 kHz stays 1 kHz", async () => {
    await until(() => session().heard.length >= 100, "two seconds of the caller's audio");
    assert.ok(session().heard.every((f) => f.length === 320));
    const loud = session().heard.filter((f) => rms(f) > 1000);
    assert.ok(loud.length >= 50, `${loud.length} frames carry the tone`);
    const joined = new Int16Array(loud.length * 320);
    for (const [i, f] of loud.entries()) joined.set(f, i * 320);
    const hz = frequencyOf(joined, 16_000);
    assert.ok(Math.abs(hz - 1000) < 20, `heard ${hz.toFixed(0)} Hz`);
    await until(async () => (await data("sent")) >= 100, "the page to count what it sent");
  });

  test("keys from the keypad's buttons and typed anywhere; a clear cuts the agent off at once", async () => {
    // Tab to the keypad's first key, press it: a ten-second prompt starts.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate<string>('document.activeElement?.getAttribute("aria-label")'), "Key 1");
    await page.keyboard.press("Enter");
    await until(() => session().digits.includes("1"), "the key 1");
    await page.getByText("The assistant is speaking").waitFor();
    const before = await data("played");
    await until(async () => (await data("played")) > before + 10, "the prompt to play");
    // Typed, not clicked: the session interrupts itself and the page stops playing now.
    await page.keyboard.press("2");
    await until(() => session().digits.includes("2"), "the key 2");
    await until(async () => (await data("cleared")) === 1, "the clear");
    await page.getByText("The assistant is listening").waitFor({ timeout: 1_000 });
    await page.screenshot({ path: `${SHOTS}/voice-call.png`, fullPage: true });
    // Frames paced in real time played back to back. A player that started each frame on arrival would
    // gap on about half of them; this one keeps a cushion that grows after each gap. Stalls of the shared test
    // machine (two test files and a browser on two cores) still show as the odd late frame, so the bound
    // is a share, far below what a player without a cushion gives (CI saw 2 of 70 in one run).
    const played = await data("played");
    const late = await data("late");
    assert.ok(played >= 20, `${played} frames played`);
    assert.ok(late * 10 <= played, `${late} of ${played} frames came after their predecessor had ended`);
    assert.deepEqual(session().digits, ["1", "2"]);
  });

  test("Hang up: the session hears it, the page says so and offers the call again", async () => {
    await page.getByRole("button", { name: "Hang up" }).focus();
    await page.keyboard.press("Enter");
    await status().getByText("Call ended.").waitFor();
    await until(() => session().closed.length === 1, "the session to hear the hang-up");
    assert.deepEqual(session().closed, ["caller hung up"]);
    await page.getByRole("button", { name: "Call the store" }).waitFor();
    assert.equal(await page.evaluate<string>("document.activeElement?.textContent"), "Call the store");
    assert.ok(await page.getByRole("button", { name: "Key 5" }).isDisabled());
    assert.deepEqual(errors, []);
  });
});

/** Whether speech can be recognised here (Debian's pocketsphinx and its English model). */
function recogniserMissing(): boolean {
  if (new PocketsphinxAsr().available()) return false;
  const message = "pocketsphinx (libpocketsphinx3, pocketsphinx-en-us) not found: the spoken call cannot run";
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n!!! SKIPPING the /voice order-status call: ${message}\n`);
  return true;
}

/**
 * The caller's microphone for the whole call, at 48 kHz (what Chromium's fake capture reads best):
 * quiet while the greeting starts, the question, quiet while the agent asks for the postcode, the
 * postcode, quiet. Wideband recordings (test/fixtures/voice/wideband): the page carries 16 kHz.
 * Speaking over the agent is fine: it is a barge-in, and the agent stops to listen.
 */
function callerAudio(dir: string): string {
  const rate = 48_000;
  const said = (name: string) => {
    const pcm = readWav(readFileSync(`test/fixtures/voice/wideband/${name}.alaw.wav`));
    return resample(pcm.samples, pcm.sampleRate, rate);
  };
  const quiet = (seconds: number) => new Int16Array(rate * seconds);
  const parts = [quiet(6), said("order-status"), quiet(8), said("postcode"), quiet(6)];
  const samples = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  const file = join(dir, "caller.wav");
  writeFileSync(file, writeWav({ sampleRate: rate, samples }));
  return file;
}

const [sqlite] = await testDatabases();

describe("the /voice page in Chromium completes an order-status call", {
  skip: missing || !sqlite || recogniserMissing(),
}, () => {
  let storage: Storage;
  let app: App;
  let url: string;
  let browser: Browser;

  before(async () => {
    buildWeb();
    storage = await (sqlite as NonNullable<typeof sqlite>).open();
    ({ app, url } = await startTestApp(storage));
    await app.voiceSessions.warm();
    browser = await launchWithMicrophone(callerAudio(mkdtempSync(join(tmpdir(), "sb-voice-call-"))));
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await storage?.close();
  });

  test("the caller asks for order W6231698 and the postcode; the agent names its status", async () => {
    const page = await browser.newPage({ locale: "en-US", viewport: { width: 480, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(`${url}/voice`);
    await page.getByRole("button", { name: "Call the store" }).click();
    await page.getByRole("status").getByText("Connected").waitFor();
    const id = (await page.locator("main").getAttribute("data-conversation")) as string;
    assert.match(id, /.+/);

    // The conversation log, as the platform wrote it: the agent's answer names the order.
    const said = async () => {
      const events = (await app.conversations.get(id))?.events ?? [];
      return events
        .map((e) => e.event)
        .filter((e) => e.type === "customer_message" || e.type === "agent_message");
    };
    const answered = async () =>
      (await said()).some((e) => e.type === "agent_message" && e.text.includes("#W6231698"));
    try {
      await until(answered, "the agent's answer about #W6231698", 60_000);
    } catch (error) {
      const heard = (await said()).filter((e) => e.type === "customer_message").map((e) => e.text);
      assert.fail(`${(error as Error).message}; the caller was heard as: ${JSON.stringify(heard)}`);
    }
    const customer = (await said()).filter((e) => e.type === "customer_message").map((e) => e.text);
    assert.ok(
      customer.some((t) => /W6231698/.test(t)),
      JSON.stringify(customer),
    );
    assert.ok(
      customer.some((t) => /85049/.test(t)),
      JSON.stringify(customer),
    );

    // The page showed it as it went: the caller's words and the agent's lines.
    const transcript = page.getByRole("log", { name: "Transcript" });
    await transcript.locator("li.caller", { hasText: "W6231698" }).waitFor();
    await transcript.locator("li.caller", { hasText: "85049" }).waitFor();
    // The answer: the agent's turn after the postcode (as spoken: "your order W, 6 2 3, 1 6 9 8 ...").
    await transcript.locator('li.caller:has-text("85049") ~ li.agent', { hasText: "1 6 9 8" }).waitFor();
    assert.ok(Number(await page.locator("main").getAttribute("data-played")) > 500, "the agent was heard");
    await page.screenshot({ path: `${SHOTS}/voice-order-status.png`, fullPage: true });

    await page.getByRole("button", { name: "Hang up" }).click();
    await page.getByRole("status").getByText("Call ended.").waitFor();
    await until(
      async () =>
        ((await app.conversations.get(id))?.events ?? []).some(
          (e) => e.event.type === "voice_call_ended" && e.event.reason === "caller hung up",
        ),
      "the hang-up in the log",
    );
    const events = (await app.conversations.get(id))?.events ?? [];
    assert.ok(events.some((e) => e.event.type === "voice_call" && e.event.transport === "browser"));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
