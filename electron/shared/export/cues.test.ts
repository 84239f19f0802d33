import { describe, expect, it } from 'vitest';
import type { Word } from '../contract';
import { MAX_CUE_CHARS, MAX_LINE_CHARS, transcriptCues, twoLines, type Cue } from './cues';
import { ANSWER, timedSegment, transcriptOf, transcriptWords } from './export-test-support';

function cueWords(cues: Cue[]): string[] {
  return cues.flatMap((cue) => cue.lines.join(' ').split(' '));
}

function expectWellFormed(cues: Cue[]): void {
  cues.forEach((cue, i) => {
    expect(cue.endMs).toBeGreaterThan(cue.startMs);
    expect(cue.lines.length).toBeGreaterThan(0);
    if (i > 0) expect(cue.startMs).toBeGreaterThanOrEqual((cues[i - 1] as Cue).endMs);
  });
}

function seg(words: [string, number, number][], text = words.map(([t]) => t.trim()).join(' ')) {
  const list: Word[] = words.map(([t, startMs, endMs]) => ({ text: t, startMs, endMs }));
  return { startMs: list[0]?.startMs ?? 0, endMs: list.at(-1)?.endMs ?? 0, text, words: list };
}

describe('transcriptCues', () => {
  it('ends a cue at a sentence end, across segments, and keeps every word in order', () => {
    const cues = transcriptCues(ANSWER);
    expect(cues.map((c) => c.lines.join(' '))).toEqual([
      'Um, at the time I was responsible for the billing service.',
      'I decided to roll back the release, which was the wrong call.',
      'We lost a day, and I think maybe that was avoidable.',
      'As a result we now ship behind a flag.',
    ]);
    expect(cues[0]).toMatchObject({ startMs: 1500, endMs: 1500 + 11 * 300 });
    expect(cues[0]?.lines).toEqual(['Um, at the time I was responsible', 'for the billing service.']);
    expect(cueWords(cues)).toEqual(transcriptWords(ANSWER));
    expectWellFormed(cues);
  });

  it('ends a cue before a pause of 1000 ms, not 999', () => {
    const cues = transcriptCues(
      transcriptOf(
        seg([
          [' one', 0, 500],
          [' two', 1499, 1800],
          [' three', 2800, 3000],
        ]),
      ),
    );
    expect(cues.map((c) => c.lines.join(' '))).toEqual(['one two', 'three']);
    expect(cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 1800],
      [2800, 3000],
    ]);
  });

  it('ends a cue before it would last more than 7 s', () => {
    // 30 words of 400 ms with no punctuation: 17 words make 6.8 s, the 18th would make 7.2 s.
    const text = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    const cues = transcriptCues(transcriptOf(timedSegment(text, 0, 400)));
    expect(cues.map((c) => c.lines.join(' ').split(' ').length)).toEqual([17, 13]);
    expect(cues[0]?.endMs).toBe(6800);
  });

  it('keeps a cue within 84 characters on at most two lines of 42, broken at a space', () => {
    const text = 'the quick brown fox jumps over the lazy dog and then keeps running far beyond the hills and valleys of the old country';
    const cues = transcriptCues(transcriptOf(timedSegment(text, 0, 100)));
    for (const cue of cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      expect(cue.lines.join(' ').length).toBeLessThanOrEqual(MAX_CUE_CHARS);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
    }
    expect(cues.length).toBeGreaterThan(1);
    expect(cueWords(cues)).toEqual(text.split(' '));
  });

  it('balances two lines: the break that makes the longer line shortest', () => {
    expect(twoLines(['short'])).toEqual(['short']);
    expect(twoLines('aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj'.split(' '))).toEqual([
      'aaaa bbbb cccc dddd eeee',
      'ffff gggg hhhh iiii jjjj',
    ]);
    expect(twoLines(['x'.repeat(43), 'y'])).toBeNull();
  });

  it('gives a word longer than a line a cue of its own', () => {
    const url = `https://example.com/${'a'.repeat(50)}`;
    const cues = transcriptCues(transcriptOf(timedSegment(`see ${url} now`, 0)));
    expect(cues.map((c) => c.lines)).toEqual([['see'], [url], ['now']]);
  });

  it('clamps overlapping and backwards whisper times: no overlap, starts strictly increase', () => {
    const transcript = transcriptOf(
      seg([
        [' First.', 1000, 2000],
        [' Second', 1500, 1200], // starts before the previous cue ends and ends before it starts
        [' part.', 1900, 2600],
      ]),
      seg([
        [' Back.', 2100, 2100], // backwards in time and zero length
        [' Again.', 2300, 2300],
        [' Later.', 5000, 5400],
      ]),
    );
    const cues = transcriptCues(transcript);
    expect(cues.map((c) => [c.lines.join(' '), c.startMs, c.endMs])).toEqual([
      ['First.', 1000, 2000],
      ['Second part.', 2000, 2600],
      // starts where "Second part." ends and would end before it starts: shown 500 ms, as the next cue is
      // behind too (it is pushed after it) ...
      ['Back.', 2600, 3100],
      ['Again.', 3100, 3600],
      // ... and a well-timed cue keeps its times
      ['Later.', 5000, 5400],
    ]);
    expectWellFormed(cues);
    expect(cueWords(cues)).toEqual(transcriptWords(transcript));
  });

  it("a zero-length cue is shown 500 ms, cut short by the next cue's own start", () => {
    const cues = transcriptCues(
      transcriptOf(
        seg([
          [' Yes.', 1000, 1000],
          [' Next.', 1200, 1500],
          [' Now.', 3000, 3000],
        ]),
      ),
    );
    expect(cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [1000, 1200],
      [1200, 1500],
      [3000, 3500],
    ]);
  });

  it('an empty transcript, empty segments and blank words give no cues', () => {
    expect(transcriptCues({ segments: [] })).toEqual([]);
    expect(transcriptCues(transcriptOf(seg([], ''), seg([[' ', 0, 100]], '')))).toEqual([]);
  });

  it('a segment with text but no words falls back to one cue timed by the segment', () => {
    const long = 'This segment has no word timing at all, so the whole segment becomes one cue, wrapped into lines.';
    const transcript = transcriptOf(
      timedSegment('Before.', 0),
      { startMs: 1000, endMs: 9000, text: ` ${long} `, words: [] },
      timedSegment('After.', 9500),
    );
    const cues = transcriptCues(transcript);
    expect(cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 300],
      [1000, 9000],
      [9500, 9800],
    ]);
    expect(cues[1]?.lines.join(' ')).toBe(long);
    for (const line of cues[1]?.lines ?? []) expect(line.length).toBeLessThanOrEqual(MAX_LINE_CHARS);
    expect(cueWords(cues)).toEqual(transcriptWords(transcript));
  });

  it('sentence ends followed by closing quotes still end the cue; inner whitespace becomes one space', () => {
    const cues = transcriptCues(
      transcriptOf(
        seg([
          [' "Really?"', 0, 300],
          [' New\nYork', 300, 600],
          [' (done.)', 600, 900],
          [' ok', 900, 1000],
        ]),
      ),
    );
    expect(cues.map((c) => c.lines.join(' '))).toEqual(['"Really?"', 'New York (done.)', 'ok']);
  });
});
