import { describe, expect, it } from 'vitest';
import { transcriptOf } from './analytics-test-support';
import { findLongPauses, thinkTime } from './pauses';
import { spokenWords } from './words';

describe('long pauses and think time', () => {
  it('2000 ms is a long pause, 1999 ms is not, across segment boundaries', () => {
    const words = spokenWords(
      transcriptOf(
        [
          ['So', 1200, 1500],
          ['—', 1500, 1600], // punctuation: not a word, does not shift the indices
          ['first', 1600, 2000],
        ],
        [['then', 3999, 4300]], // 3999 − 2000 = 1999: not long
        [['next', 6300, 6600]], // 6300 − 4300 = 2000: long, after word 2 ("then")
        [
          ['um,', 9100, 9300], // 9100 − 6600 = 2500: long, after word 3 ("next"); a filler ends a pause
          ['done.', 10_800, 11_000], // 10800 − 9300 = 1500: not long
        ],
      ),
    );
    expect(findLongPauses(words)).toEqual([
      { afterWordIndex: 2, startMs: 4300, durationMs: 2000 },
      { afterWordIndex: 3, startMs: 6600, durationMs: 2500 },
    ]);
    expect(thinkTime(words)).toBe(1200);
  });

  it('ignores punctuation tokens inside a gap', () => {
    // "first" ends 2000, "..." sits at 2500, "then" starts 4500: the gap is 2500 ms.
    const words = spokenWords(
      transcriptOf([
        ['first', 0, 2000],
        ['...', 2500, 2600],
        ['then', 4500, 5000],
      ]),
    );
    expect(findLongPauses(words)).toEqual([{ afterWordIndex: 0, startMs: 2000, durationMs: 2500 }]);
  });

  it('no words: no pauses, think time null; a first word at 0 ms: think time 0', () => {
    expect(findLongPauses([])).toEqual([]);
    expect(thinkTime([])).toBeNull();
    expect(thinkTime(spokenWords(transcriptOf([['Right', 0, 300]])))).toBe(0);
  });
});
