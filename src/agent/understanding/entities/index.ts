import type { Entity, EntityContext } from "../types.ts";
import { extractAmounts } from "./amounts.ts";
import { analyse } from "./analysis.ts";
import { extractOptionValues, extractProducts } from "./catalog.ts";
import { extractDates } from "./dates.ts";
import { extractEmails } from "./email.ts";
import { extractItemReferences } from "./item-references.ts";
import { extractNames } from "./names.ts";
import { extractNumbers } from "./numbers.ts";
import { extractOrderIds } from "./order-number.ts";
import { extractOrdinals } from "./ordinals.ts";
import { extractPhones } from "./phone.ts";
import { extractPostalCodes } from "./postal-code.ts";
import { extractQuantifiers } from "./quantifiers.ts";
import { resolveOverlaps } from "./resolve.ts";
import { extractYesNo } from "./yes-no.ts";

/**
 * The embedded understanding's entities for one message: pure, synchronous and offline. Entities come back
 * sorted by where they start, each with the span of the original text that carried it; overlapping
 * readings are resolved to one (see resolve.ts), except item references, which point at lines of the order
 * through the words of other entities ("the second one" is an ordinal and a reference).
 */
export function extractEntities(text: string, context: EntityContext): Entity[] {
  if (typeof text !== "string" || text.trim() === "") return [];
  const a = analyse(text, context);
  const candidates = [
    ...extractEmails(a),
    ...extractOrderIds(a),
    ...extractPhones(a),
    ...extractPostalCodes(a),
    ...extractAmounts(a),
    ...extractDates(a),
    ...extractNames(a),
    ...extractYesNo(a),
    ...extractQuantifiers(a),
    ...extractOrdinals(a),
    ...extractNumbers(a),
  ];
  const products = extractProducts(a);
  const productIds = products.map((p) => (p.type === "product" ? p.value.productId : ""));
  candidates.push(...products, ...extractOptionValues(a, productIds));
  const resolved = resolveOverlaps(candidates);
  const references = extractItemReferences(a, resolved);
  return [...resolved, ...references].sort((x, y) => x.start - y.start || x.end - y.end);
}

export type { CatalogTerms, Country, Entity, EntityContext, EntityType, Language } from "../types.ts";
export { findSpokenDigits } from "./spoken-digits.ts";
