// Splitting a take's transcript into sentences: punctuation, abbreviations, decimals, pauses, segment ends.
import { describe, expect, it } from 'vitest';
import type { Segment, Transcript } from '../../../electron/shared/contract';
import { endsSentence, splitSentences } from './sentences';

/** A segment of words spoken 300 ms apart (each 250 ms long) from `startMs`; `text` defaults to the words joined. */
function segment(startMs: number, words: string, text?: string): Segment {
  const list = words.split(' ').map((word, i) => ({ text: word, startMs: startMs + i * 300, endMs: startMs + i * 300 + 250 }));
  return { startMs, endMs: list.at(-1)?.endMs ?? startMs, text: text ?? ` ${words}`, words: list };
}

function texts(transcript: Transcript): string[] {
  return splitSentences(transcript).map((sentence) => sentence.text);
}

describe('endsSentence', () => {
  it.each(['mistake.', 'why?', 'wow!', 'done."', 'right?)', '“Stop.”'])('%s ends a sentence', (word) => {
    expect(endsSentence(word)).toBe(true);
  });
  it.each(['2.5', 'e.g.', 'E.g.,', 'i.e.', 'Mr.', 'Dr.', 'U.S.', 'U.K.', '(e.g.', 'so...', 'well…', 'and', 'then,'])(
    '%s does not',
    (word) => {
      expect(endsSentence(word)).toBe(false);
    },
  );
});

describe('splitSentences', () => {
  it('ends sentences at . ? and ! inside one segment', () => {
    const transcript = { segments: [segment(0, 'I made a mistake. Did I own it? Yes! I did')] };
    expect(texts(transcript)).toEqual(['I made a mistake.', 'Did I own it?', 'Yes!', 'I did']);
  });

  it('gives each sentence its times and word range', () => {
    const sentences = splitSentences({ segments: [segment(1000, 'One two. Three')] });
    expect(sentences).toEqual([
      { index: 0, text: 'One two.', startMs: 1000, endMs: 1550, wordStart: 0, wordEnd: 2 },
      { index: 1, text: 'Three', startMs: 1600, endMs: 1850, wordStart: 2, wordEnd: 3 },
    ]);
  });

  it('does not split on a decimal', () => {
    expect(texts({ segments: [segment(0, 'It took 2.5 seconds to load. Then it was fine.')] })).toEqual([
      'It took 2.5 seconds to load.',
      'Then it was fine.',
    ]);
  });

  it('does not split on abbreviations', () => {
    const transcript = { segments: [segment(0, 'Teams e.g. payments in the U.S. asked Mr. Smith. He agreed.')] };
    expect(texts(transcript)).toEqual(['Teams e.g. payments in the U.S. asked Mr. Smith.', 'He agreed.']);
  });

  it('splits at a pause of 1.5 s or more between words, not a shorter one', () => {
    const transcript: Transcript = {
      segments: [
        {
          startMs: 0,
          endMs: 9000,
          text: ' so I paused and then I carried on',
          words: [
            { text: 'so', startMs: 0, endMs: 200 },
            { text: 'I', startMs: 300, endMs: 400 },
            { text: 'paused', startMs: 500, endMs: 900 },
            { text: 'and', startMs: 2400, endMs: 2600 }, // a 1500 ms pause: splits
            { text: 'then', startMs: 2700, endMs: 2900 },
            { text: 'I', startMs: 4399, endMs: 4500 }, // 1499 ms: does not
            { text: 'carried', startMs: 4600, endMs: 4900 },
            { text: 'on', startMs: 5000, endMs: 5200 },
          ],
        },
      ],
    };
    const sentences = splitSentences(transcript);
    expect(sentences.map((s) => s.text)).toEqual(['so I paused', 'and then I carried on']);
    expect(sentences[1]).toMatchObject({ startMs: 2400, endMs: 5200, wordStart: 3, wordEnd: 8 });
  });

  it('joins a sentence across segments, and ends one at a segment whose text ends with terminal punctuation', () => {
    const transcript = {
      segments: [
        segment(0, 'When the launch slipped', ' When the launch slipped'),
        segment(2000, 'I told my manager', ' I told my manager.'), // the text has a full stop its words lack
        segment(4000, 'She thanked me.'),
      ],
    };
    const sentences = splitSentences(transcript);
    expect(sentences.map((s) => s.text)).toEqual(['When the launch slipped I told my manager', 'She thanked me.']);
    expect(sentences.map((s) => [s.wordStart, s.wordEnd])).toEqual([
      [0, 8],
      [8, 11],
    ]);
  });

  it('trims words and joins them with single spaces', () => {
    const transcript: Transcript = {
      segments: [
        {
          startMs: 0,
          endMs: 1000,
          text: ' Hello there.',
          words: [
            { text: ' Hello ', startMs: 0, endMs: 400 },
            { text: '  there.', startMs: 500, endMs: 1000 },
          ],
        },
      ],
    };
    expect(texts(transcript)).toEqual(['Hello there.']);
  });

  it('gives nothing for an empty or missing transcript', () => {
    expect(splitSentences({ segments: [] })).toEqual([]);
    expect(splitSentences(undefined)).toEqual([]);
    expect(splitSentences(null)).toEqual([]);
    expect(splitSentences({ segments: [{ startMs: 0, endMs: 500, text: '  ', words: [] }] })).toEqual([]);
  });

  it('falls back to one sentence per segment when there are no words', () => {
    const transcript: Transcript = {
      segments: [
        { startMs: 0, endMs: 3000, text: ' I was wrong.  I said so. ', words: [] },
        { startMs: 3000, endMs: 5000, text: '', words: [] },
        { startMs: 5000, endMs: 8000, text: ' Then we fixed it', words: [] },
      ],
    };
    expect(splitSentences(transcript)).toEqual([
      { index: 0, text: 'I was wrong. I said so.', startMs: 0, endMs: 3000, wordStart: 0, wordEnd: 0 },
      { index: 1, text: 'Then we fixed it', startMs: 5000, endMs: 8000, wordStart: 0, wordEnd: 0 },
    ]);
  });

  it('keeps a segment without words as a sentence of its own among worded ones', () => {
    const transcript: Transcript = {
      segments: [segment(0, 'First part'), { startMs: 1000, endMs: 2000, text: ' untimed middle', words: [] }, segment(2000, 'Last.')],
    };
    expect(splitSentences(transcript).map((s) => [s.text, s.wordStart, s.wordEnd])).toEqual([
      ['First part', 0, 2],
      ['untimed middle', 2, 2],
      ['Last.', 2, 3],
    ]);
  });

  it('is deterministic: the same transcript gives the same sentences and indices', () => {
    const transcript = { segments: [segment(0, 'One. Two? Three!'), segment(5000, 'Four and 2.5 more.')] };
    const first = splitSentences(transcript);
    expect(splitSentences(structuredClone(transcript))).toEqual(first);
    expect(first.map((s) => s.index)).toEqual([0, 1, 2, 3]);
  });
});
