import type { Entity, Language } from "../types.ts";
import type { Analysis } from "./analysis.ts";
import { PhraseTrie } from "./phrases.ts";
import { fold, isCapitalised, type Token } from "./text.ts";
import { allLanguages, once, perLanguage } from "./words/index.ts";

/**
 * Person names after an introduction ("my name is Yusuf Rossi", "ich heiße Anna Müller", "je m'appelle",
 * "me llamo", "mi chiamo", "ik heet"), after a title ("Mrs Smith", "Herr Müller"), or on their own when
 * the agent has just asked for a name ("Yusuf Rossi", "Rossi, Yusuf"). Outside that question names must be
 * capitalised, so "I'm looking for my order" names nobody.
 */

type Trigger = "full" | "weak" | "last" | "first" | "title";

const TRIGGERS = once(() => {
  const trie = new PhraseTrie<Trigger>();
  // Longer phrases first where they overlap: "my last name is" must not read as "my ... name is".
  for (const p of allLanguages((w) => w.lastNameTriggers)) trie.add(p, "last");
  for (const p of allLanguages((w) => w.firstNameTriggers)) trie.add(p, "first");
  for (const p of allLanguages((w) => w.nameTriggers)) trie.add(p, "full");
  for (const p of allLanguages((w) => w.weakNameTriggers)) trie.add(p, "weak");
  for (const p of allLanguages((w) => w.honorifics)) trie.add(p, "title");
  return trie;
});

const TITLES = once(() => new Set(allLanguages((w) => w.honorifics).map(fold)));

const PARTICLES = once(() => {
  const all = allLanguages((w) => w.nameParticles).map((p) => fold(p).split(/\s+/));
  return all.sort((x, y) => y.length - x.length);
});

const STOPWORDS = once(
  () =>
    new Set(
      [
        ...allLanguages((w) => w.nameStopwords),
        ...allLanguages((w) => w.yes),
        ...allLanguages((w) => w.no),
        ...allLanguages((w) => w.fillers),
        ...allLanguages((w) => w.orderWords),
        // Nationalities are capitalised in English: "I'm German" introduces nobody.
        ...[
          "english",
          "british",
          "american",
          "german",
          "french",
          "spanish",
          "italian",
          "dutch",
          "canadian",
          "irish",
        ],
        ...[
          "and",
          "und",
          "et",
          "y",
          "e",
          "en",
          "or",
          "oder",
          "ou",
          "o",
          "of",
          "but",
          "aber",
          "mais",
          "pero",
          "ma",
          "maar",
        ],
      ].map(fold),
    ),
);

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/uy;
const MAX_WORDS = 4;

interface NameWord {
  text: string;
  start: number;
  end: number;
  particle: boolean;
}

interface Rules {
  /** Lower-case words accepted (the agent asked for a name, or the message has no capitals at all). */
  lowercase: boolean;
  /** Particles may open the name: "surname is van den Berg". */
  particleFirst: boolean;
  language: Language;
}

function wordAt(text: string, at: number): { text: string; start: number; end: number } | undefined {
  WORD.lastIndex = at;
  const m = WORD.exec(text);
  if (!m) return undefined;
  // "O'Brien" keeps its apostrophe; "Rossi's" and a closing quote do not belong to the name.
  const raw = m[0].replace(/['’-]+$/, "").replace(/['’]s$/i, "");
  return { text: raw, start: at, end: at + raw.length };
}

function particleAt(text: string, at: number): { end: number } | undefined {
  for (const words of PARTICLES()) {
    let pos = at;
    let ok = true;
    for (let k = 0; k < words.length; k++) {
      if (k > 0) {
        const space = /^[ \t]+/.exec(text.slice(pos));
        if (!space) {
          ok = false;
          break;
        }
        pos += space[0].length;
      }
      const w = wordAt(text, pos);
      // Particles are written in lower case inside a name; "De Luca" is an ordinary capitalised word.
      if (!w || fold(w.text) !== words[k] || w.text !== w.text.toLowerCase()) {
        ok = false;
        break;
      }
      pos = w.end;
    }
    if (ok) return { end: pos };
  }
  return undefined;
}

/** Lower-case answers ("where is my order") are checked against every language's common words too. */
const COMMON_WORDS = once(() => new Set(allLanguages((w) => w.stopwords).map(fold)));

const PARTICLE_WORDS = once(() => new Set(PARTICLES().flat()));

function acceptable(word: string, rules: Rules, inside: boolean): boolean {
  const folded = fold(word);
  // "De Luca", "Van Dijk": a capitalised particle inside a name is part of it.
  if (inside && isCapitalised(word) && PARTICLE_WORDS().has(folded)) return true;
  if (STOPWORDS().has(folded) || CALENDAR(rules.language).has(folded)) return false;
  if (rules.lowercase && COMMON_WORDS().has(folded)) return false;
  if (!rules.lowercase && !isCapitalised(word)) return false;
  // Acronyms ("UPS", "DHL") are not names unless the whole answer is in capitals.
  if (!rules.lowercase && word.length > 1 && word === word.toUpperCase()) return false;
  return true;
}

/** Name words from offset `at`: capitalised words and particles, up to punctuation or an ordinary word. */
function nameWords(text: string, at: number, rules: Rules): NameWord[] {
  const out: NameWord[] = [];
  let pos = at;
  for (;;) {
    const space = /^[ \t]*/.exec(text.slice(pos))?.[0].length ?? 0;
    if (out.length > 0 && space === 0) break;
    pos += space;
    const particle = particleAt(text, pos);
    if (particle && (out.length > 0 || rules.particleFirst)) {
      const after = /^[ \t]+/.exec(text.slice(particle.end));
      const next = after ? wordAt(text, particle.end + after[0].length) : undefined;
      if (
        next &&
        (isCapitalised(next.text) || rules.lowercase) &&
        !STOPWORDS().has(fold(next.text)) &&
        !CALENDAR(rules.language).has(fold(next.text))
      ) {
        out.push({ text: text.slice(pos, particle.end), start: pos, end: particle.end, particle: true });
        pos = particle.end;
        continue;
      }
    }
    const word = wordAt(text, pos);
    if (!word || !acceptable(word.text, rules, out.length > 0)) break;
    out.push({ ...word, particle: false });
    pos = word.end;
    if (out.filter((w) => !w.particle).length >= MAX_WORDS) break;
  }
  while (out.length > 0 && out[out.length - 1]?.particle) out.pop();
  return out;
}

/**
 * One word after an introduction is a first name, after a title a last name ("Mrs Smith"); two or more
 * are a first name and the rest ("Mr John Smith", "Jan van der Berg").
 */
function entity(text: string, words: NameWord[], kind: Trigger | "bare" | "titled"): Entity | undefined {
  if (words.length === 0) return undefined;
  const start = (words[0] as NameWord).start;
  const end = (words[words.length - 1] as NameWord).end;
  const whole = text.slice(start, end).trim();
  let value: { first?: string; last?: string };
  // A name opening with a particle is a family name: "van den Berg".
  if (kind === "last" || (words[0] as NameWord).particle) value = { last: whole };
  else if (kind === "first") value = { first: whole };
  else if (words.length === 1)
    value = kind === "title" || kind === "titled" ? { last: whole } : { first: whole };
  else {
    const first = words[0] as NameWord;
    value = { first: first.text, last: text.slice((words[1] as NameWord).start, end).trim() };
  }
  return { type: "person_name", value, text: text.slice(start, end), start, end };
}

/**
 * Weekdays and months end a name only in the message's own language: "mei" is May in Dutch but
 * a first name in "I'm Mei Kovacs".
 */
const CALENDAR = perLanguage(
  (w) => new Set([...w.weekdays.map(([d]) => d), ...w.months.map(([m]) => m)].map(fold)),
);

/** After an introduction, a title may come before the name: "I'm Mrs Smith", "je suis Madame Dubois". */
function afterTitle(a: Analysis, tokenIndex: number): number | undefined {
  const token = a.tokens[tokenIndex];
  if (!token || !TITLES().has(token.norm) || !isCapitalised(token.text)) return undefined;
  const next = a.tokens[tokenIndex + 1];
  return next && /^\.?[ \t]+$/.test(a.text.slice(token.end, next.start)) ? tokenIndex + 1 : undefined;
}

function triggered(a: Analysis, lowerCaseMessage: boolean): Entity[] {
  const out: Entity[] = [];
  const asked = a.context.expecting === "person_name";
  const { tokens, text } = a;
  for (let i = 0; i < tokens.length; i++) {
    const found = TRIGGERS().match(tokens, i, text);
    if (!found || found.end >= tokens.length) continue;
    let kind: Trigger | "titled" = found.value;
    // A title on its own must be capitalised: "mr" inside a sentence, "m" in "I'm", are not titles.
    if (kind === "title" && !isCapitalised((tokens[i] as Token).text)) continue;
    let next = found.end;
    const titled = kind !== "title" ? afterTitle(a, next) : undefined;
    if (titled !== undefined) {
      next = titled;
      kind = "titled";
    }
    const gap = text.slice((tokens[next - 1] as Token).end, (tokens[next] as Token).start);
    const titleGap = kind === "title" || kind === "titled";
    if (!(titleGap ? /^\.?[ \t]+$/ : /^[ \t]*[:,]?[ \t]*$/).test(gap) || gap.length === 0) continue;
    const lowercase = asked || (lowerCaseMessage && kind !== "weak" && kind !== "title" && kind !== "titled");
    const words = nameWords(text, (tokens[next] as Token).start, {
      lowercase,
      particleFirst: kind === "last" || kind === "title" || kind === "titled",
      language: a.language,
    });
    // Without capitals, one word after "my name is" could be anything ("my name is misspelled").
    if (lowercase && !asked && words.filter((w) => !w.particle).length < 2) continue;
    const e = entity(text, words, kind);
    if (e) {
      out.push(e);
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).start < e.end) i++;
    }
  }
  return out;
}

/** The whole answer is a name: "Yusuf Rossi", "Rossi, Yusuf", "yusuf rossi.". */
function bare(a: Analysis): Entity | undefined {
  const { text } = a;
  const rules: Rules = { lowercase: true, particleFirst: false, language: a.language };
  const lead = /^\s*/.exec(text)?.[0].length ?? 0;
  const words = nameWords(text, lead, rules);
  if (words.length === 0) return undefined;
  const end = (words[words.length - 1] as NameWord).end;
  const rest = text.slice(end);
  const comma = /^[ \t]*,[ \t]*/.exec(rest);
  if (comma) {
    const given = nameWords(text, end + comma[0].length, rules);
    const after = given.length > 0 ? text.slice((given[given.length - 1] as NameWord).end) : "";
    if (given.length > 0 && /^\s*[.!]?\s*$/.test(after)) {
      const start = (words[0] as NameWord).start;
      const stop = (given[given.length - 1] as NameWord).end;
      const last = text.slice(start, end);
      const first = text.slice((given[0] as NameWord).start, stop);
      return { type: "person_name", value: { first, last }, text: text.slice(start, stop), start, end: stop };
    }
  }
  return entity(text, words, "bare");
}

export function extractNames(a: Analysis): Entity[] {
  const lowerCaseMessage = !/\p{Lu}/u.test(a.text);
  const found = triggered(a, lowerCaseMessage);
  if (found.length > 0 || a.context.expecting !== "person_name") return found;
  const answer = bare(a);
  return answer ? [answer] : [];
}
