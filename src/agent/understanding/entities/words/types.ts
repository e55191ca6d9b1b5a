import type { Country } from "../../types.ts";

export type Quantifier = "all" | "both" | "none";
export type Currency = "USD" | "EUR" | "GBP";
/**
 * "this": that weekday today or later this week; "upcoming": the first such weekday after today;
 * "next-week": that weekday in the next calendar week (Monday to Sunday).
 */
export type WeekdayMode = "this" | "upcoming" | "next-week";
export type DateUnit = "day" | "week" | "month";

/**
 * One language's vocabulary for the extractors. Phrases are written naturally (accents, apostrophes,
 * hyphens): they are folded and tokenised the same way as the customer's text.
 */
export interface LanguageWords {
  /** 0..100 as words, each spelling a separate entry ("twenty-one", "einundzwanzig", "vingt et un"). */
  cardinals: Array<readonly [string, number]>;
  /** Cardinal words that are also articles or pronouns ("un", "een"): read as numbers only in digit strings. */
  articleNumbers: string[];
  /** Digit-only readings used when saying digits one by one ("oh" for zero, "zwo" for two). */
  digitWords: Array<readonly [string, number]>;
  /** "double five" = 55. */
  multipliers: Array<readonly [string, number]>;
  /** 1..10, "last" = -1, "second to last" = -2. */
  ordinals: Array<readonly [string, number]>;
  /** Ordinal words 1..31 for days of the month; may repeat `ordinals`. */
  dayOrdinals: Array<readonly [string, number]>;
  /** Written after digits to make an ordinal ("2nd", "2e", "2º"). */
  ordinalSuffixes: string[];
  /** Phrases that contain an ordinal word but are not one ("first name", "last week", "secondo me"). */
  ordinalBlockers: string[];
  quantifiers: Array<readonly [string, Quantifier]>;
  /** Determiners that are a quantifier only standing alone ("Keine." but not "keine Ahnung", "geen tijd"). */
  boundQuantifiers: Array<readonly [string, Quantifier]>;
  /** Phrases that contain a quantifier word but are not one ("all right", "pas du tout"). */
  quantifierBlockers: string[];

  yes: string[];
  no: string[];
  /** Only an answer at the start of a message or when the agent asked a yes/no question ("right", "gut"). */
  weakYes: string[];
  weakNo: string[];
  /**
   * Answer words that double as the verb's negation ("No he recibido mi pedido", "Non è arrivato"): an
   * answer only before punctuation, the end, or another answer word, unless a yes/no question was asked.
   */
  boundAnswers: string[];
  /** Phrases that contain answer words but answer nothing ("no idea", "I don't know", "good morning"). */
  answerBlockers: string[];
  /** Turn a following yes word into a no ("not ok", "nicht gut", "pas bon", "niet goed"). */
  negators: string[];
  /** Words that may come before an answer without making it less of an answer ("well", "ähm", "bueno"). */
  fillers: string[];

  orderWords: string[];
  /** Postcode words, with the market they imply when the customer's country is unknown. */
  postcodeWords: Array<readonly [string, Country | undefined]>;

  /** Followed by a full name; lower case accepted ("my name is yusuf rossi"). */
  nameTriggers: string[];
  /** Followed by a name only when it is capitalised ("I'm Yusuf", but not "I'm looking"). */
  weakNameTriggers: string[];
  lastNameTriggers: string[];
  firstNameTriggers: string[];
  /** "Mr", "Frau", "Madame": the next word is a last name. */
  honorifics: string[];
  /** Lower-case words inside a last name ("van den Berg", "De Luca", "von der Heide"). */
  nameParticles: string[];
  /** Capitalised or not, never a name ("Sorry", "Kunde", "Here"). */
  nameStopwords: string[];

  emailAt: string[];
  emailDot: string[];
  emailUnderscore: string[];
  emailDash: string[];

  currencies: Array<readonly [string, Currency]>;
  /** Said before a phone number's country code. */
  plus: string[];
  /** "size L", "Größe M". */
  sizeWords: string[];

  months: Array<readonly [string, number]>;
  /** Three-letter and similar abbreviations, matched only next to a day number. */
  monthAbbreviations: Array<readonly [string, number]>;
  /** 0 = Monday. */
  weekdays: Array<readonly [string, number]>;
  /** "Fri", "Sa.": only capitalised or followed by a dot, since "sat" and "sun" are words. */
  weekdayAbbreviations: Array<readonly [string, number]>;
  /** "today" = 0, "tomorrow" = 1, "yesterday" = -1. */
  relativeDays: Array<readonly [string, number]>;
  /** Phrases with a relative-day word that are not a date ("Guten Morgen", "por la mañana"). */
  relativeBlockers: string[];
  /** Before a weekday: "next", "this", "on", "nächsten", "ce", "el próximo". */
  weekdayBefore: Array<readonly [string, WeekdayMode]>;
  /** After a weekday: "prochain", "que viene", "prossimo", "next week". */
  weekdayAfter: Array<readonly [string, WeekdayMode]>;
  /** "in", "dans", "dentro de", "tra", "over". */
  inWords: string[];
  /** "from now", "à partir d'aujourd'hui": after "3 days" without "in". */
  fromNow: string[];
  units: Array<readonly [string, DateUnit]>;
  /** "a", "einer", "une", "una", "een": "in a week". */
  indefinite: string[];
  /** "end of the month" -> month 0; "end of next week" -> week 1. */
  endOf: Array<readonly [string, { unit: "week" | "month"; offset: number }]>;
  /** Words before a bare day of the month that make it a date ("on the 3rd", "am 3.", "le 3", "el 3"). */
  datePrepositions: string[];
  /** Articles before a day of the month ("the", "den", "le", "el", "il", "de"). */
  dayArticles: string[];
  /** Between day and month ("3rd of December", "3 de diciembre"). */
  dayMonthJoiners: string[];

  /** Common words, never fuzzy-matched against catalog terms. */
  stopwords: string[];
}
