import { describe, expect, it } from 'vitest';
import { evenly, transcriptOf } from '../../../electron/shared/analytics/analytics-test-support';
import type { Transcript } from '../../../electron/shared/contract';
import { diffTranscriptWords, type WordDiff } from './word-diff';

function t(text: string): Transcript {
  return text === '' ? { segments: [] } : transcriptOf(evenly(text));
}

/** The parts as "kind:text text" strings, e.g. ["same:I built", "removed:a", "added:the"]. */
function summary(diff: WordDiff): string[] {
  return diff.parts.map((part) => `${part.kind}:${part.words.map((w) => w.text).join(' ')}`);
}

describe('diffTranscriptWords', () => {
  it('finds nothing changed between identical transcripts', () => {
    const diff = diffTranscriptWords(t('I built the cache'), t('I built the cache'));
    expect(summary(diff)).toEqual(['same:I built the cache']);
    expect(diff).toMatchObject({ added: 0, removed: 0, same: 4 });
  });

  it('marks inserted words as added', () => {
    const diff = diffTranscriptWords(t('I built the cache'), t('I quickly built the new cache'));
    expect(summary(diff)).toEqual(['same:I', 'added:quickly', 'same:built the', 'added:new', 'same:cache']);
    expect(diff).toMatchObject({ added: 2, removed: 0, same: 4 });
  });

  it('marks deleted words as removed', () => {
    const diff = diffTranscriptWords(t('so um I built the cache'), t('I built the cache'));
    expect(summary(diff)).toEqual(['removed:so um', 'same:I built the cache']);
    expect(diff).toMatchObject({ added: 0, removed: 2, same: 4 });
  });

  it('shows a replacement as the removed words, then the added ones', () => {
    const diff = diffTranscriptWords(t('we cut latency by half'), t('we cut latency by 40 percent'));
    expect(summary(diff)).toEqual(['same:we cut latency by', 'removed:half', 'added:40 percent']);
    expect(diff).toMatchObject({ added: 2, removed: 1, same: 4 });
  });

  it('compares without case or punctuation but keeps each take’s own text and times', () => {
    const a = transcriptOf([
      [' Well,', 0, 400],
      [' I’d', 400, 800],
      [' estimate.', 800, 1200],
    ]);
    const b = transcriptOf([
      ['well', 1000, 1300],
      ["I'd", 1300, 1600],
      ['Estimate', 1600, 2000],
    ]);
    const diff = diffTranscriptWords(a, b);
    expect(diff).toMatchObject({ added: 0, removed: 0, same: 3 });
    const [part] = diff.parts;
    if (part?.kind !== 'same') throw new Error('expected one common part');
    expect(part.words).toEqual([
      { text: 'Well,', startMs: 0 },
      { text: 'I’d', startMs: 400 },
      { text: 'estimate.', startMs: 800 },
    ]);
    expect(part.wordsB.map((w) => w.text)).toEqual(['well', "I'd", 'Estimate']);
    expect(part.wordsB[0]?.startMs).toBe(1000);
  });

  it('leaves out punctuation-only tokens', () => {
    const a = transcriptOf([
      ['It', 0, 100],
      ['—', 100, 100],
      ['worked', 100, 300],
    ]);
    const diff = diffTranscriptWords(a, t('it worked'));
    expect(summary(diff)).toEqual(['same:It worked']);
  });

  it('copes with empty transcripts', () => {
    expect(diffTranscriptWords(t(''), t(''))).toEqual({ parts: [], added: 0, removed: 0, same: 0, aligned: true });
    expect(summary(diffTranscriptWords(t(''), t('hello there')))).toEqual(['added:hello there']);
    expect(summary(diffTranscriptWords(t('hello there'), { segments: [{ startMs: 0, endMs: 0, text: '', words: [] }] }))).toEqual([
      'removed:hello there',
    ]);
  });

  it('reads across segments', () => {
    const a = transcriptOf(evenly('I built'), evenly('the cache', 1000));
    const diff = diffTranscriptWords(a, t('I built the cache'));
    expect(summary(diff)).toEqual(['same:I built the cache']);
  });

  it('finishes on two 3000-word takes', () => {
    const vocabulary = 'the team shipped a cache because latency mattered and I measured what broke first then we fixed it'.split(' ');
    const words = (seed: number) =>
      Array.from({ length: 3000 }, (_, i) => vocabulary[(i * 7 + seed * (i % 13 === 0 ? 3 : 0)) % vocabulary.length]);
    const a = t(words(0).join(' '));
    const b = t(words(1).join(' '));
    const similar = diffTranscriptWords(a, b);
    expect(similar.same + similar.removed).toBe(3000);
    expect(similar.same + similar.added).toBe(3000);
    const different = diffTranscriptWords(a, t(Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ')));
    expect(different).toMatchObject({ added: 3000, removed: 3000, same: 0, aligned: false });
    expect(summary(different).map((part) => part.split(':')[0])).toEqual(['removed', 'added']);
    expect(similar.aligned).toBe(true);
  });
});
