import type { Catalog } from "./catalog.ts";
import { DisplayNames } from "./names.ts";
import type { MessageParam, MessageParams } from "./params.ts";

export type RenderMode = "text" | "voice";

/** Reads identifiers in groups a listener can follow: "W, 2 3 7, 8 1 5 6". */
export function spokenCode(value: string): string {
  const clean = value.replace(/^#/, "");
  const letters = clean.match(/^[A-Za-z]+/)?.[0] ?? "";
  const rest = clean.slice(letters.length).replace(/[\s-]/g, "");
  const groups: string[] = [];
  const size = rest.length === 7 ? [3, 4] : rest.length > 4 ? [3] : [rest.length];
  let i = 0;
  for (const n of size) {
    groups.push(rest.slice(i, i + n));
    i += n;
  }
  while (i < rest.length) {
    groups.push(rest.slice(i, i + 3));
    i += 3;
  }
  const spelled = groups.filter(Boolean).map((g) => g.split("").join(" "));
  return [...(letters ? [letters.split("").join(" ")] : []), ...spelled].join(", ");
}

function spokenEmail(value: string): string {
  return value
    .replace(/\./g, " dot ")
    .replace(/@/g, " at ")
    .replace(/_/g, " underscore ")
    .replace(/-/g, " dash ");
}

/** Renders catalog messages in one language and locale, for a chat (text) or a call (voice). */
export class Renderer {
  constructor(
    private readonly catalog: Catalog,
    private readonly fallback: Catalog,
    readonly locale: string,
    readonly mode: RenderMode = "text",
    /** Dates in this year are read without the year. */
    private readonly currentYear: number = new Date().getUTCFullYear(),
    private readonly names: DisplayNames = new DisplayNames("en"),
  ) {}

  render(key: string, params: MessageParams = {}): string {
    const entry = this.catalog.get(key) ?? this.fallback.get(key);
    if (!entry) return key;
    const values: Record<string, string | number> = {};
    for (const [name, param] of Object.entries(params)) values[name] = this.value(param);
    const format = this.mode === "voice" ? entry.voice : entry.text;
    // Tidies what empty parameters leave ("Thanks ,"); only ASCII spaces, so French keeps its
    // non-breaking space before "?" and "!".
    return String(format.format(values))
      .replace(/ +([.,!?])/g, "$1")
      .replace(/ {2,}/g, " ")
      .replace(/ +\n/g, "\n")
      .trim();
  }

  value(param: MessageParam): string | number {
    if (typeof param === "string" || typeof param === "number") return param;
    switch (param.kind) {
      case "money":
        return new Intl.NumberFormat(this.locale, { style: "currency", currency: param.currency }).format(
          param.minor / 100,
        );
      case "date": {
        const d = new Date(param.iso.length === 10 ? `${param.iso}T12:00:00Z` : param.iso);
        return new Intl.DateTimeFormat(this.locale, {
          day: "numeric",
          month: "long",
          timeZone: "UTC",
          ...(this.sameYear(d) ? {} : { year: "numeric" }),
        }).format(d);
      }
      case "order":
        return this.mode === "voice" ? spokenCode(param.id) : param.id;
      case "code":
        return this.mode === "voice" ? spokenCode(param.value) : param.value;
      case "email":
        return this.mode === "voice" ? spokenEmail(param.value) : param.value;
      case "product": {
        const counted = this.names.product(param.name);
        const name = param.quantity ? `${param.quantity} × ${counted}` : counted;
        if (!param.options?.length) return name;
        return `${name} (${param.options.map((v) => this.names.value(v)).join(", ")})`;
      }
      case "variant":
        return param.options
          .map(([option, value]) => `${this.names.option(option)} ${this.names.value(value)}`)
          .join(", ");
      case "list":
        return new Intl.ListFormat(this.locale, { style: "long", type: "conjunction" }).format(
          param.items.map((i) => String(this.value(i))),
        );
      case "options": {
        const items = param.items.map((item) => String(this.value(item)));
        return this.mode === "voice" ? items.join(". ") : `\n${items.join("\n")}`;
      }
      case "sentences":
        return param.items
          .map((item, i) => {
            const sentence = String(this.value(item));
            return i === 0 ? sentence : sentence.charAt(0).toLocaleUpperCase(this.locale) + sentence.slice(1);
          })
          .join(" ");
      case "text":
        return this.render(param.key, param.params);
    }
  }

  private sameYear(d: Date): boolean {
    return d.getUTCFullYear() === this.currentYear;
  }
}
