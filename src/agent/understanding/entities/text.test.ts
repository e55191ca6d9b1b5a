import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { PhraseTrie, phraseSet } from "./phrases.ts";
import { fold, isCapitalised, keyOf, tokenize } from "./text.ts";

describe("folding and tokens", () => {
  test("fold removes case and accents, and spells out ß, œ, æ", () => {
    assert.equal(fold("Fünf"), "funf");
    assert.equal(fold("DEUXIÈME"), "deuxieme");
    assert.equal(fold("Straße"), "strasse");
    assert.equal(fold("sœur"), "soeur");
    assert.equal(fold("último"), "ultimo");
    assert.equal(fold("één"), "een");
  });

  test("letters and digits are separate tokens; apostrophes and hyphens split", () => {
    assert.deepEqual(
      tokenize("W2378156 I'm d'accord 2nd 1000ml t-shirt").map((t) => t.text),
      ["W", "2378156", "I", "m", "d", "accord", "2", "nd", "1000", "ml", "t", "shirt"],
    );
    const [w, digits] = tokenize("#W2378156");
    assert.equal(w?.start, 1);
    assert.equal(digits?.start, 2);
    assert.equal(digits?.num, true);
  });

  test("keyOf and capitals", () => {
    assert.equal(keyOf("D'Accord!"), "d accord");
    assert.ok(isCapitalised("Éric"));
    assert.ok(!isCapitalised("éric"));
  });

  test("property: tokens are the original text at their offsets, in order", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."aZ9 '-.,éß\u0301İ😀\ud800"), maxLength: 80 }),
        (text) => {
          let previous = 0;
          for (const t of tokenize(text)) {
            assert.equal(text.slice(t.start, t.end), t.text);
            assert.ok(t.start >= previous);
            previous = t.end;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("phrase trie", () => {
  const trie = new PhraseTrie<string>([
    ["of course", "yes"],
    ["of course not", "no"],
    ["tous les deux", "both"],
    ["tous", "all"],
  ]);

  test("the longest phrase wins", () => {
    const tokens = tokenize("of course not");
    assert.deepEqual(trie.match(tokens, 0, "of course not"), { end: 3, value: "no" });
    const fr = "je les veux tous les deux";
    assert.deepEqual(
      trie.scan(tokenize(fr), fr).map((m) => m.value),
      ["both"],
    );
  });

  test("phrases match across commas and spelling, not across a sentence end", () => {
    assert.equal(trie.match(tokenize("Of, COURSE"), 0, "Of, COURSE")?.value, "yes");
    assert.equal(trie.match(tokenize("of course. not"), 0, "of course. not")?.value, "yes");
  });

  test("the first value added for a phrase stays; starts() looks at first words", () => {
    const set = phraseSet(["a b", "a b"]);
    assert.ok(set.starts("a"));
    assert.ok(!set.starts("b"));
    const t = new PhraseTrie<number>([
      ["x", 1],
      ["x", 2],
    ]);
    assert.equal(t.match(tokenize("x"), 0, "x")?.value, 1);
  });
});
