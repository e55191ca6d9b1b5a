/**
 * Word-level similarity for catalog terms. Typos customers make are one or two edits away ("keybaord",
 * "lether", "termostat"); plurals are folded away before comparing ("keyboards", "batteries").
 */

/** English plural to singular, enough for catalog nouns ("watches", "batteries", "headphones"). */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let twoBack = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (twoBack[j - 2] as number) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[n] as number;
}

/** Edits tolerated for a word of this length: none below 5 letters ("mat", "red", "case" stay exact). */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * 1 for the same word, lower with each edit; 0 when too far apart. Customers' typos keep the first and last
 * letters; real words one letter apart usually change one of them ("match"/"watch", "charged"/"charger",
 * "table"/"tablet", "weather"/"leather"), and a five-letter word with one letter changed is more often
 * another word ("later"/"laser") than a typo.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const max = allowedEdits(Math.min(a.length, b.length));
  if (max === 0 || a[0] !== b[0] || a[a.length - 1] !== b[b.length - 1]) return 0;
  const d = editDistance(a, b, max);
  if (d > max || (a.length === b.length && a.length < 6)) return 0;
  return 1 - d / Math.max(a.length, b.length);
}
