import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LANGUAGES } from "../../types.ts";
import { keyOf } from "../text.ts";
import { LEXICONS } from "./index.ts";

// Cue words the lexicons must carry, per language (from the issue), all clearly negative.
const REQUIRED_NEGATIVE: Record<string, string[]> = {
  en: ["ridiculous", "unacceptable", "scam", "worst", "useless", "fed up", "still nothing", "third time"],
  de: ["unverschämt", "Frechheit", "Abzocke", "katastrophal", "reicht mir", "schon wieder"],
  fr: ["inadmissible", "arnaque", "honteux", "ras-le-bol", "n'importe quoi"],
  es: ["vergüenza", "estafa", "harto", "fatal", "inaceptable"],
  it: ["vergogna", "truffa", "inaccettabile", "stufo", "pessimo"],
  nl: ["schandalig", "oplichting", "belachelijk", "waardeloos", "ben het zat"],
};

describe("sentiment lexicons", () => {
  for (const language of LANGUAGES) {
    const lexicon = LEXICONS[language];
    const keys = Object.keys(lexicon.weights);

    test(`${language}: 120-250 entries, weights in -5..5, phrases included`, () => {
      assert.ok(keys.length >= 120 && keys.length <= 250, `${keys.length} entries`);
      for (const [key, weight] of Object.entries(lexicon.weights)) {
        assert.ok(weight >= -5 && weight <= 5, `${key}: ${weight}`);
      }
      assert.ok(keys.filter((k) => keyOf(k).includes(" ")).length >= 40, "too few multi-word phrases");
    });

    test(`${language}: keys stay distinct and non-empty once folded`, () => {
      const folded = keys.map(keyOf);
      assert.ok(folded.every((k) => k.length > 0));
      assert.equal(new Set(folded).size, folded.length, "two keys fold to the same text");
    });

    test(`${language}: modifiers and negators are well formed`, () => {
      for (const [key, factor] of Object.entries(lexicon.modifiers)) {
        assert.ok(factor > 0 && factor !== 1 && factor <= 2, `${key}: ${factor}`);
      }
      for (const [key, strength] of Object.entries(lexicon.negators)) {
        assert.ok(strength >= 1 && strength <= 1.5, `${key}: ${strength}`);
      }
    });

    test(`${language}: carries the issue's anger cues`, () => {
      const weights = new Map(Object.entries(lexicon.weights).map(([k, w]) => [keyOf(k), w]));
      for (const cue of REQUIRED_NEGATIVE[language] ?? []) {
        assert.ok((weights.get(keyOf(cue)) ?? 0) <= -2, `${cue} missing or too weak`);
      }
    });
  }
});
