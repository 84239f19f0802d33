// Repeated phrases: the same 3 to 5 words said at least twice in one take.
//
// Over the phrase tokens (words.ts: lowercased, punctuation stripped, fillers removed first), every run
// of n consecutive tokens (n = 5, 4, 3; across segments) is counted, reading left to right, each time it
// starts after the end of its previous counted occurrence ("the team the team the" says "the team the"
// once, not twice). Phrases said 2+ times are taken longest first, then most frequent, then first said; a
// shorter phrase is dropped when it lies inside an already kept longer one with the same count (it is
// only there because the longer one was repeated). At most MAX_REPEATED_PHRASES are returned.
// E.g. "we moved the team" said twice → "we moved the team" (4 words) ×2; "we moved the" and
// "moved the team" are dropped because they also occur exactly twice.
import type { PhraseCount } from './words';

export const MAX_REPEATED_PHRASES = 10;
const LONGEST = 5;
const SHORTEST = 3;

export function findRepeatedPhrases(tokens: readonly string[]): PhraseCount[] {
  const candidates: { phrase: string; n: number; count: number; first: number }[] = [];
  for (let n = LONGEST; n >= SHORTEST; n--) {
    const seen = new Map<string, { count: number; first: number; last: number }>();
    for (let at = 0; at + n <= tokens.length; at++) {
      const phrase = tokens.slice(at, at + n).join(' ');
      const entry = seen.get(phrase);
      if (!entry) seen.set(phrase, { count: 1, first: at, last: at });
      else if (at >= entry.last + n) {
        entry.count++;
        entry.last = at;
      }
    }
    for (const [phrase, { count, first }] of seen) if (count >= 2) candidates.push({ phrase, n, count, first });
  }
  candidates.sort((a, b) => b.n - a.n || b.count - a.count || a.first - b.first);
  const kept: typeof candidates = [];
  for (const candidate of candidates) {
    const inside = kept.some(
      (longer) => longer.n > candidate.n && longer.count === candidate.count && contains(longer.phrase, candidate.phrase),
    );
    if (!inside) kept.push(candidate);
  }
  return kept.slice(0, MAX_REPEATED_PHRASES).map(({ phrase, count }) => ({ phrase, count }));
}

function contains(longer: string, shorter: string): boolean {
  return ` ${longer} `.includes(` ${shorter} `);
}
