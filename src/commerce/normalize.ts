import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { Region } from "./types.ts";

/** How customers' identifiers are compared: the way people type and say them, not byte for byte. */

/** Case- and accent-insensitive: "Vázquez" and "vazquez" are the same name on the phone. */
export function foldName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** "sw1a 1aa" and "SW1A1AA" are one postcode. */
export function postalKey(postalCode: string): string {
  return postalCode.replace(/[\s-]+/g, "").toUpperCase();
}

/** The markets tried, in order, for a phone number written without a country code. */
export const PHONE_REGIONS: readonly Region[] = ["US", "GB", "DE", "FR", "ES", "IT", "NL"];

/** Every E.164 reading of a phone number: one when it carries its country code, else one per market. */
export function phoneCandidates(phone: string, regions: readonly Region[] = PHONE_REGIONS): string[] {
  const raw = phone.trim().replace(/^00/, "+");
  if (raw.startsWith("+")) {
    const parsed = parsePhoneNumberFromString(raw);
    return parsed?.isPossible() ? [parsed.number] : [];
  }
  const out: string[] = [];
  for (const region of regions) {
    const parsed = parsePhoneNumberFromString(raw, region);
    if (parsed?.isPossible() && !out.includes(parsed.number)) out.push(parsed.number);
  }
  return out;
}
