/**
 * What understanding produces for one customer message, whichever back-end made it (the embedded one
 * trained from the agent's utterances, or an LLM). Skills read only this.
 */

export const LANGUAGES = ["en", "de", "fr", "es", "it", "nl"] as const;
export type Language = (typeof LANGUAGES)[number];

export const INTENTS = [
  "order_status",
  "delivery_time",
  "return",
  "exchange",
  "refund_status",
  "cancel",
  "change_address",
  "change_payment",
  "change_items",
  "invoice_payment",
  "product_question",
  "policy_question",
  "complaint",
  "human_agent",
  "greeting",
  "thanks",
  "goodbye",
  "affirm",
  "deny",
  "out_of_scope",
] as const;
export type Intent = (typeof INTENTS)[number];

/** Markets a postcode or phone number can belong to. */
export type Country = "US" | "GB" | "DE" | "FR" | "ES" | "IT" | "NL";

interface Span {
  /** The words in the message that carried the entity. */
  text: string;
  start: number;
  end: number;
}

export type Entity = Span &
  (
    | { type: "order_id"; value: string }
    | { type: "email"; value: string }
    | { type: "phone"; value: string }
    | { type: "postal_code"; value: string; country: Country }
    | { type: "person_name"; value: { first?: string; last?: string } }
    | { type: "amount"; value: { amount: number; currency?: string } }
    | { type: "date"; value: string }
    | { type: "number"; value: number }
    | { type: "ordinal"; value: number }
    | { type: "quantifier"; value: "all" | "both" | "none" }
    | { type: "yes_no"; value: boolean }
    | { type: "product"; value: { productId: string; name: string; score: number } }
    | { type: "option_value"; value: { option?: string; value: string; score: number } }
    | { type: "item_reference"; value: { lineIds: string[] } }
  );

export type EntityType = Entity["type"];

/** What the extractors may look at besides the text. */
export interface EntityContext {
  language: Language;
  /** "Today" for relative dates ("next Friday"): YYYY-MM-DD. */
  today: string;
  /** The customer's market, to read postcodes and national phone numbers. */
  country?: Country;
  /** What the agent just asked for: an answer is read against it ("12345" after "your zip code?"). */
  expecting?: EntityType;
  /** The store's products and their option values, for fuzzy matching ("the blue kettle"). */
  catalog?: CatalogTerms;
  /** The lines of the order under discussion, for references ("the second one", "both", "the keyboard"). */
  orderItems?: Array<{ lineId: string; name: string; options: Record<string, string> }>;
}

export interface CatalogTerms {
  /** `aliases`: what customers call the product in any language ("Turnschuhe", "rompecabezas"). */
  products: Array<{ id: string; name: string; options: Record<string, string[]>; aliases?: string[] }>;
  /** What customers call option values in any language, by the catalogue's value ("red": ["rot", "rouge"]). */
  optionAliases?: Record<string, string[]>;
  /** What customers call the options themselves, by the catalogue's option name ("color": ["Farbe"]). */
  optionLabels?: Record<string, string[]>;
}

export interface Sentiment {
  /** -1 (furious) to +1 (delighted). */
  score: number;
  label: "negative" | "neutral" | "positive";
}

export interface Understanding {
  text: string;
  language: Language;
  intent: Intent;
  confidence: number;
  /** Runner-up intents with their scores, for disambiguation. */
  alternatives: Array<{ intent: Intent; confidence: number }>;
  entities: Entity[];
  sentiment: Sentiment;
}
