import { describe, expect, it } from 'vitest';
import { fixtureTranscript } from './guard-test-support';
import { dropSilentSegments } from './silence';

describe('dropSilentSegments', () => {
  it('drops a closing line the engine wrote where the speech gate heard nothing', () => {
    const { transcript, dropped } = dropSilentSegments(fixtureTranscript('guard-silence.ojf.txt'), [{ startMs: 0, endMs: 4_000 }]);
    expect(dropped).toBe(1);
    expect(transcript.segments.map((s) => s.text)).toEqual(['So that is the plan.']);
  });

  it('keeps a line with a little speech in it (150 ms), drops one with less (50 ms) and one of zero length', () => {
    const line = (startMs: number, endMs: number) => ({ startMs, endMs, text: 'Yes.', words: [] });
    const speech = [{ startMs: 6_900, endMs: 7_200 }];
    const { transcript, dropped } = dropSilentSegments({ segments: [line(6_000, 6_950), line(7_000, 7_150), line(7_200, 7_200)] }, speech);
    expect(dropped).toBe(2);
    expect(transcript.segments).toEqual([line(7_000, 7_150)]);
  });
});
