import { spokenToText } from "../speech/words.ts";

/** Order numbers as the agent reads them ("W6231698"). */
export const ORDER_NUMBER = /\bW\d{7}\b/;

type Exists = (orderNumber: string) => Promise<boolean>;

/** The last of the order numbers the partial transcripts held that the store has, if any. */
async function lastExisting(seen: readonly string[], exists: Exists): Promise<string | undefined> {
  const found = await Promise.all(seen.map((n) => exists(n)));
  return seen.filter((_, i) => found[i]).at(-1);
}

/**
 * Whether the recogniser's best reading names an order number the store does not have and no partial
 * transcript of the utterance held one it has: only then are the lattice's other readings worth
 * their cost (~0.6 s of A* search on a sentence).
 */
export async function wantsAlternatives(
  words: string,
  seen: readonly string[],
  exists: Exists,
): Promise<boolean> {
  const number = ORDER_NUMBER.exec(spokenToText(words))?.[0];
  if (number === undefined || (await exists(number))) return false;
  return (await lastExisting(seen, exists)) === undefined;
}

/**
 * What the caller said, from the recogniser's readings (best first) and the order numbers its partial
 * transcripts held along the way (`seen`). Where the readings name order numbers, the first whose order
 * exists wins (digits are where a phone line garbles most); failing that, the best reading with the
 * last existing number the partials held: the decoder had the digits right, then a later frame tipped
 * its final path to a neighbour. Otherwise the best reading as heard (the agent says it was not found).
 */
export async function chooseReading(
  readings: readonly string[],
  seen: readonly string[],
  exists: Exists,
): Promise<string> {
  const texts = readings.map((r) => spokenToText(r));
  const best = texts[0] ?? "";
  if (!texts.some((t) => ORDER_NUMBER.test(t))) return best;
  const found = await Promise.all(
    texts.map((t) => {
      const number = ORDER_NUMBER.exec(t)?.[0];
      return number ? exists(number) : Promise.resolve(false);
    }),
  );
  const index = found.indexOf(true);
  if (index >= 0) return texts[index] as string;
  const partial = await lastExisting(seen, exists);
  return partial ? best.replace(ORDER_NUMBER, partial) : best;
}
