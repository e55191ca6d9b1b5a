/**
 * One language's sentiment vocabulary. Keys are written naturally (accents, apostrophes, hyphens) and
 * folded when the lexicon is compiled, so they match accent-free and differently punctuated text.
 */
export interface LanguageLexicon {
  /** Word or phrase -> weight from -5 (furious) to +5 (delighted). 0 shields a phrase ("good morning"). */
  weights: Record<string, number>;
  /** Negation cue -> strength: 1 flips ("not"), 1.5 flips harder ("not at all", "überhaupt nicht"). */
  negators: Record<string, number>;
  /** Intensifier or downtoner -> factor on the next sentiment word: >1 strengthens, <1 softens. */
  modifiers: Record<string, number>;
  /** "but" words: what follows them counts more than what came before ("fast, but broken"). */
  contrasts: string[];
  /**
   * Inflection endings tried when a word is not in `weights`: [ending, replacement]. They let
   * "schlechte" find "schlecht" and "arrabbiata" find "arrabbiato" without listing every form.
   */
  endings: Array<[string, string]>;
  /**
   * Intensifying prefixes of compound words -> factor: Dutch "superblij", German "megagut". A word missing
   * from `weights` whose rest is in it counts as that word, strengthened.
   */
  prefixes: Record<string, number>;
}
