import { describe, expect, it } from 'vitest';
import type { JudgedFiller } from '../../../electron/shared/analytics/heard-fillers';
import type { Hesitation } from '../../../electron/shared/contract';
import { markerName, markerText, placeAmongWords, waveSpan } from './heard-timeline';
import { flattenWords } from './word-timeline';

const judged = (startMs: number, verdict: JudgedFiller['verdict'] = null, kind: Hesitation['kind'] = 'uh'): JudgedFiller => ({
  hesitation: { startMs, endMs: startMs + 300, kind, score: 0.5, transcribed: false },
  verdict,
});

const words = flattenWords({
  segments: [
    {
      startMs: 1000,
      endMs: 3000,
      text: 'I was wrong',
      words: [
        { text: 'I', startMs: 1000, endMs: 1200 },
        { text: 'was', startMs: 1500, endMs: 1800 },
        { text: 'wrong', startMs: 2500, endMs: 3000 },
      ],
    },
  ],
});

describe('placeAmongWords', () => {
  it('puts each heard filler after the word being spoken when it starts, or before the first word', () => {
    const placed = placeAmongWords(words, [judged(200), judged(1900), judged(2100), judged(4000)]);
    expect([...placed.entries()].map(([after, items]) => [after, items.map((i) => i.hesitation.startMs)])).toEqual([
      [-1, [200]],
      [1, [1900, 2100]],
      [2, [4000]],
    ]);
  });

  it('puts everything before the words when there are none', () => {
    expect(placeAmongWords([], [judged(200)]).get(-1)).toHaveLength(1);
  });
});

describe('waveSpan', () => {
  it('is the share of the take, at least a sliver wide and inside it', () => {
    expect(waveSpan(2500, 5000, 10_000)).toEqual({ left: 25, width: 25 });
    expect(waveSpan(5000, 5001, 10_000)).toEqual({ left: 50, width: 0.8 });
    expect(waveSpan(9990, 10_500, 10_000)).toEqual({ left: 99.2, width: 0.8 });
    expect(waveSpan(0, 100, 0)).toEqual({ left: 0, width: 0 });
  });
});

describe('marker names', () => {
  it('say when, what it sounded like and what the person said', () => {
    expect(markerText(judged(0))).toBe('uh?');
    expect(markerText(judged(0, 'filler', 'um'))).toBe('um');
    expect(markerText(judged(0, 'not-filler', 'hesitation'))).toBe('…');
    expect(markerName(judged(7200, 'filler'))).toBe('Heard at 0:07, sounds like “uh”, counted as a filler: play it');
    expect(markerName(judged(65_000, null, 'hesitation'))).toBe('Heard at 1:05, sounds like a held sound, not checked yet: play it');
  });
});
