import { randomBytes } from "node:crypto";

/** New record ids and customer-facing reference numbers. Seeds and tests use a deterministic one. */
export interface IdGenerator {
  /** An opaque id such as `ret_8f3k2m9q1z`. */
  next(prefix: string): string;
  /** A reference a customer can read out: 8 characters without 0/O and 1/I. */
  reference(prefix: string): string;
}

const READABLE = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const OPAQUE = "0123456789abcdefghijklmnopqrstuvwxyz";

function encode(bytes: Uint8Array, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

export const randomIds: IdGenerator = {
  next: (prefix) => `${prefix}_${encode(randomBytes(16), OPAQUE, 16)}`,
  reference: (prefix) => `${prefix}-${encode(randomBytes(8), READABLE, 8)}`,
};

/** Counter-based ids: the same sequence on every run, for seeds and tests. */
export function sequentialIds(start = 1): IdGenerator {
  let n = start;
  return {
    next: (prefix) => `${prefix}_${String(n++).padStart(8, "0")}`,
    reference: (prefix) => `${prefix}-${String(n++).padStart(8, "0")}`,
  };
}
