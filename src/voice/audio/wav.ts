import wavefile from "wavefile";

// CommonJS: the class is a property of the default export.
const { WaveFile } = wavefile;

/** Mono 16-bit PCM at its sample rate: what the voice parts pass around. */
export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/** Reads a WAV file (any bit depth, µ-law or A-law included; channels mixed down) as 16-bit mono. */
export function readWav(bytes: Uint8Array): Pcm {
  const wav = new WaveFile(bytes);
  type Format = { audioFormat: number; numChannels: number; sampleRate: number };
  const encoding = (wav.fmt as Format).audioFormat;
  if (encoding === 7) wav.fromMuLaw();
  else if (encoding === 6) wav.fromALaw();
  if (wav.bitDepth !== "16") wav.toBitDepth("16");
  // Read after converting: wavefile replaces its fmt chunk and zeroes the old one (a G.711 file read
  // 0 channels).
  const format = wav.fmt as Format;
  const channels = format.numChannels;
  const raw = wav.getSamples(true, Int16Array) as unknown as Int16Array;
  if (channels === 1) return { sampleRate: format.sampleRate, samples: Int16Array.from(raw) };
  const samples = new Int16Array(raw.length / channels);
  for (let i = 0; i < samples.length; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += raw[i * channels + c] as number;
    samples[i] = Math.round(sum / channels);
  }
  return { sampleRate: format.sampleRate, samples };
}

export function writeWav(pcm: Pcm): Uint8Array {
  const wav = new WaveFile();
  wav.fromScratch(1, pcm.sampleRate, "16", pcm.samples);
  return wav.toBuffer();
}
