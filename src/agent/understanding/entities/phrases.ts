import { crossesSentence, phraseKey, type Token } from "./text.ts";

/**
 * Multi-word word lists ("of course not", "tous les deux", "end of next month") matched on folded tokens.
 * Longest match wins, so "of course not" beats "of course" and "tous les deux" beats "tous".
 */

interface Node<V> {
  next: Map<string, Node<V>>;
  value?: V;
  hasValue: boolean;
}

export interface PhraseMatch<V> {
  /** Token index after the last matched token. */
  end: number;
  value: V;
}

function node<V>(): Node<V> {
  return { next: new Map(), hasValue: false };
}

export class PhraseTrie<V> {
  private readonly root: Node<V> = node();

  constructor(entries: Iterable<readonly [string, V]> = []) {
    for (const [phrase, value] of entries) this.add(phrase, value);
  }

  /** The first value added for a phrase stays: word lists put the preferred reading first. */
  add(phrase: string, value: V): void {
    const key = phraseKey(phrase);
    if (key.length === 0) return;
    let at = this.root;
    for (const word of key) {
      let child = at.next.get(word);
      if (!child) {
        child = node();
        at.next.set(word, child);
      }
      at = child;
    }
    if (!at.hasValue) {
      at.value = value;
      at.hasValue = true;
    }
  }

  /** Whether some phrase starts with this folded word. */
  starts(word: string): boolean {
    return this.root.next.has(word);
  }

  /** Longest phrase starting at token `i`, not running across a sentence end. */
  match(tokens: readonly Token[], i: number, text: string): PhraseMatch<V> | undefined {
    const first = tokens[i];
    if (!first || !this.root.next.has(first.norm)) return undefined;
    let at = this.root;
    let best: PhraseMatch<V> | undefined;
    for (let j = i; j < tokens.length; j++) {
      const token = tokens[j] as Token;
      if (j > i && crossesSentence(text.slice((tokens[j - 1] as Token).end, token.start))) break;
      const child = at.next.get(token.norm);
      if (!child) break;
      at = child;
      if (at.hasValue) best = { end: j + 1, value: at.value as V };
    }
    return best;
  }

  /** Every longest, non-overlapping match, scanning left to right. */
  scan(tokens: readonly Token[], text: string): Array<PhraseMatch<V> & { start: number }> {
    const out: Array<PhraseMatch<V> & { start: number }> = [];
    for (let i = 0; i < tokens.length; ) {
      const found = this.match(tokens, i, text);
      if (found) {
        out.push({ start: i, ...found });
        i = found.end;
      } else i++;
    }
    return out;
  }
}

/** A set of phrases without values. */
export function phraseSet(phrases: Iterable<string>): PhraseTrie<true> {
  const trie = new PhraseTrie<true>();
  for (const phrase of phrases) trie.add(phrase, true);
  return trie;
}
