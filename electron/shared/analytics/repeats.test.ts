import { describe, expect, it } from 'vitest';
import { analyzeTranscript } from './analyze';
import { evenly, tokensOf, transcriptOf } from './analytics-test-support';
import { findRepeatedPhrases } from './repeats';

describe('repeated phrases', () => {
  it('keeps the longest phrase and drops shorter ones inside it with the same count', () => {
    // "we moved the team" ×2: its 3-word parts also occur exactly twice, so only the 4 words are kept.
    expect(findRepeatedPhrases(tokensOf('So we moved the team, then we moved the team again'))).toEqual([
      { phrase: 'we moved the team', count: 2 },
    ]);
  });

  it('keeps a shorter phrase said more often than the longer one around it', () => {
    // "we added the new cache" ×2 (5 words); "the new cache" ×3, so it stays; the other 3- and 4-word
    // parts of the 5-word phrase occur exactly twice and are dropped.
    expect(
      findRepeatedPhrases(tokensOf('we added the new cache then later we added the new cache and honestly the new cache helped')),
    ).toEqual([
      { phrase: 'we added the new cache', count: 2 },
      { phrase: 'the new cache', count: 3 },
    ]);
  });

  it('removes fillers and punctuation first, and crosses segments', () => {
    const transcript = transcriptOf(evenly('In the end, um, it worked.', 0), evenly('In the end it, uh, worked', 5000));
    expect(analyzeTranscript(transcript).repeatedPhrases).toEqual([{ phrase: 'in the end it worked', count: 2 }]);
  });

  it('ignores 2-word repeats, phrases said once and overlapping occurrences', () => {
    // "the team the" starts at 0 and 2: the second starts inside the first, so it is said once.
    expect(findRepeatedPhrases(tokensOf('the team the team the plan was good'))).toEqual([]);
    // "no no no" at 0 and 3 do not overlap: twice (the 4- and 5-word runs overlap themselves).
    expect(findRepeatedPhrases(tokensOf('no no no no no no'))).toEqual([{ phrase: 'no no no', count: 2 }]);
  });

  it('returns at most 10, longest first, then most frequent, then first said', () => {
    // 12 different 3-word phrases, each said twice with different words between them.
    const once = (round: string) => Array.from({ length: 12 }, (_, k) => `w${k}a w${k}b w${k}c ${round}${k}`).join(' ');
    const found = findRepeatedPhrases(
      tokensOf(`${once('x')} ${once('y')} alpha beta gamma delta p alpha beta gamma delta q alpha beta gamma r`),
    );
    // "alpha beta gamma delta" ×2 (4 words) comes first; "alpha beta gamma" ×3 stays ("beta gamma delta" ×2
    // is inside the 4 words with the same count: dropped); then the first 8 of the 12 w-phrases.
    expect(found).toHaveLength(10);
    expect(found.slice(0, 3)).toEqual([
      { phrase: 'alpha beta gamma delta', count: 2 },
      { phrase: 'alpha beta gamma', count: 3 },
      { phrase: 'w0a w0b w0c', count: 2 },
    ]);
    expect(found.at(-1)).toEqual({ phrase: 'w7a w7b w7c', count: 2 });
  });
});
