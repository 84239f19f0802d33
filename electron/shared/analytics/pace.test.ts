import { describe, expect, it } from 'vitest';
import { evenly, transcriptOf } from './analytics-test-support';
import { measurePace } from './pace';
import { spokenWords } from './words';

const paceOf = (...segments: Parameters<typeof transcriptOf>) => measurePace(spokenWords(transcriptOf(...segments)));

describe('pace', () => {
  it('6 words from 500 ms to 3500 ms: speechMs 3000, 120.0 wpm', () => {
    expect(paceOf(evenly('I built the billing system myself', 500, 500))).toEqual({ wordCount: 6, speechMs: 3000, wpm: 120 });
  });

  it('counts fillers as words and ignores punctuation tokens', () => {
    // 7 tokens of 500 ms from 1000 ms: "Um," starts 1000, "left" ends 4500 → speechMs 3500.
    // Um, / so / uh / I / left = 5 words; "—" and "..." are not. 5 / (3500 / 60000) = 85.714… → 85.7 wpm.
    const words = evenly('Um, so — uh ... I left', 1000, 500);
    expect(paceOf(words)).toEqual({ wordCount: 5, speechMs: 3500, wpm: 85.7 });
  });

  it('spans segments, pauses included, and rounds to 1 decimal', () => {
    // 4 + 3 = 7 words, first starts 0, last ends 7000: 7 / (7000 / 60000) = 60.0 wpm.
    expect(paceOf(evenly('we shipped it today', 0, 500), evenly('a week early', 5500, 500))).toEqual({
      wordCount: 7,
      speechMs: 7000,
      wpm: 60,
    });
    // 10 words over 7000 ms: 10 / 0.11667 = 85.714… → 85.7.
    expect(paceOf(evenly('one two three four five six seven eight nine ten', 0, 700)).wpm).toBe(85.7);
  });

  it('no words, or no time: speechMs 0 and wpm null', () => {
    expect(paceOf()).toEqual({ wordCount: 0, speechMs: 0, wpm: null });
    expect(paceOf([['Hi.', 800, 800]])).toEqual({ wordCount: 1, speechMs: 0, wpm: null });
  });
});
