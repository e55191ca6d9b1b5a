import { after, describe, test } from "node:test";
import fc from "fast-check";
import { baseRuns, FuzzEnvironment, fuzzProperties, runsFor } from "./support/fuzz-targets.ts";

// Every parser that faces the outside, fuzzed with a bounded number of cases (the seed is fixed by
// test/support/fast-check-setup.mjs). FUZZ_RUNS=n scales the cases; `npm run bench:fuzz` is the long run.
const base = baseRuns(100);
const env = new FuzzEnvironment();
after(() => env.close());

const properties = fuzzProperties(env);
for (const surface of new Set(properties.map((p) => p.surface))) {
  describe(`fuzz: ${surface}`, () => {
    for (const p of properties.filter((q) => q.surface === surface)) {
      const numRuns = runsFor(p, base);
      test(`${p.name} (${numRuns} cases)`, async () => {
        await fc.assert(p.property, { numRuns, includeErrorInReport: true });
      });
    }
  });
}
