/**
 * Turns a message into sparse features: words, word pairs and character 3-5-grams across word
 * boundaries. Character n-grams carry typos ("bestelung"), inflections and compounds
 * ("Rücksendeetikett") that whole words miss, which matters for short chat messages.
 */
export type Features = Map<string, number>;

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function featurize(text: string): Features {
  const words = fold(text).match(/[\p{L}\p{N}']+/gu) ?? [];
  const features: Features = new Map();
  const add = (key: string, weight: number) => features.set(key, (features.get(key) ?? 0) + weight);
  for (const word of words) add(`w:${word}`, 1);
  for (let i = 0; i + 1 < words.length; i++) add(`b:${words[i]}_${words[i + 1]}`, 1);
  const padded = ` ${words.join(" ")} `;
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`, 0.5);
  }
  let norm = 0;
  for (const v of features.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of features) features.set(k, v / norm);
  return features;
}
