import { readFileSync } from "node:fs";
import type { Expectation } from "./providers.ts";
import { numberWords } from "./words.ts";

/**
 * JSGF grammars for the recogniser, one per thing the agent can be waiting for. Each accepts the
 * expected answer (weighted up) or a request in the agent's domain (`<ask>`: where is my order, I want
 * to return it, cancel, refund, pay the invoice, a person, thanks, bye), so a caller who answers a
 * question with another question is still heard. `<ask>` is written compactly on purpose: the search
 * costs CPU in proportion to the grammar's fan-out (the agent's 967 training utterances as phrasings
 * cost 0.17 s of CPU per second of speech, against 0.02 s without them), and ten calls share two cores.
 * An agent may add its own phrasings (`phrases`): order numbers in them become the order-number rule,
 * other numbers digit loops, and phrasings with words the dictionary lacks are left out.
 */

export interface GrammarContext {
  phrases: readonly string[];
  /** Words the recogniser can pronounce; phrasings with others are skipped. */
  dictionary?: ReadonlySet<string>;
}

const DIGIT = "zero | oh | one | two | three | four | five | six | seven | eight | nine";
const LETTERS = "abcdefghijklmnopqrstuvwxyz".split("").join(" | ");

export const BACKCHANNELS = [
  "uh-huh",
  "mhm",
  "hmm",
  "okay",
  "ok",
  "right",
  "yeah",
  "yep",
  "sure",
  "um",
  "uh",
];

// Emails: digits only after the letters ("j smith eight four at ..."). Digits inside the letter loop
// made the loop so wide that the search lost every other path: a postcode or "where is my order"
// said while an email was expected reached no end at all. Domains the dictionary lacks are spelled.
const RULES = `
<digit> = ${DIGIT};
<order_number> = (w | double u) <digit> <digit> <digit> <digit> <digit> <digit> <digit>;
<order_lead> = [hi | hello] [can you] (check | track | find) [on] [my] order [number]
  | where is [my] order [number]
  | (my | the) order [number] is
  | order [number]
  | it is | it's;
<order_said> = [<order_lead>] <order_number> [for me] [please];
<postcode_said> = [[my | the] (zip | postal) code is | it is | it's] <digit> <digit> <digit> <digit> <digit>;
<yes> = yes | yeah | yep | sure | correct | right | yes please | please do | go ahead | do it | that's right | that's correct | okay | ok;
<no> = no | nope | no thanks | not really | no i don't | don't;
<yes_no> = <yes> | <no>;
<letter> = ${LETTERS};
<email_part> = <letter> | dot | underscore | dash | gmail | hotmail | yahoo | outlook | example;
<email_said> = [my email is | it is | it's] (<email_part>)+ [(<digit>)+] at (<email_part>)+ dot (com | net | org | co dot uk | de | es | it | f r | n l);
<phone_said> = [my number is | it is | it's] <digit> (<digit>)+;
<ordinal> = [the] (first | second | third | fourth | fifth | last) [one];
<backchannel> = ${BACKCHANNELS.join(" | ")};
<interruption> = (no | wait | stop | sorry | hold on | actually | excuse me) [wait] [<ask>];
<thing> = order | package | parcel | delivery | refund | return | exchange | item | items | stuff | invoice | bill;
<owner> = my | the | this | that | an | a | it | its;
<ask> = [hi | hello | hey | so | well | um | yes | yeah | okay]
  ( (where is | where's | what's the status of | what happened to | can you check [on] | can you track | track | check [on])
      [<owner>] <thing> [<order_number>]
  | (i want | i'd like | i need | can i | i wanna | i would like) [to] (return | exchange | cancel | change | swap | send back | pay | track)
      [<owner>] [<thing> | address | payment | payment method | size | color | colour | shipping address] [<order_number>]
  | (i want | i'd like | i need) [<owner>] (refund | replacement | different size | different color)
  | (when | when's) [will | is | does | did] (it | they | (my | the | this | that) <thing>) [going to] (arrive | come | get here | be here | be delivered | ship)
  | how long (will it take | until it arrives | does delivery take | does shipping take)
  | (my | the) <thing> (hasn't arrived | never arrived | is late | is damaged | is broken | is wrong | didn't come)
  | (it's | it is) (damaged | broken | wrong | too small | too big | the wrong size | the wrong color)
  | (pay | i want to pay) [<owner>] (invoice | bill | balance)
  | (i need | i want | i'd like) (to speak to | to talk to) (a person | someone | an agent | a human)
  | (agent | representative | operator | human | person)
  | [great | perfect | okay | ok | alright] (thank you | thanks) [very much] [that's all | that's it | bye | goodbye]
  | [great | perfect | okay | ok | alright] (that's all | that's it | nothing else | no that's all) [thanks | thank you]
  | (bye | goodbye)
  | <yes_no> );
`;

const EXPECTED: Record<Exclude<Expectation, "open">, string> = {
  order_id: "<order_said>",
  postal_code: "<postcode_said>",
  phone: "<phone_said>",
  email: "<email_said>",
  yes_no: "<yes_no>",
  person_name: "<request>",
  number: "<digit> (<digit>)*",
  ordinal: "<ordinal>",
  item: "<item_said>",
};

/**
 * The choices offered as a rule: each name as said ("water bottle") and, for a longer one, its last
 * word ("the bottle"); names the dictionary cannot pronounce are left out. Position, number or all of
 * them answer too, so the rule is never empty.
 */
function itemRule(choices: readonly string[], dictionary: ReadonlySet<string>): string {
  const names = new Set<string>();
  for (const choice of choices) {
    const rule = phraseRule(
      choice.replace(/\b\d{1,2}\b/g, (n) => numberWords(Number(n))),
      dictionary,
    );
    if (!rule) continue;
    names.add(rule);
    const last = rule.split(" ").at(-1) as string;
    if (!last.startsWith("<")) names.add(last);
  }
  const named = names.size > 0 ? `[the one with] [the] (${[...names].join(" | ")}) [one] [please] | ` : "";
  return `<item_said> = [i want | i'd like | i mean | it's] (${named}<ordinal> | [number] <digit> | both | all of them | all | everything);`;
}

let cmudict: Set<string> | null = null;

/** The words pocketsphinx's English dictionary can pronounce (empty when it is not installed). */
export function englishDictionary(
  path = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict",
): Set<string> {
  if (cmudict) return cmudict;
  cmudict = new Set();
  try {
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const word = line.slice(0, line.indexOf(" "));
      if (word && !word.includes("(")) cmudict.add(word);
    }
  } catch {
    // No dictionary: no phrasings (the slot rules still work).
  }
  return cmudict;
}

/** One training utterance as a JSGF alternative, or null when it cannot be said to the recogniser. */
export function phraseRule(utterance: string, dictionary: ReadonlySet<string>): string | null {
  const words = utterance
    .toLowerCase()
    .replace(/#?\bw\s?\d[\d\s]{5,}\d\b/g, " <order_number> ")
    .replace(/\d+/g, " <digit> ")
    .replace(/[^a-z'<>_\s-]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "-" && w !== "'");
  if (words.length === 0 || words.length > 16) return null;
  for (const w of words) if (!w.startsWith("<") && !dictionary.has(w)) return null;
  return words.join(" ");
}

interface Trie {
  next: Map<string, Trie>;
  end: boolean;
}

/**
 * Extra phrasings (an agent's own) as a prefix tree: "where is my order" and "where is my package" share "where is my", so
 * the search follows one path until they part instead of hundreds from the first word (measured: the
 * flat list of 700 phrasings cost 0.4 s of CPU per second of speech; the tree a fraction of it).
 */
function prefixTree(phrases: Iterable<string>): string {
  const root: Trie = { next: new Map(), end: false };
  for (const phrase of phrases) {
    let node = root;
    for (const word of phrase.split(" ")) {
      let child = node.next.get(word);
      if (!child) {
        child = { next: new Map(), end: false };
        node.next.set(word, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Trie): string =>
    [...node.next.entries()]
      .map(([word, child]) => {
        if (child.next.size === 0) return word;
        const rest = emit(child);
        return child.end ? `${word} [${rest}]` : `${word} (${rest})`;
      })
      .join(" | ");
  return emit(root);
}

export function buildGrammar(
  expecting: Expectation,
  context: GrammarContext,
  choices: readonly string[] = [],
): string {
  const dictionary = context.dictionary ?? englishDictionary();
  const phrases = new Set<string>();
  for (const p of context.phrases) {
    const rule = phraseRule(p, dictionary);
    if (rule) phrases.add(rule);
  }
  const request = [
    "<order_said>",
    // A postcode is the other number callers give unasked (with an order number, for an email).
    "<postcode_said>",
    "<ask>",
    "<backchannel>",
    ...(phrases.size > 0 ? [prefixTree(phrases)] : []),
  ].join("\n  | ");
  // Asked which of their orders, a caller gives its number or names what is in it.
  const byItems = expecting === "item" || (expecting === "order_id" && choices.length > 0);
  const expected =
    expecting === "order_id" && byItems
      ? "(<order_said> | <item_said>)"
      : EXPECTED[expecting as Exclude<Expectation, "open">];
  const top =
    expecting === "open"
      ? "public <utterance> = <request> | <interruption>;"
      : `public <utterance> = /8/ ${expected} | /1/ <request> | /1/ <interruption>;`;
  const items = byItems ? `${itemRule(choices, dictionary)}\n` : "";
  return `#JSGF V1.0;\ngrammar switchboard;\n${top}\n<request> = ${request};\n${items}${RULES}`;
}
