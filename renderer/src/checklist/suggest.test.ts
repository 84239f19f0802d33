// Suggesting evidence: sentences containing an item's cue phrases, best first.
import { describe, expect, it } from 'vitest';
import type { Sentence } from './sentences';
import { containsCue, suggestEvidence, suggestionsFor } from './suggest';

function sentences(...texts: string[]): Sentence[] {
  return texts.map((text, index) => ({
    index,
    text,
    startMs: index * 1000,
    endMs: index * 1000 + 900,
    wordStart: index,
    wordEnd: index + 1,
  }));
}

describe('suggestEvidence', () => {
  const take = sentences(
    'We shipped on time.',
    'It was my mistake, and I said so.',
    'I told the team I was wrong about the estimate.',
    'Looking back, it was my mistake and I was wrong.',
    'Nothing else happened.',
  );

  it('finds the sentences containing any cue, case-insensitively', () => {
    const found = suggestEvidence(take, { cues: ['my mistake'] });
    expect(found.map((s) => s.index)).toEqual([1, 3]);
  });

  it('puts the sentences matching most distinct cues first, then the earliest', () => {
    const found = suggestEvidence(take, { cues: ['i was wrong', 'my mistake', 'estimate'] });
    expect(found.map((s) => s.index)).toEqual([2, 3, 1]);
    // A cue listed twice counts once.
    expect(suggestEvidence(take, { cues: ['my mistake', 'my mistake', 'i was wrong'] }).map((s) => s.index)).toEqual([3, 1, 2]);
  });

  it('finds nothing when no cue matches, or there are no sentences', () => {
    expect(suggestEvidence(take, { cues: ['salary'] })).toEqual([]);
    expect(suggestEvidence([], { cues: ['my mistake'] })).toEqual([]);
  });

  it('matches cues at the start of a word, and typographic apostrophes as straight ones', () => {
    const own = sentences('I had to calm down.', 'I owned the outage.', 'I didn’t know.');
    expect(suggestEvidence(own, { cues: ['own'] }).map((s) => s.index)).toEqual([1]);
    expect(suggestEvidence(own, { cues: ["didn't know"] }).map((s) => s.index)).toEqual([2]);
  });
});

describe('containsCue', () => {
  it('needs the cue to start a word: not right after a letter (for a letter) or a digit (for a digit)', () => {
    expect(containsCue('own it', 'own')).toBe(true);
    expect(containsCue('down, own', 'own')).toBe(true);
    expect(containsCue('calm down', 'own')).toBe(false);
    expect(containsCue('you know i did', 'now i')).toBe(false);
    expect(containsCue('about 120k a year', 'k a year')).toBe(true);
    expect(containsCue('about 40k', '0k')).toBe(false);
    expect(containsCue('we hit $40k', '$40k')).toBe(true);
    expect(containsCue('around 90,000', ',000')).toBe(true);
    expect(containsCue('anything', '')).toBe(false);
  });
});

describe('suggestionsFor', () => {
  it('maps every item id to its suggestions', () => {
    const take = sentences('I was wrong.', 'I asked for help.');
    const map = suggestionsFor(take, [
      { id: 'a.wrong', cues: ['wrong'] },
      { id: 'a.help', cues: ['asked for help', 'help'] },
      { id: 'a.none', cues: ['salary'] },
    ]);
    expect([...map.keys()]).toEqual(['a.wrong', 'a.help', 'a.none']);
    expect(map.get('a.wrong')?.map((s) => s.index)).toEqual([0]);
    expect(map.get('a.help')?.map((s) => s.index)).toEqual([1]);
    expect(map.get('a.none')).toEqual([]);
  });
});
