import type { Language } from "../../types.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { it } from "./it.ts";
import { nl } from "./nl.ts";
import type { LanguageLexicon } from "./types.ts";

export const LEXICONS: Record<Language, LanguageLexicon> = { en, de, fr, es, it, nl };
