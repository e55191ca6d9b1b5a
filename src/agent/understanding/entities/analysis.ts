import type { EntityContext, Language } from "../types.ts";
import { type Token, tokenize } from "./text.ts";
import { type LanguageWords, WORDS } from "./words/index.ts";

/** One message as every extractor sees it: tokenised once, with its context and language's words. */
export interface Analysis {
  text: string;
  tokens: Token[];
  context: EntityContext;
  language: Language;
  words: LanguageWords;
}

export function analyse(text: string, context: EntityContext): Analysis {
  const language = context.language in WORDS ? context.language : "en";
  return { text, tokens: tokenize(text), context, language, words: WORDS[language] };
}
