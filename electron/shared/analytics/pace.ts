// Pace: how many words, over how long, and words per minute.
//
// wordCount = spoken words, fillers included (see words.ts). speechMs = the last word's endMs minus the
// first word's startMs (0 without words, never negative). wpm = wordCount / (speechMs / 60 000) to 1
// decimal, null when speechMs is 0. Pauses inside the answer count as speaking time; the silence before
// the first word and after the last does not. E.g. 6 words from 500 ms to 3500 ms → 3000 ms, 120.0 wpm.
import { round } from './round';
import type { SpokenWord } from './words';

export interface Pace {
  wordCount: number;
  speechMs: number;
  wpm: number | null;
}

export function measurePace(words: readonly SpokenWord[]): Pace {
  const first = words[0];
  const last = words.at(-1);
  const speechMs = first && last ? Math.max(0, last.endMs - first.startMs) : 0;
  return { wordCount: words.length, speechMs, wpm: speechMs > 0 ? round(words.length / (speechMs / 60_000), 1) : null };
}
