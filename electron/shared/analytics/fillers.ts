// Filler sounds: um, uh, er, erm, ah, hmm, mm and their elongations.
//
// A word is a filler when its text, lowercased with everything but letters and digits removed, matches
// FILLER_PATTERN in full: " Um," → "um" ✓, "Umm." → "umm" ✓, "uhhh" ✓, "errr" ✓, "Hmmm" ✓, "uhm" ✓.
// The pattern is anchored, so real words that contain a filler never match: "her", "ahead", "umbrella",
// "summer", "uh-huh" (→ "uhhuh", a yes, not a filler), "m" (one letter). In "hmmm yes" only "hmmm" is one.
// Known limit: "ER" (emergency room) reads as "er"; whisper rarely writes that in an interview answer.
import type { PhraseCount, SpokenWord } from './words';

/** The brief's pattern plus "uhm" (u+h+m+), a common spelling of "um". */
export const FILLER_PATTERN = /^(u+m+|u+h+|u+h+m+|e+r+|e+r+m+|a+h+|h+m+|m{2,})$/;

/** The filler as it is counted ("umm", "uh") when `text` is one, else null. */
export function fillerForm(text: string): string | null {
  const bare = text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return FILLER_PATTERN.test(bare) ? bare : null;
}

export function isFiller(text: string): boolean {
  return fillerForm(text) !== null;
}

/** How many fillers, and which (most frequent first, ties in order of first use). */
export function countFillers(words: readonly SpokenWord[]): { fillerCount: number; fillers: PhraseCount[] } {
  const counts = new Map<string, number>();
  for (const word of words) if (word.filler !== null) counts.set(word.filler, (counts.get(word.filler) ?? 0) + 1);
  const fillers = [...counts].map(([phrase, count]) => ({ phrase, count })).sort((a, b) => b.count - a.count);
  return { fillerCount: fillers.reduce((sum, f) => sum + f.count, 0), fillers };
}
