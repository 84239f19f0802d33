import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../../electron/shared/contract';
import { clampSeek, flattenWords, nextSpeed, previousSpeed, SPEEDS, wordIndexAt } from './word-timeline';

const word = (text: string, startMs: number, endMs: number) => ({ text, startMs, endMs });

function transcriptOf(...segments: ReturnType<typeof word>[][]): Transcript {
  return {
    segments: segments.map((words) => ({
      startMs: words[0]?.startMs ?? 0,
      endMs: words.at(-1)?.endMs ?? 0,
      text: words.map((w) => w.text).join(''),
      words,
    })),
  };
}

describe('flattenWords', () => {
  it('is empty for no transcript, no segments and segments without words', () => {
    expect(flattenWords(null)).toEqual([]);
    expect(flattenWords(undefined)).toEqual([]);
    expect(flattenWords({ segments: [] })).toEqual([]);
    expect(flattenWords(transcriptOf([]))).toEqual([]);
  });

  it('numbers the words across segments and remembers their segment, with whisper’s leading spaces trimmed', () => {
    const words = flattenWords(transcriptOf([word(' I', 0, 200), word(' was', 250, 400)], [word(' wrong.', 500, 900)]));
    expect(words).toEqual([
      { text: 'I', startMs: 0, endMs: 200, index: 0, segment: 0 },
      { text: 'was', startMs: 250, endMs: 400, index: 1, segment: 0 },
      { text: 'wrong.', startMs: 500, endMs: 900, index: 2, segment: 1 },
    ]);
  });

  it('puts out-of-order words in time order; words starting together keep transcript order', () => {
    const words = flattenWords(transcriptOf([word('b', 300, 500), word('a', 100, 200)], [word('c', 300, 350), word('d', 600, 700)]));
    expect(words.map((w) => [w.text, w.index, w.segment])).toEqual([
      ['a', 0, 0],
      ['b', 1, 0],
      ['c', 2, 1],
      ['d', 3, 1],
    ]);
  });

  it('leaves out empty tokens and unusable times, and mends an end before the start', () => {
    const words = flattenWords(
      transcriptOf([
        word('', 0, 10),
        word('  ', 10, 20),
        word('x', Number.NaN, 30),
        word('y', 40, Number.POSITIVE_INFINITY),
        word('z', 50, 45),
      ]),
    );
    expect(words).toEqual([{ text: 'z', startMs: 50, endMs: 50, index: 0, segment: 0 }]);
  });

  it('clamps a negative start to 0', () => {
    expect(flattenWords(transcriptOf([word('a', -20, 100)]))[0]).toMatchObject({ startMs: 0, endMs: 100 });
  });
});

describe('wordIndexAt', () => {
  const words = flattenWords(transcriptOf([word('a', 100, 300), word('b', 400, 600)], [word('c', 600, 900), word('d', 2000, 2300)]));

  it('is -1 for no words, before the first word and for NaN', () => {
    expect(wordIndexAt([], 0)).toBe(-1);
    expect(wordIndexAt([], 5000)).toBe(-1);
    expect(wordIndexAt(words, 0)).toBe(-1);
    expect(wordIndexAt(words, 99.9)).toBe(-1);
    expect(wordIndexAt(words, -50)).toBe(-1);
    expect(wordIndexAt(words, Number.NaN)).toBe(-1);
  });

  it('finds the word being spoken, from exactly its start', () => {
    expect(wordIndexAt(words, 100)).toBe(0);
    expect(wordIndexAt(words, 200)).toBe(0);
    expect(wordIndexAt(words, 400)).toBe(1);
    expect(wordIndexAt(words, 2299)).toBe(3);
  });

  it('keeps the last word in a gap and after the end', () => {
    expect(wordIndexAt(words, 300)).toBe(0); // exactly the end of a
    expect(wordIndexAt(words, 350)).toBe(0);
    expect(wordIndexAt(words, 1500)).toBe(2);
    expect(wordIndexAt(words, 2300)).toBe(3);
    expect(wordIndexAt(words, 1e9)).toBe(3);
    expect(wordIndexAt(words, Number.POSITIVE_INFINITY)).toBe(3);
  });

  it('moves to the next word where one ends exactly as the next starts', () => {
    expect(wordIndexAt(words, 599.999)).toBe(1);
    expect(wordIndexAt(words, 600)).toBe(2);
  });

  it('takes the later word where whisper’s times overlap', () => {
    const overlapping = flattenWords(transcriptOf([word('one', 0, 500), word('two', 300, 800), word('three', 300, 400)]));
    expect(wordIndexAt(overlapping, 299)).toBe(0);
    expect(wordIndexAt(overlapping, 450)).toBe(2); // "three" started last (tie broken by transcript order)
    expect(wordIndexAt(overlapping, 700)).toBe(2);
  });

  it('agrees with a linear scan over 10,000 words with gaps, ties and overlaps', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const raw: ReturnType<typeof word>[] = [];
    let t = 0;
    for (let i = 0; i < 10_000; i += 1) {
      t += Math.floor(random() * 400) - 50; // sometimes backwards: overlapping and out-of-order words
      raw.push(word(`w${i}`, Math.max(0, t), Math.max(0, t) + Math.floor(random() * 500)));
    }
    const many = flattenWords(transcriptOf(raw.slice(0, 5000), raw.slice(5000)));
    expect(many).toHaveLength(10_000);
    expect(many.every((w, i) => i === 0 || w.startMs >= many[i - 1]!.startMs)).toBe(true);
    const linear = (ms: number) => {
      let found = -1;
      for (let i = 0; i < many.length; i += 1) if (many[i]!.startMs <= ms) found = i;
      return found;
    };
    const last = many.at(-1)!.endMs;
    for (let probe = 0; probe < 500; probe += 1) {
      const ms = Math.floor(random() * (last + 1000)) - 500;
      expect(wordIndexAt(many, ms)).toBe(linear(ms));
    }
    for (const w of many.filter((_, i) => i % 97 === 0)) expect(wordIndexAt(many, w.startMs)).toBe(linear(w.startMs));
  });
});

describe('clampSeek', () => {
  it('keeps a time inside the take', () => {
    expect(clampSeek(1234, 5000)).toBe(1234);
    expect(clampSeek(0, 5000)).toBe(0);
    expect(clampSeek(5000, 5000)).toBe(5000);
  });

  it('clamps at the start and the end', () => {
    expect(clampSeek(-5000, 3000)).toBe(0);
    expect(clampSeek(8000, 3000)).toBe(3000);
    expect(clampSeek(Number.POSITIVE_INFINITY, 3000)).toBe(3000);
  });

  it('only clamps at 0 while the duration is unknown, and maps NaN to 0', () => {
    expect(clampSeek(8000, Number.NaN)).toBe(8000);
    expect(clampSeek(8000, 0)).toBe(8000);
    expect(clampSeek(-1, Number.NaN)).toBe(0);
    expect(clampSeek(Number.NaN, 3000)).toBe(0);
  });
});

describe('speeds', () => {
  it('offers 0.75× to 2×', () => {
    expect(SPEEDS).toEqual([0.75, 1, 1.25, 1.5, 1.75, 2]);
  });

  it('steps up and down and stops at the ends', () => {
    expect(nextSpeed(1)).toBe(1.25);
    expect(nextSpeed(1.75)).toBe(2);
    expect(nextSpeed(2)).toBe(2);
    expect(previousSpeed(1)).toBe(0.75);
    expect(previousSpeed(0.75)).toBe(0.75);
    expect(previousSpeed(2)).toBe(1.75);
  });

  it('steps from a speed that is not offered to the nearest offered one in that direction', () => {
    expect(nextSpeed(1.1)).toBe(1.25);
    expect(previousSpeed(1.1)).toBe(1);
    expect(nextSpeed(3)).toBe(2);
    expect(previousSpeed(0.5)).toBe(0.75);
  });
});
