import { LANGUAGES, type Language } from "../../types.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { it } from "./it.ts";
import { nl } from "./nl.ts";
import type { LanguageWords } from "./types.ts";

export type { Currency, DateUnit, LanguageWords, Quantifier, WeekdayMode } from "./types.ts";

export const WORDS: Readonly<Record<Language, LanguageWords>> = { en, de, fr, es, it, nl };

/** Every language's entries of one list, English first (the first spelling added wins in a trie). */
export function allLanguages<T>(pick: (words: LanguageWords) => readonly T[]): T[] {
  return LANGUAGES.flatMap((language) => pick(WORDS[language]));
}

/** Builds a structure once per language, on first use. */
export function perLanguage<T>(
  build: (words: LanguageWords, language: Language) => T,
): (language: Language) => T {
  const cache = new Map<Language, T>();
  return (language) => {
    let value = cache.get(language);
    if (value === undefined) {
      value = build(WORDS[language], language);
      cache.set(language, value);
    }
    return value;
  };
}

/** Builds a structure once, on first use. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
