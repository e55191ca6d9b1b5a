/**
 * A JSGF grammar (the subset `buildGrammar` writes: rules, alternatives, weights, groups, optional
 * parts, `+` and `*`, rule references) as a word automaton, to judge the words heard so far against
 * it: not in the grammar, the start of a sentence, a whole sentence that may go on ("thank you" →
 * "thank you very much"), or a whole sentence nothing can follow ("okay thanks bye"). The last is the
 * end-of-turn signal that needs no long silence: the caller has said all the grammar allows.
 */

type Node =
  | { kind: "word"; word: string }
  | { kind: "ref"; name: string }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "optional"; node: Node }
  | { kind: "repeat"; node: Node; atLeastOnce: boolean };

export type Judgement = "outside" | "prefix" | "complete" | "final";

const MAX_DEPTH = 32;

/** Splits one rule's expansion into tokens: words, rule names, brackets, `|`, `+`, `*`, weights. */
function tokenize(expansion: string): string[] {
  return expansion.match(/<[^>]+>|\/[^/]*\/|[()[\]|+*]|[^\s()[\]|+*<>/]+/g) ?? [];
}

function parseExpansion(tokens: string[]): Node {
  let at = 0;
  const alternatives = (): Node => {
    const options = [sequence()];
    while (tokens[at] === "|") {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: "alt", options };
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    for (;;) {
      const token = tokens[at];
      if (token === undefined || token === "|" || token === ")" || token === "]") break;
      if (token.startsWith("/")) {
        at++; // a weight: the search's business, not what may be said
        continue;
      }
      let node = atom();
      while (tokens[at] === "+" || tokens[at] === "*") {
        node = { kind: "repeat", node, atLeastOnce: tokens[at] === "+" };
        at++;
      }
      items.push(node);
    }
    return items.length === 1 ? (items[0] as Node) : { kind: "seq", items };
  };
  const atom = (): Node => {
    const token = tokens[at++] as string;
    if (token === "(" || token === "[") {
      const inner = alternatives();
      const close = tokens[at++];
      if (close !== (token === "(" ? ")" : "]")) throw new Error(`JSGF: unbalanced ${token}`);
      return token === "[" ? { kind: "optional", node: inner } : inner;
    }
    if (token.startsWith("<")) return { kind: "ref", name: token.slice(1, -1) };
    return { kind: "word", word: token.toLowerCase() };
  };
  const node = alternatives();
  if (at !== tokens.length) throw new Error(`JSGF: unexpected "${tokens[at]}"`);
  return node;
}

/** Rules by name and the public rule's name, from grammar text. */
function parseGrammar(text: string): { rules: Map<string, Node>; root: string } {
  const body = text.replace(/^#JSGF[^;]*;/, "").replace(/^\s*grammar\s+[^;]+;/, "");
  const rules = new Map<string, Node>();
  let root: string | null = null;
  for (const statement of body.split(";")) {
    const match = /^\s*(public\s+)?<([^>]+)>\s*=([\s\S]*)$/.exec(statement);
    if (!match) {
      if (statement.trim() !== "") throw new Error(`JSGF: not a rule: ${statement.trim().slice(0, 40)}`);
      continue;
    }
    const [, isPublic, name, expansion] = match as unknown as [string, string | undefined, string, string];
    rules.set(name, parseExpansion(tokenize(expansion)));
    if (isPublic && root === null) root = name;
  }
  if (root === null) throw new Error("JSGF: no public rule");
  return { rules, root };
}

export class GrammarAutomaton {
  /** Per state: words to the states they lead to, and the states reached without a word. */
  private readonly edges: Array<Map<string, number[]>> = [];
  private readonly empty: number[][] = [];
  private readonly accept: number;
  private readonly start: Set<number>;

  constructor(text: string) {
    const { rules, root } = parseGrammar(text);
    const begin = this.state();
    this.accept = this.state();
    const build = (node: Node, from: number, to: number, depth: number): void => {
      switch (node.kind) {
        case "word": {
          const out = this.edges[from] as Map<string, number[]>;
          out.set(node.word, [...(out.get(node.word) ?? []), to]);
          return;
        }
        case "ref": {
          const rule = rules.get(node.name);
          if (!rule) throw new Error(`JSGF: no rule <${node.name}>`);
          if (depth > MAX_DEPTH) throw new Error(`JSGF: <${node.name}> nests too deep (recursive?)`);
          build(rule, from, to, depth + 1);
          return;
        }
        case "seq": {
          let at = from;
          node.items.forEach((item, i) => {
            const next = i === node.items.length - 1 ? to : this.state();
            build(item, at, next, depth);
            at = next;
          });
          if (node.items.length === 0) this.link(from, to);
          return;
        }
        case "alt":
          for (const option of node.options) build(option, from, to, depth);
          return;
        case "optional":
          build(node.node, from, to, depth);
          this.link(from, to);
          return;
        case "repeat": {
          const loopStart = this.state();
          const loopEnd = this.state();
          this.link(from, loopStart);
          build(node.node, loopStart, loopEnd, depth);
          this.link(loopEnd, loopStart);
          this.link(loopEnd, to);
          if (!node.atLeastOnce) this.link(from, to);
          return;
        }
      }
    };
    build({ kind: "ref", name: root }, begin, this.accept, 0);
    this.start = this.closure([begin]);
  }

  private state(): number {
    this.edges.push(new Map());
    this.empty.push([]);
    return this.edges.length - 1;
  }

  private link(from: number, to: number): void {
    (this.empty[from] as number[]).push(to);
  }

  private closure(states: Iterable<number>): Set<number> {
    const seen = new Set(states);
    const stack = [...seen];
    while (stack.length > 0) {
      for (const next of this.empty[stack.pop() as number] as number[])
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
    }
    return seen;
  }

  /** Where these words stand in the grammar (lower-case words as the recogniser spells them). */
  judge(words: readonly string[]): Judgement {
    let current = this.start;
    for (const word of words) {
      const reached: number[] = [];
      for (const state of current)
        reached.push(...((this.edges[state] as Map<string, number[]>).get(word) ?? []));
      if (reached.length === 0) return "outside";
      current = this.closure(reached);
    }
    if (!current.has(this.accept)) return "prefix";
    for (const state of current) if ((this.edges[state] as Map<string, number[]>).size > 0) return "complete";
    return "final";
  }
}
