import type { Language } from "../understanding/types.ts";

/** Catalogue spelling → language → the words customers use, the first being how we write it to them. */
export type NamesByLanguage = Record<string, Partial<Record<Language, string[]>>>;

export interface CustomerNames {
  products: NamesByLanguage;
  /** Option values ("red" → "rot") and option names ("color" → "Farbe"). */
  values: NamesByLanguage;
  options: NamesByLanguage;
}

/**
 * How catalogue names read in the customer's language. The catalogue is written once, in English; the
 * agent's `product-names.yaml` and `option-names.yaml` say what customers call things, and the first word
 * listed for a language is the one the agent writes back ("Ihr Bluetooth-Lautsprecher in Rot" rather
 * than "bluetooth speaker, color red"). Anything without a name in that language keeps the catalogue's.
 */
export class DisplayNames {
  constructor(
    private readonly language: Language,
    private readonly names: CustomerNames = { products: {}, values: {}, options: {} },
  ) {}

  /** A product name as a common noun inside a sentence: "the mechanical keyboard", "die Tastatur". */
  product(name: string): string {
    const local = this.first(this.names.products, name);
    if (local === undefined) return name.toLowerCase();
    // German nouns, and each part of a hyphenated compound, start with a capital ("Gaming-Maus").
    return this.language === "de"
      ? local.replace(/(^|[\s-])(\p{Ll})/gu, (_, p, c) => p + c.toUpperCase())
      : local;
  }

  value(value: string): string {
    return this.first(this.names.values, value) ?? value;
  }

  option(name: string): string {
    return this.first(this.names.options, name) ?? name;
  }

  private first(table: NamesByLanguage, key: string): string | undefined {
    // The catalogue is English already; English lists hold other spellings customers use ("gray").
    if (this.language === "en") return undefined;
    return table[key]?.[this.language]?.[0];
  }
}
