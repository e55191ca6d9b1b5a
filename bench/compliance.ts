// The cost compliance adds to every message, in-process on one core:
// - redaction of a customer message (all kinds, spoken digits) beside the cards-only mask it replaced;
// - sealing and opening an event (AES-256-GCM with the conversation's data key, cached) beside
//   JSON.stringify/parse alone.
// Run: npx tsx bench/compliance.ts
import { findSpokenDigits } from "../src/agent/index.ts";
import { MIGRATIONS } from "../src/app.ts";
import { maskCardNumbers, redact, Vault } from "../src/compliance/index.ts";
import { migrateToLatest, openStorage } from "../src/platform/index.ts";
import { fmt, summarize } from "./stats.ts";

const MESSAGES = [
  "Where is my order #W2378156? I ordered it last week.",
  "my email is liam.thomas9081@example.com and my zip is 78701",
  "Can I pay with my card 4111 1111 1111 1111 exp 12/27 cvv 123",
  "the card number is five five five five five five five five five five five five four four four four",
  "please refund to my IBAN DE89 3704 0044 0532 0130 00",
  "I'd like to return the blue kettle and exchange the keyboard for the clicky one, order W 237 81 56",
];
const LONG = `${"Hello, I have a question about my order and the delivery. ".repeat(60)}4111 1111 1111 1111`;

function time(label: string, rounds: number, fn: () => void) {
  for (let i = 0; i < Math.min(200, rounds); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  const s = summarize(samples);
  console.log(
    `${label.padEnd(46)} p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  ${Math.round(1000 / s.mean).toLocaleString("en")}/s`,
  );
}

let i = 0;
const next = () => MESSAGES[i++ % MESSAGES.length] as string;
console.log("per customer message (6 typical messages in turn):");
time("baseline: cards-only mask (before)", 20_000, () => maskCardNumbers(next()));
time("redact: all kinds, no spoken digits", 20_000, () => redact(next()));
time("redact: all kinds + spoken digits (as served)", 20_000, () =>
  redact(next(), { spokenDigits: findSpokenDigits }),
);
console.log(`a ${LONG.length}-character message:`);
time("baseline: cards-only mask", 2_000, () => maskCardNumbers(LONG));
time("redact + spoken digits", 2_000, () => redact(LONG, { spokenDigits: findSpokenDigits }));

const storage = await openStorage({ sqliteFile: ":memory:" });
await migrateToLatest(storage, MIGRATIONS);
const vault = Vault.ephemeral(storage.db);
const event = {
  type: "customer_message",
  text: "I'd like to return the blue kettle and exchange the keyboard, order #W2378156",
};
const json = JSON.stringify(event);
await vault.seal("conversation:bench", json); // creates and caches the key
const rounds = 20_000;
const seal: number[] = [];
const open: number[] = [];
const plain: number[] = [];
for (let r = 0; r < rounds; r++) {
  let t = performance.now();
  const sealed = await vault.seal("conversation:bench", JSON.stringify(event));
  seal.push(performance.now() - t);
  t = performance.now();
  JSON.parse((await vault.open(sealed)) as string);
  open.push(performance.now() - t);
  t = performance.now();
  JSON.parse(JSON.stringify(event));
  plain.push(performance.now() - t);
}
console.log("per stored event (key cached):");
for (const [label, samples] of [
  ["baseline: stringify + parse only", plain],
  ["seal (stringify + AES-256-GCM)", seal],
  ["open (AES-256-GCM + parse)", open],
] as const) {
  const s = summarize(samples);
  console.log(`${label.padEnd(46)} p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}`);
}
await storage.close();
