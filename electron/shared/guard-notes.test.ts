import { describe, expect, it } from 'vitest';
import { guardNotes } from './guard-notes';

describe('guardNotes', () => {
  it('says what each guard changed, singular and plural, and nothing for a transcript without guards', () => {
    expect(guardNotes(undefined)).toEqual([]);
    expect(
      guardNotes({
        repeatsRemoved: 0,
        silentSegmentsDropped: 0,
        timesFixed: 0,
        annotationsRemoved: 0,
        wordsDoubledAtCuts: 0,
        checkSpans: [],
      }),
    ).toEqual([]);
    expect(
      guardNotes({
        repeatsRemoved: 2,
        silentSegmentsDropped: 1,
        timesFixed: 3,
        annotationsRemoved: 1,
        wordsDoubledAtCuts: 1,
        checkSpans: [{ startMs: 0, endMs: 1 }],
      }),
    ).toEqual([
      '2 repeated lines were removed (the speech engine looped).',
      '1 line written where nothing was said was removed.',
      '1 sound note (like "(laughs)") was kept out of the words.',
      '1 word written twice where the audio was split is kept once.',
      '3 word times were corrected.',
    ]);
  });
});
