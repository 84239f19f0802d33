import { describe, expect, it } from 'vitest';
import { analyzeTranscript } from './analyze';
import { transcriptOf } from './analytics-test-support';

// Three segments, 28 words (fillers included; "—" and "%" are punctuation tokens, not words):
//   1500 "Um, at the time I was responsible for billing." → 9 words, ends 4000
//   6000 "So I decided, uh, we would roll back — I'd estimate 70 % odds." → 12 words, ends 9400
//  10000 "As a result we saved maybe 20%." → 7 words, ends 12000
// speechMs = 12000 − 1500 = 10500; wpm = 28 / (10500 / 60000) = 160.0
// fillers: Um, uh = 2; per minute = 2 / 0.175 = 11.43 → 11.4
// long pauses: 4000 → 6000 = 2000 ms after word 8 ("billing."); 7900 → 8000 and 9400 → 10000 are short
// think time: 1500
// hedges: maybe ×1. calibrated: roll back, i'd estimate, 70%, odds, 20% = 5
// I: I, I, I'd = 3; we: we, we = 2; iShare = 0.6
const transcript = transcriptOf(
  [
    ['Um,', 1500, 1800],
    [' at', 1800, 2000],
    [' the', 2000, 2200],
    [' time', 2200, 2500],
    [' I', 2500, 2600],
    [' was', 2600, 2800],
    [' responsible', 2800, 3400],
    [' for', 3400, 3500],
    [' billing.', 3500, 4000],
  ],
  [
    [' So', 6000, 6200],
    [' I', 6200, 6300],
    [' decided,', 6300, 6800],
    [' uh,', 6800, 7000],
    [' we', 7000, 7100],
    [' would', 7100, 7400],
    [' roll', 7400, 7600],
    [' back', 7600, 7900],
    [' —', 7900, 8000],
    [" I'd", 8000, 8200],
    [' estimate', 8200, 8600],
    [' 70', 8600, 8900],
    [' %', 8900, 9000],
    [' odds.', 9000, 9400],
  ],
  [
    [' As', 10_000, 10_200],
    [' a', 10_200, 10_300],
    [' result', 10_300, 10_700],
    [' we', 10_700, 10_800],
    [' saved', 10_800, 11_200],
    [' maybe', 11_200, 11_500],
    [' 20%.', 11_500, 12_000],
  ],
);

describe('analyzeTranscript', () => {
  it('computes every metric of a hand-checked take', () => {
    // durationMs from the last word (12000) against 10 s: 1.2, 2000 ms over.
    expect(analyzeTranscript(transcript, { targetSec: 10 })).toEqual({
      wordCount: 28,
      speechMs: 10_500,
      wpm: 160,
      fillerCount: 2,
      fillersPerMin: 11.4,
      fillers: [
        { phrase: 'um', count: 1 },
        { phrase: 'uh', count: 1 },
      ],
      longPauseCount: 1,
      longPauses: [{ afterWordIndex: 8, startMs: 4000, durationMs: 2000 }],
      thinkTimeMs: 1500,
      durationMs: 12_000,
      targetSec: 10,
      durationVsTarget: 1.2,
      overTargetMs: 2000,
      hedgeCount: 1,
      hedges: [{ phrase: 'maybe', count: 1 }],
      calibratedCount: 5,
      calibrated: [
        { phrase: 'roll back', count: 1 },
        { phrase: "i'd estimate", count: 1 },
        { phrase: '70%', count: 1 },
        { phrase: 'odds', count: 1 },
        { phrase: '20%', count: 1 },
      ],
      iCount: 3,
      weCount: 2,
      iShare: 0.6,
      repeatedPhrases: [],
      star: {
        situation: ['at the time'],
        task: ['i was responsible'],
        action: ['i decided', 'so i'],
        result: ['as a result', 'we saved', 'percent'],
      },
      starCovered: 4,
    });
  });

  it('prefers the recorded length to the last word: 13000 ms against 10 s → 1.3, 3000 ms over', () => {
    expect(analyzeTranscript(transcript, { targetSec: 10, durationMs: 13_000 })).toMatchObject({
      durationMs: 13_000,
      durationVsTarget: 1.3,
      overTargetMs: 3000,
    });
    expect(analyzeTranscript(transcript)).toMatchObject({
      durationMs: 12_000,
      targetSec: null,
      durationVsTarget: null,
      overTargetMs: null,
    });
  });

  it('puts the required keys first, in order', () => {
    expect(Object.keys(analyzeTranscript(transcript)).slice(0, 5)).toEqual([
      'wordCount',
      'speechMs',
      'wpm',
      'fillerCount',
      'fillersPerMin',
    ]);
    expect(Object.keys(analyzeTranscript(transcript))).toEqual(
      expect.arrayContaining(['longPauseCount', 'thinkTimeMs', 'longPauses', 'durationVsTarget', 'overTargetMs', 'iShare', 'starCovered']),
    );
  });

  it.each([
    ['no segments', { segments: [] }],
    ['segments without words', transcriptOf([], [])],
    ['only punctuation', transcriptOf([['...', 0, 500]], [['—', 900, 1000]])],
  ])('an empty take (%s): zeros and nulls, no throw', (_, empty) => {
    expect(analyzeTranscript(empty, { targetSec: 90 })).toEqual({
      wordCount: 0,
      speechMs: 0,
      wpm: null,
      fillerCount: 0,
      fillersPerMin: null,
      fillers: [],
      longPauseCount: 0,
      longPauses: [],
      thinkTimeMs: null,
      durationMs: null,
      targetSec: 90,
      durationVsTarget: null,
      overTargetMs: null,
      hedgeCount: 0,
      hedges: [],
      calibratedCount: 0,
      calibrated: [],
      iCount: 0,
      weCount: 0,
      iShare: null,
      repeatedPhrases: [],
      star: { situation: [], task: [], action: [], result: [] },
      starCovered: 0,
    });
    // With the recorded length: 5000 / 90000 = 0.0555… → 0.06; 5000 − 90000 = −85000.
    expect(analyzeTranscript(empty, { targetSec: 90, durationMs: 5000 })).toMatchObject({ durationVsTarget: 0.06, overTargetMs: -85_000 });
  });
});
