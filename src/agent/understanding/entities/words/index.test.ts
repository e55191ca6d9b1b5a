import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LANGUAGES } from "../../types.ts";
import { phraseKey } from "../text.ts";
import { WORDS } from "./index.ts";

describe("word lists", () => {
  for (const language of LANGUAGES) {
    const w = WORDS[language];

    test(`${language}: cardinals cover 0 to 100`, () => {
      const values = new Set(w.cardinals.map(([, n]) => n));
      for (let n = 0; n <= 100; n++) assert.ok(values.has(n), `${language} lacks ${n}`);
    });

    test(`${language}: ordinals 1 to 10 and last`, () => {
      const values = new Set(w.ordinals.map(([, n]) => n));
      for (let n = 1; n <= 10; n++) assert.ok(values.has(n), `${language} lacks ordinal ${n}`);
      assert.ok(values.has(-1));
    });

    test(`${language}: twelve months, seven weekdays, three quantifiers`, () => {
      assert.deepEqual(
        [...new Set(w.months.map(([, m]) => m))].sort((x, y) => x - y),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      );
      assert.deepEqual([...new Set(w.weekdays.map(([, d]) => d))].sort(), [0, 1, 2, 3, 4, 5, 6]);
      assert.deepEqual([...new Set(w.quantifiers.map(([, q]) => q))].sort(), ["all", "both", "none"]);
    });

    test(`${language}: every phrase has words, and the lists every extractor needs are there`, () => {
      for (const [key, list] of Object.entries(w)) {
        if (!Array.isArray(list)) continue;
        for (const entry of list) {
          const phrase = Array.isArray(entry) ? entry[0] : entry;
          assert.ok(phraseKey(String(phrase)).length > 0, `${language}.${key}: "${phrase}"`);
        }
      }
      for (const key of [
        "yes",
        "no",
        "orderWords",
        "postcodeWords",
        "nameTriggers",
        "emailAt",
        "emailDot",
        "currencies",
        "relativeDays",
        "endOf",
        "units",
      ] as const) {
        assert.ok(w[key].length > 0, `${language}.${key}`);
      }
    });

    test(`${language}: a phrase is not both yes and no`, () => {
      const yes = new Set([...w.yes, ...w.weakYes].map((p) => phraseKey(p).join(" ")));
      const both = [...w.no, ...w.weakNo].filter((p) => yes.has(phraseKey(p).join(" ")));
      assert.deepEqual(both, []);
    });
  }
});
