import { describe, expect, it } from 'vitest';
import { removeAnnotations } from './annotations';
import { fixtureTranscript } from './guard-test-support';
import { fixTimes, MAX_WORD_MS } from './times';

const timed = (t: { segments: { words: { text: string; startMs: number; endMs: number }[] }[] }) =>
  t.segments.flatMap((s) => s.words.map((w) => [w.text, w.startMs, w.endMs]));

describe('fixTimes', () => {
  const chunk = removeAnnotations(fixtureTranscript('guard-times.ojf.txt')).transcript;

  it('clamps words to the chunk, puts them in time order and shortens a word that swallowed a pause onto its speech', () => {
    const speech = [
      { startMs: 1_000, endMs: 4_700 },
      { startMs: 8_800, endMs: 10_000 },
    ];
    const { transcript, fixed } = fixTimes(chunk, { fromMs: 0, toMs: 10_000, speech });
    expect(timed(transcript)).toEqual([
      // the engine joined " *sigh*" to it, so its time runs to the note's end
      ['Well', 1_000, 2_000],
      ['okay', 2_000, 2_400],
      ['so', 3_100, 4_000],
      ['the', 4_200, 4_400],
      // started before "the": it now starts with it
      ['second', 4_200, 4_700],
      // 4.8-9.6 s, but the speech in that span is 8.8-9.6 s
      ['Okay.', 8_800, 9_600],
      // past the chunk's end: clamped to it
      ['and', 9_800, 10_000],
      ['more', 10_000, 10_000],
    ]);
    // four words ("second", "Okay.", "and", "more"); the last line's end moves with its words
    expect(fixed).toBe(4);
    const last = transcript.segments.at(-1);
    expect([last?.startMs, last?.endMs]).toEqual([9_600, 10_000]);
  });

  it('caps a long word at MAX_WORD_MS from its start when no speech is known', () => {
    const { transcript } = fixTimes(chunk, { fromMs: 0, toMs: 20_000 });
    expect(timed(transcript).find(([w]) => w === 'Okay.')).toEqual(['Okay.', 4_800, 4_800 + MAX_WORD_MS]);
  });

  it('changes nothing in a transcript whose times are right, and keeps the objects', () => {
    const good = {
      segments: [
        {
          startMs: 0,
          endMs: 1_000,
          text: 'Hi there',
          words: [
            { text: 'Hi', startMs: 0, endMs: 400 },
            { text: 'there', startMs: 400, endMs: 1_000 },
          ],
        },
      ],
    };
    const { transcript, fixed } = fixTimes(good, { fromMs: 0, toMs: 1_000 });
    expect(fixed).toBe(0);
    expect(transcript.segments[0]).toBe(good.segments[0]);
  });
});
