// Builders for the hand-made, word-timed transcripts the analytics tests use.
import type { Transcript } from '../contract';
import { phraseTokens } from './words';

/** [text, startMs, endMs] */
export type W = [string, number, number];

/** A transcript with one segment per word list (segment times span its words). */
export function transcriptOf(...segments: W[][]): Transcript {
  return {
    segments: segments.map((words) => ({
      startMs: words[0]?.[1] ?? 0,
      endMs: words.at(-1)?.[2] ?? 0,
      text: words.map(([text]) => text).join(' '),
      words: words.map(([text, startMs, endMs]) => ({ text, startMs, endMs })),
    })),
  };
}

/** The space-separated words of `text`, back to back, each `stepMs` long, from `startMs`. */
export function evenly(text: string, startMs = 0, stepMs = 500): W[] {
  return text
    .split(' ')
    .filter((word) => word !== '')
    .map((word, i) => [word, startMs + i * stepMs, startMs + (i + 1) * stepMs]);
}

/** The phrase tokens of a one-segment transcript of `text` (one transcript word per space-separated word). */
export function tokensOf(text: string): string[] {
  return phraseTokens(transcriptOf(evenly(text)));
}
