/**
 * Message parameters keep their kind until rendering, so the same message reads "#W2378156" in a
 * chat and "W, 2 3 7, 8 1 5 6" on the phone, and money and dates follow the customer's locale.
 */
export type MessageParam =
  | string
  | number
  | { kind: "money"; minor: number; currency: string }
  | { kind: "date"; iso: string }
  | { kind: "order"; id: string }
  | { kind: "code"; value: string }
  | { kind: "email"; value: string }
  | { kind: "list"; items: MessageParam[] }
  /** A catalogue product, named in the customer's language, with its option values when they matter. */
  | { kind: "product"; name: string; options?: string[]; quantity?: number }
  /** Option names and values ("color red"), in the customer's language. */
  | { kind: "variant"; options: Array<[name: string, value: string]> }
  /** Numbered choices: one per line in a chat, one after another on the phone. */
  | { kind: "options"; items: MessageParam[] }
  /** Whole sentences one after another (reasons, refunds): joined with spaces, not "and". */
  | { kind: "sentences"; items: MessageParam[] }
  | { kind: "text"; key: string; params?: Record<string, MessageParam> };

export type MessageParams = Record<string, MessageParam>;

export const money = (minor: number, currency: string): MessageParam => ({ kind: "money", minor, currency });
export const date = (iso: string): MessageParam => ({ kind: "date", iso });
export const order = (id: string): MessageParam => ({ kind: "order", id });
export const code = (value: string): MessageParam => ({ kind: "code", value });
export const product = (name: string, options?: string[], quantity = 1): MessageParam => ({
  kind: "product",
  name,
  ...(options && options.length > 0 ? { options } : {}),
  ...(quantity > 1 ? { quantity } : {}),
});
export const variant = (options: Array<[string, string]>): MessageParam => ({ kind: "variant", options });
export const list = (items: MessageParam[]): MessageParam => ({ kind: "list", items });
export const options = (items: MessageParam[]): MessageParam => ({ kind: "options", items });
export const sentences = (items: MessageParam[]): MessageParam => ({ kind: "sentences", items });
/** Another message, rendered in place (a reason inside a refusal, a clause inside a summary). */
export const text = (key: string, params?: Record<string, MessageParam>): MessageParam =>
  params ? { kind: "text", key, params } : { kind: "text", key };
