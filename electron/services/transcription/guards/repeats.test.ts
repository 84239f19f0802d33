import { describe, expect, it } from 'vitest';
import { fixtureTranscript, wordsOf } from './guard-test-support';
import { compressionRatio, REPEAT_GUARD, removeRepeats } from './repeats';

describe('removeRepeats', () => {
  it('cuts a line written four times and a phrase looped inside a line back to their first occurrence, and says where', () => {
    const { transcript, removed, spans } = removeRepeats(fixtureTranscript('guard-repeat-loop.ojf.txt'));
    expect(transcript.segments.map((s) => s.text)).toEqual([
      'No, no, no, I I I think um',
      'We shipped it Friday.',
      'and then I said wait.',
    ]);
    // Three copies of the line, and one loop of words.
    expect(removed).toBe(4);
    expect(spans).toEqual([
      { startMs: 3_000, endMs: 11_000 },
      { startMs: 13_000, endMs: 16_000 },
    ]);
    const loopLine = transcript.segments[2];
    expect(loopLine?.words.map((w) => [w.text, w.startMs])).toEqual([
      ['and', 12_000],
      ['then', 12_250],
      ['I', 12_500],
      ['said', 12_750],
      ['wait.', 16_000],
    ]);
  });

  it('keeps real repetition: a word said three or four times, a phrase said twice, a line said twice', () => {
    const words = (text: string, at: number) =>
      text.split(' ').map((w, i) => ({ text: w, startMs: at + i * 300, endMs: at + i * 300 + 250 }));
    const line = (text: string, at: number) => ({ startMs: at, endMs: at + 3_000, text, words: words(text, at) });
    const input = {
      segments: [line('no no no no', 0), line('you know, you know, what I mean', 3_000), line('Right.', 6_000), line('Right.', 9_000)],
    };
    const { transcript, removed } = removeRepeats(input);
    expect(removed).toBe(0);
    expect(wordsOf(transcript)).toEqual(wordsOf(input));
  });

  it('cuts one word said five times or more to one', () => {
    const words = Array.from({ length: 6 }, (_, i) => ({ text: 'the', startMs: i * 200, endMs: i * 200 + 150 }));
    const { transcript, removed, spans } = removeRepeats({
      segments: [{ startMs: 0, endMs: 1_200, text: 'the the the the the the', words }],
    });
    expect(removed).toBe(1);
    expect(transcript.segments[0]?.text).toBe('the');
    expect(spans).toEqual([{ startMs: 200, endMs: 1_150 }]);
  });

  it('cuts a line that compresses far better than speech even when its loop varies, back to where it stops doing so', () => {
    const text =
      'I want to go there, I want to go home, I want to go there, I want to go home, I want to go there, I want to go home, I want to go there';
    const words = text.split(' ').map((w, i) => ({ text: w, startMs: i * 200, endMs: i * 200 + 180 }));
    expect(compressionRatio(text)).toBeGreaterThan(REPEAT_GUARD.compressionRatio);
    const { transcript, removed } = removeRepeats({ segments: [{ startMs: 0, endMs: words.length * 200, text, words }] });
    expect(removed).toBe(1);
    const kept = transcript.segments[0]?.text ?? '';
    expect(kept.startsWith('I want to go there, I want to go home,')).toBe(true);
    expect(compressionRatio(kept)).toBeLessThanOrEqual(REPEAT_GUARD.compressionRatio);
  });

  it('leaves ordinary speech alone: its compression ratio is well under 2.4', () => {
    const text =
      "So, um, the first thing I'd say is that the project started late, and we, uh, we had to rebuild the pipeline twice before anyone could test it properly.";
    expect(compressionRatio(text)).toBeLessThan(2);
    const words = text.split(' ').map((w, i) => ({ text: w, startMs: i * 300, endMs: i * 300 + 250 }));
    expect(removeRepeats({ segments: [{ startMs: 0, endMs: 9_000, text, words }] }).removed).toBe(0);
  });
});
