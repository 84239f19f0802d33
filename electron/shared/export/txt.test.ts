import { describe, expect, it } from 'vitest';
import { ANSWER, timedSegment, transcriptOf } from './export-test-support';
import { exportTimedTxt, exportTxt } from './txt';

describe('plain text', () => {
  it('txt: one paragraph per segment', () => {
    expect(exportTxt({ transcript: ANSWER })).toBe(
      [
        'Um, at the time I was responsible for the billing service.',
        'I decided to roll back the release, which was the wrong call.',
        'We lost a day, and I think maybe that was avoidable.',
        'As a result we now ship behind a flag.',
      ].join('\n\n') + '\n',
    );
  });

  it('txt-timed: "[m:ss] text" per segment, hours past one hour', () => {
    const transcript = transcriptOf(timedSegment('First.', 5400), timedSegment('Later.', 754_000), timedSegment('Much later.', 3_723_000));
    expect(exportTimedTxt({ transcript })).toBe('[0:05] First.\n[12:34] Later.\n[1:02:03] Much later.\n');
  });

  it('skips empty segments, uses the words when the text is empty, keeps text on one line', () => {
    const transcript = transcriptOf(
      { startMs: 0, endMs: 0, text: '  ', words: [] },
      {
        startMs: 1000,
        endMs: 2000,
        text: '',
        words: [
          { text: ' Only', startMs: 1000, endMs: 1500 },
          { text: ' words.', startMs: 1500, endMs: 2000 },
        ],
      },
      { startMs: 3000, endMs: 4000, text: ' Two\nlines ', words: [] },
    );
    expect(exportTxt({ transcript })).toBe('Only words.\n\nTwo lines\n');
    expect(exportTimedTxt({ transcript })).toBe('[0:01] Only words.\n[0:03] Two lines\n');
  });

  it('an empty transcript is an empty file', () => {
    expect(exportTxt({ transcript: { segments: [] } })).toBe('');
    expect(exportTimedTxt({ transcript: { segments: [] } })).toBe('');
  });
});
