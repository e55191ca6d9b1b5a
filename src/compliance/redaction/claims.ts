import type { RedactionKind } from "./types.ts";

/**
 * The parts of one message that redaction has already decided about. Detectors run one after another on
 * the original text, and each span they claim is closed to the later ones: an IBAN's digits are not read
 * again as card digits, and text kept on purpose (an e-mail address, an earlier mask) is not touched.
 */

export interface Replacement {
  start: number;
  end: number;
  mask: string;
  kind: RedactionKind;
}

export class Claims {
  private readonly taken: Uint8Array;
  readonly replacements: Replacement[] = [];

  constructor(readonly text: string) {
    this.taken = new Uint8Array(text.length);
  }

  isTaken(index: number): boolean {
    return this.taken[index] === 1;
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.taken[i] === 1) return false;
    return true;
  }

  /** Keeps a span as written: later detectors skip it. */
  keep(start: number, end: number): boolean {
    if (start >= end || !this.isFree(start, end)) return false;
    this.taken.fill(1, start, end);
    return true;
  }

  /** Replaces a span by a mask, unless some of it was claimed already. */
  replace(start: number, end: number, mask: string, kind: RedactionKind): boolean {
    if (!this.keep(start, end)) return false;
    this.replacements.push({ start, end, mask, kind });
    return true;
  }

  count(kind: RedactionKind): number {
    let n = 0;
    for (const r of this.replacements) if (r.kind === kind) n++;
    return n;
  }

  apply(): string {
    if (this.replacements.length === 0) return this.text;
    const sorted = [...this.replacements].sort((a, b) => a.start - b.start);
    let out = "";
    let at = 0;
    for (const r of sorted) {
      out += this.text.slice(at, r.start) + r.mask;
      at = r.end;
    }
    return out + this.text.slice(at);
  }
}
