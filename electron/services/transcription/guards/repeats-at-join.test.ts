import { describe, expect, it } from 'vitest';
import { offsetTranscript } from '../transcript';
import { fixtureTranscript, wordsOf } from './guard-test-support';
import { removeRepeats } from './repeats';
import { removeRepeatsAtJoin } from './repeats-at-join';

/** The second chunk of a take placed on the take's timeline, 24 s in, as take-transcriber.ts does. */
const secondChunk = (name: string) => offsetTranscript(fixtureTranscript(name), 24_000);

describe('removeRepeatsAtJoin', () => {
  it('catches a loop of words that the two chunks each keep under the thresholds, and removes the second chunk’s copies', () => {
    const before = fixtureTranscript('guard-join-loop-1.ojf.txt');
    const after = secondChunk('guard-join-loop-2.ojf.txt');
    // Each chunk alone passes the ordinary guard untouched: that is the gap this guard closes.
    expect(removeRepeats(before).removed).toBe(0);
    expect(removeRepeats(after).removed).toBe(0);

    const joined = removeRepeatsAtJoin(before, after);
    expect(joined.removed).toBe(1);
    expect(joined.after.segments.map((s) => s.text)).toEqual(['we should move the billing first.']);
    // Where the loop was: the whole first line of the second chunk.
    expect(joined.spans).toEqual([{ startMs: 24_000, endMs: 26_650 }]);
  });

  it('removes a line that the second chunk writes again when it is then there three times in a row', () => {
    const joined = removeRepeatsAtJoin(fixtureTranscript('guard-join-line-1.ojf.txt'), secondChunk('guard-join-line-2.ojf.txt'));
    expect(joined.removed).toBe(1);
    expect(joined.after.segments.map((s) => s.text)).toEqual(['Then the servers went down.']);
    expect(joined.spans).toEqual([{ startMs: 24_000, endMs: 25_600 }]);
  });

  it('keeps real repetition at a join: a phrase said twice, a line said twice, a word said four times', () => {
    const before = fixtureTranscript('guard-join-loop-1.ojf.txt');
    const shorter = fixtureTranscript('guard-join-line-1.ojf.txt');
    const line = (text: string, at: number) => {
      const words = text.split(' ').map((w, i) => ({ text: w, startMs: at + i * 300, endMs: at + i * 300 + 250 }));
      return { startMs: at, endMs: at + words.length * 300, text, words };
    };
    const cases = [
      // "I think that" twice before the join, and the next chunk does not go on with it
      { before, after: { segments: [line('we should move the billing first.', 24_000)] } },
      // the line said once before and once after: twice in a row is speech
      { before: { segments: shorter.segments.slice(0, 2) }, after: { segments: [line('We shipped it Friday.', 24_000)] } },
      // "no no" + "no no": four in a row, under the five a single word needs
      { before: { segments: [line('I said no no', 20_000)] }, after: { segments: [line('no no, not yet.', 24_000)] } },
    ];
    for (const { before: b, after } of cases) {
      const joined = removeRepeatsAtJoin(b, after);
      expect(joined.removed).toBe(0);
      expect(wordsOf(joined.after)).toEqual(wordsOf(after));
    }
  });

  it('changes nothing when either side has no text', () => {
    const after = secondChunk('guard-join-loop-2.ojf.txt');
    expect(removeRepeatsAtJoin({ segments: [] }, after).after).toBe(after);
    expect(removeRepeatsAtJoin(fixtureTranscript('guard-join-loop-1.ojf.txt'), { segments: [] }).removed).toBe(0);
  });
});
