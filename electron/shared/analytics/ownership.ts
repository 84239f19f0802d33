// Ownership: how often the speaker says "I" against "we".
//
// Counted over the phrase tokens (words.ts), whole tokens only, so "I'd" counts and "mine" in
// "minefield" does not. iShare = iCount / (iCount + weCount) to 2 decimals, null when both are 0.
// Known limit: "US" (the country) reads as "us".
import { round } from './round';

export const I_WORDS = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me', 'my', 'mine', 'myself']);
export const WE_WORDS = new Set(['we', "we're", "we've", "we'd", "we'll", 'us', 'our', 'ours', 'ourselves']);

export interface Ownership {
  iCount: number;
  weCount: number;
  iShare: number | null;
}

export function countOwnership(tokens: readonly string[]): Ownership {
  let iCount = 0;
  let weCount = 0;
  for (const token of tokens) {
    if (I_WORDS.has(token)) iCount++;
    else if (WE_WORDS.has(token)) weCount++;
  }
  return { iCount, weCount, iShare: iCount + weCount > 0 ? round(iCount / (iCount + weCount), 2) : null };
}
