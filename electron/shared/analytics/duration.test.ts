import { describe, expect, it } from 'vitest';
import { evenly, transcriptOf } from './analytics-test-support';
import { measureLength } from './duration';
import { spokenWords } from './words';

// Words from 2000 to 84000 ms: the last word ends at 84000.
const words = spokenWords(transcriptOf([['First', 2000, 2400]], [['last.', 83_500, 84_000]]));

describe('length against the target', () => {
  it('uses the recorded length when given: 112000 ms against 105 s → 1.07, 7000 ms over', () => {
    // 112000 / 105000 = 1.0666… → 1.07
    expect(measureLength(words, { targetSec: 105, durationMs: 112_000 })).toEqual({
      durationMs: 112_000,
      targetSec: 105,
      durationVsTarget: 1.07,
      overTargetMs: 7000,
    });
  });

  it("else the last word's end: 84000 ms against 90 s → 0.93, 6000 ms under", () => {
    // 84000 / 90000 = 0.9333… → 0.93; 84000 − 90000 = −6000
    expect(measureLength(words, { targetSec: 90 })).toEqual({
      durationMs: 84_000,
      targetSec: 90,
      durationVsTarget: 0.93,
      overTargetMs: -6000,
    });
  });

  it('without a target (or a target that is not positive) the comparison is null', () => {
    const none = { durationMs: 84_000, targetSec: null, durationVsTarget: null, overTargetMs: null };
    expect(measureLength(words)).toEqual(none);
    expect(measureLength(words, { targetSec: 0 })).toEqual(none);
    expect(measureLength(words, { targetSec: Number.NaN })).toEqual(none);
  });

  it('no words and no recorded length: the duration is unknown', () => {
    expect(measureLength([], { targetSec: 60 })).toEqual({ durationMs: null, targetSec: 60, durationVsTarget: null, overTargetMs: null });
    // 30000 / 60000 = 0.5; 30000 − 60000 = −30000
    expect(measureLength([], { targetSec: 60, durationMs: 30_000 })).toMatchObject({ durationVsTarget: 0.5, overTargetMs: -30_000 });
    expect(measureLength(spokenWords(transcriptOf(evenly('a b', 0, 500))), { targetSec: 1 }).durationVsTarget).toBe(1);
  });
});
