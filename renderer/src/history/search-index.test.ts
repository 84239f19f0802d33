import { describe, expect, it } from 'vitest';
import { queryTerms, SearchIndex } from './search-index';

const index = new SearchIndex([
  { id: 'take-a', text: 'I recommended the wrong vendor.\nI was wrong because I missed the load test.' },
  { id: 'take-b', text: 'We shipped the cache in two weeks and the load dropped by half.' },
  { id: 'take-c', text: 'Honestly I do not know.' },
]);

const marked = (parts: { text: string; match: boolean }[]) => parts.map((part) => (part.match ? `[${part.text}]` : part.text)).join('');

describe('full-text search over transcripts', () => {
  it('finds every take containing all the terms, case-insensitively, with the matches marked', () => {
    expect([...index.search('LOAD')]).toEqual(['take-a', 'take-b']);
    expect(marked(index.snippet('take-a', 'LOAD'))).toContain('missed the [load] test');
    expect([...index.search('load cache')]).toEqual(['take-b']);
  });

  it('marks every occurrence in the snippet, and gives none for a take without a match', () => {
    expect(marked(index.snippet('take-a', 'wrong'))).toBe(
      'I recommended the [wrong] vendor. I was [wrong] because I missed the load test.',
    );
    expect(index.snippet('take-c', 'wrong')).toEqual([]);
  });

  it('keeps quoted phrases whole and matches word parts as typed', () => {
    expect(queryTerms('"the load"  Cache cache')).toEqual(['the load', 'cache']);
    expect([...index.search('"the load test"')]).toEqual(['take-a']);
    expect([...index.search('recommend')]).toEqual(['take-a']);
  });

  it('finds nothing for an empty query or a missing word', () => {
    expect(index.search('   ').size).toBe(0);
    expect(index.search('kubernetes').size).toBe(0);
  });

  it('cuts long texts to a snippet around the first match', () => {
    const long = new SearchIndex([
      { id: 'take-long', text: `${'filler words here '.repeat(40)}the needle is here${' and more words'.repeat(40)}` },
    ]);
    const text = marked(long.snippet('take-long', 'needle'));
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('the [needle] is here');
    expect(text.length).toBeLessThan(200);
  });
});
