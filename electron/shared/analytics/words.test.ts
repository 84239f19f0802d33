import { describe, expect, it } from 'vitest';
import { evenly, transcriptOf, tokensOf } from './analytics-test-support';
import { countMatches, isSpokenWord, phraseMatcher, phraseTokens, spokenWords, tokenize } from './words';

describe('spokenWords', () => {
  it('keeps words with a letter or digit, trimmed, and drops punctuation-only tokens', () => {
    const transcript = transcriptOf(
      [
        [' Well.', 0, 300],
        [' ,', 300, 320],
        ['—', 320, 400],
        [' I’d', 400, 600],
      ],
      [
        ['...', 1000, 1100],
        [' 70', 1100, 1400],
        [' %', 1400, 1500],
        [' 70%', 1500, 1900],
        [' um,', 1900, 2100],
      ],
    );
    // 5 words: Well. / I’d / 70 / 70% / um, — the 4 punctuation tokens are not words.
    expect(spokenWords(transcript)).toEqual([
      { text: 'Well.', startMs: 0, endMs: 300, filler: null },
      { text: 'I’d', startMs: 400, endMs: 600, filler: null },
      { text: '70', startMs: 1100, endMs: 1400, filler: null },
      { text: '70%', startMs: 1500, endMs: 1900, filler: null },
      { text: 'um,', startMs: 1900, endMs: 2100, filler: 'um' },
    ]);
    expect(isSpokenWord('  ?! ')).toBe(false);
    expect(isSpokenWord('é')).toBe(true);
    expect(isSpokenWord('3')).toBe(true);
  });

  it('reads every segment in order and copes with segments without words', () => {
    const transcript = transcriptOf(evenly('one two', 0), [], evenly('three', 5000));
    expect(spokenWords(transcript).map((w) => w.text)).toEqual(['one', 'two', 'three']);
  });
});

describe('tokens for phrase matching', () => {
  it('lowercases, strips punctuation, straightens apostrophes and reads % as percent', () => {
    expect(tokenize(' Well.')).toEqual(['well']);
    expect(tokenize('I’d')).toEqual(["i'd"]);
    expect(tokenize('70%')).toEqual(['70', 'percent']);
    expect(tokenize('2.5%,')).toEqual(['2.5', 'percent']);
    expect(tokenize('two-way')).toEqual(['two', 'way']);
    expect(tokenize("'cause")).toEqual(['cause']);
    expect(tokenize('"Hello,')).toEqual(['hello']);
    expect(tokenize('end.')).toEqual(['end']);
    expect(tokenize('—')).toEqual([]);
  });

  it('leaves fillers out, joins "per cent", and runs across segments and punctuation tokens', () => {
    const transcript = transcriptOf(evenly("I'd, um, estimate 70"), [
      [' %', 2000, 2100],
      [' or', 2100, 2300],
      [' 60', 2300, 2500],
      [' per', 2500, 2700],
      [' cent.', 2700, 3000],
    ]);
    expect(phraseTokens(transcript)).toEqual(["i'd", 'estimate', '70', 'percent', 'or', '60', 'percent']);
  });
});

describe('countMatches', () => {
  it('matches whole tokens, longest first, each token once, most frequent first', () => {
    const matcher = phraseMatcher(['a b', 'a b c', 'c', 'd']);
    // Tokens a b c d a b c c ab: "a b c" at 0 uses up its c (no "a b", no "c" there); d; "a b c"; c;
    // "ab" is one token, not "a b". Ties in the order first said: d before c.
    expect(countMatches(tokensOf('a b c d a b c c ab'), [matcher])).toEqual([
      { phrase: 'a b c', count: 2 },
      { phrase: 'd', count: 1 },
      { phrase: 'c', count: 1 },
    ]);
    expect(countMatches(tokensOf('x a b y'), [matcher])).toEqual([{ phrase: 'a b', count: 1 }]);
  });
});
