// Long pauses and think time.
//
// A long pause is a gap of at least LONG_PAUSE_MS between two consecutive spoken words:
// next.startMs − prev.endMs ≥ 2000 (1999 ms is not one). Consecutive means in the spoken-word list, so
// segment boundaries do not matter, punctuation tokens are ignored, and a filler ends a pause ("…
// 1.5 s, um, 1.5 s …" is two short pauses). afterWordIndex is the 0-based index, among spoken words, of
// the word before the gap; startMs is that word's endMs.
// Think time is the first word's startMs: the silence from the start of the take to the first word.
import type { SpokenWord } from './words';

export const LONG_PAUSE_MS = 2000;

export interface LongPause {
  afterWordIndex: number;
  startMs: number;
  durationMs: number;
}

export function findLongPauses(words: readonly SpokenWord[], minMs = LONG_PAUSE_MS): LongPause[] {
  const pauses: LongPause[] = [];
  for (let i = 1; i < words.length; i++) {
    const prev = words[i - 1] as SpokenWord;
    const next = words[i] as SpokenWord;
    const gap = next.startMs - prev.endMs;
    if (gap >= minMs) pauses.push({ afterWordIndex: i - 1, startMs: prev.endMs, durationMs: gap });
  }
  return pauses;
}

export function thinkTime(words: readonly SpokenWord[]): number | null {
  return words[0]?.startMs ?? null;
}
