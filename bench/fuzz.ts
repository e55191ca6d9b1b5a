// The long fuzz run: the properties of test/fuzz.test.ts with many more cases and a fresh seed each run
// (printed; SWITCHBOARD_FC_SEED=n repeats one). Prints cases per second per target and every failure
// with its shrunk counterexample; exits 1 on any failure.
// Run: npm run bench:fuzz (FUZZ_RUNS=20000 by default; arguments filter properties by name).
import fc from "fast-check";
import { baseRuns, FuzzEnvironment, fuzzProperties, runsFor } from "../test/support/fuzz-targets.ts";

const configured = process.env.SWITCHBOARD_FC_SEED;
const seed = configured && configured !== "random" ? Number(configured) : Math.floor(Math.random() * 2 ** 31);
fc.configureGlobal({ seed });
const base = baseRuns(20_000);
const filters = process.argv.slice(2);

const env = new FuzzEnvironment();
const rows: Array<{ target: string; cases: number; seconds: number; result: string }> = [];
const failures: string[] = [];
console.log(`fuzz: base ${base} cases, seed ${seed}`);
const selected = fuzzProperties(env).filter(
  (p) => filters.length === 0 || filters.some((f) => `${p.surface}: ${p.name}`.includes(f)),
);
try {
  // Started before the clock runs, so the first chat target is not charged for it.
  if (selected.some((p) => p.surface.startsWith("chat"))) await env.chat();
  for (const p of selected) {
    const target = `${p.surface}: ${p.name}`;
    const numRuns = runsFor(p, base);
    const started = process.hrtime.bigint();
    let cases = numRuns;
    let report: string | undefined;
    try {
      const details = await fc.check(p.property, { numRuns, includeErrorInReport: true });
      // A failure stops the run early (then shrinks): count the cases that actually ran.
      if (details.failed) [cases, report] = [details.numRuns, fc.defaultReportMessage(details)];
    } catch (error) {
      // fast-check itself threw (a generator fault): the other targets still run.
      [cases, report] = [0, `fast-check stopped: ${(error as Error).stack ?? String(error)}`];
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rows.push({ target, cases, seconds, result: report ? "FAILED" : "ok" });
    console.log(`${report ? "FAIL" : "ok  "} ${target}: ${cases} cases in ${seconds.toFixed(1)} s`);
    if (report) failures.push(`${target}\n${report}`);
  }
} finally {
  await env.close();
}

console.log("\ntarget | cases | s | cases/s | result");
for (const r of rows)
  console.log(
    `${r.target} | ${r.cases} | ${r.seconds.toFixed(1)} | ${(r.cases / r.seconds).toFixed(0)} | ${r.result}`,
  );
for (const failure of failures) console.log(`\n--- ${failure}`);
if (failures.length > 0) process.exit(1);
