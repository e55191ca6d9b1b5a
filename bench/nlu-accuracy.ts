// Intent accuracy on a held-out split of the agent's own utterances, per language.
// Every fifth utterance of each intent is held out; the classifier trains on the rest.
// Run: npx tsx bench/nlu-accuracy.ts [agents/default/utterances]
import { existsSync, readFileSync } from "node:fs";
import { EmbeddedUnderstanding } from "../src/agent/understanding/embedded.ts";
import { IntentClassifier, loadUtterances, type Utterances } from "../src/agent/understanding/intents.ts";
import { type Intent, LANGUAGES, type Language } from "../src/agent/understanding/types.ts";

const dir = process.argv[2] ?? "agents/default/utterances";
const languages = LANGUAGES.filter((l) => existsSync(`${dir}/${l}.yaml`));
const all = loadUtterances(dir, languages);
const train = new Map<Language, Utterances>();
const held: Array<{ language: Language; intent: Intent; text: string }> = [];
for (const [language, intents] of all) {
  const kept: Utterances = {};
  for (const [intent, texts] of Object.entries(intents) as Array<[Intent, string[]]>) {
    kept[intent] = texts.filter((_, i) => i % 5 !== 4);
    for (const [i, text] of texts.entries()) if (i % 5 === 4) held.push({ language, intent, text });
  }
  train.set(language, kept);
}
const started = performance.now();
const classifier = await IntentClassifier.train(train);
const trainMs = performance.now() - started;
console.log(
  `trained on ${classifier.trainingSize} utterances in ${trainMs.toFixed(0)} ms; ${held.length} held out`,
);
const confusions = new Map<string, number>();
let totalRight = 0;
for (const language of languages) {
  const cases = held.filter((h) => h.language === language);
  let right = 0;
  for (const c of cases) {
    const [top] = await classifier.classify(c.text, language);
    if (top?.intent === c.intent) right++;
    else
      confusions.set(
        `${c.intent} -> ${top?.intent}`,
        (confusions.get(`${c.intent} -> ${top?.intent}`) ?? 0) + 1,
      );
  }
  totalRight += right;
  console.log(`${language}: ${right}/${cases.length} = ${((100 * right) / cases.length).toFixed(1)}%`);
}
console.log(`all: ${totalRight}/${held.length} = ${((100 * totalRight) / held.length).toFixed(1)}%`);

// The same split through the whole parse, as the agent reads a message: entities from the catalogue
// first, and long product lists classified with and without the product words.
const products = JSON.parse(readFileSync("datasets/tau-bench-retail/products.json", "utf8")) as Record<
  string,
  { name: string; variants: Record<string, { options: Record<string, string> }> }
>;
const catalog = {
  products: Object.entries(products).map(([id, p]) => {
    const options: Record<string, string[]> = {};
    for (const v of Object.values(p.variants))
      for (const [name, value] of Object.entries(v.options))
        options[name] = [...new Set([...(options[name] ?? []), value])];
    return { id, name: p.name, options };
  }),
};
const understanding = EmbeddedUnderstanding.withClassifier(classifier, catalog);
let parsedRight = 0;
for (const c of held) {
  const u = await understanding.parse(c.text, { languages: [c.language], today: "2026-11-26" });
  if (u.intent === c.intent) parsedRight++;
}
console.log(
  `as parsed (catalogue entities, product lists): ${parsedRight}/${held.length} = ${((100 * parsedRight) / held.length).toFixed(1)}%`,
);
console.log(
  "most frequent confusions:",
  [...confusions.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} (${v})`)
    .join(", "),
);
