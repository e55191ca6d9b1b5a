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
 * What a digit heard on the phone band may have been said as, likeliest first: measured with
 * bench/voice-asr.ts (40 random order numbers said by festival and by espeak-ng, through A-law, clean
 * and at 20 dB SNR: 160 sentences; pairs seen at least 3 times). "Four" and "six" are where the
 * wideband model slips most: heard as "five" and "eight".
 */
export const MAY_HAVE_BEEN: Readonly<Record<string, string>> = {
  "8": "6914",
  "5": "496",
  "1": "7926",
  "3": "02976",
  "0": "479",
  "2": "79",
  "4": "67",
  "9": "4",
  "7": "0",
};

/** The order numbers one misheard digit away from `orderNumber`, likeliest confusion first. */
export function soundAlikes(orderNumber: string): string[] {
  const found: Array<{ number: string; rank: number }> = [];
  for (let i = 1; i < orderNumber.length; i++) {
    const heard = orderNumber[i] as string;
    [...(MAY_HAVE_BEEN[heard] ?? "")].forEach((said, rank) => {
      found.push({ number: orderNumber.slice(0, i) + said + orderNumber.slice(i + 1), rank });
    });
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.number);
}

/** The likeliest order number one misheard digit away that the store has, if any. */
async function soundAlikeExisting(orderNumber: string, exists: Exists): Promise<string | undefined> {
  const candidates = soundAlikes(orderNumber);
  const found = await Promise.all(candidates.map((n) => exists(n)));
  return candidates.find((_, i) => found[i]);
}

/**
 * Whether the recogniser's best reading names an order number the store does not have, no partial
 * transcript of the utterance held one it has, and no number one misheard digit away exists: only
 * then are the lattice's other readings worth their cost (~0.6 s of A* search on a sentence).
 */
export async function wantsAlternatives(
  words: string,
  seen: readonly string[],
  exists: Exists,
): Promise<boolean> {
  const number = ORDER_NUMBER.exec(spokenToText(words))?.[0];
  if (number === undefined || (await exists(number))) return false;
  if ((await lastExisting(seen, exists)) !== undefined) return false;
  return (await soundAlikeExisting(number, exists)) === undefined;
}

/**
 * What the caller said, from the recogniser's readings (best first) and the order numbers its partial
 * transcripts held along the way (`seen`). Where the readings name order numbers, the first whose order
 * exists wins (digits are where a phone line garbles most); failing that, the best reading with the
 * last existing number the partials held: the decoder had the digits right, then a later frame tipped
 * its final path to a neighbour; failing that, the likeliest existing number one misheard digit away
 * (the caller still proves it is theirs with the postcode or email). Otherwise the best reading as
 * heard (the agent says it was not found).
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
  if (partial) return best.replace(ORDER_NUMBER, partial);
  const heard = ORDER_NUMBER.exec(best)?.[0];
  const alike = heard ? await soundAlikeExisting(heard, exists) : undefined;
  return alike ? best.replace(ORDER_NUMBER, alike) : best;
}
