// Runs text2wav (espeak-ng compiled to WebAssembly) off the main thread: a sentence takes 50–100 ms
// of CPU, which would otherwise stall every other call's audio.
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";

const require = createRequire(import.meta.url);
const text2wav = require("text2wav");

parentPort.on("message", async ({ id, text, voice }) => {
  try {
    const wav = await text2wav(text, { voice, noFinalPause: true });
    parentPort.postMessage({ id, wav }, [wav.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
