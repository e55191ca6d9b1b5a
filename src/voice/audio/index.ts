export { decodeG711, encodeG711, type G711, PAYLOAD_TYPE, payloadCodec } from "./codec.ts";
export { FRAME_MS, Framer, frameSamples } from "./frames.ts";
export { JitterBuffer, type JitterStats, seqBefore } from "./jitter.ts";
export { Downsampler, Upsampler } from "./resample.ts";
export { type Pcm, readWav, writeWav } from "./wav.ts";
