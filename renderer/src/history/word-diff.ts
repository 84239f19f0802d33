// A word-level diff of two takes' transcripts, for "compare retakes": which words of the earlier take
// (A) are gone in the later one (B), which are new, which stayed. Words are compared normalised (as the
// analytics read them: lowercased, curly apostrophes straight, punctuation stripped, so "Well," equals
// "well"), while each part keeps the words as they were transcribed, with their times, for display.
// Punctuation-only transcript tokens ("—", "...") are not words and are left out. The diff itself is
// jsdiff's diffArrays (Myers) with a comparator over the normalised forms. Its cost grows with the square
// of the number of edits (about a second for two 3000-word takes with nothing in common), so it stops
// after MAX_EDITS: two takes that different are shown whole, A as removed and B as added, and `aligned`
// says so. Two answers of a few minutes each (a few hundred words) never reach it.
import { diffArrays } from 'diff';
import { tokenize } from '../../../electron/shared/analytics/words';
import type { Transcript } from '../../../electron/shared/contract';

export interface DiffWord {
  /** The word as transcribed, trimmed ("Well,"). */
  text: string;
  startMs: number;
}

export type DiffPart =
  /** In both takes: `words` as said in A, `wordsB` the same words as said in B (times and punctuation may differ). */
  | { kind: 'same'; words: DiffWord[]; wordsB: DiffWord[] }
  /** Only in A. */
  | { kind: 'removed'; words: DiffWord[] }
  /** Only in B. */
  | { kind: 'added'; words: DiffWord[] };

/** Words removed plus words added beyond which the takes are not lined up word by word. */
export const MAX_EDITS = 2000;

export interface WordDiff {
  /** A's and B's words in reading order: removed parts come before the added parts that replace them. */
  parts: DiffPart[];
  /** Word counts: added (only in B), removed (only in A), same (in both). */
  added: number;
  removed: number;
  same: number;
  /** False when the takes differ in more than MAX_EDITS words and are shown whole instead of lined up. */
  aligned: boolean;
}

interface Token {
  word: DiffWord;
  /** The form compared: tokenize()'s tokens joined by a space ("two-way" → "two way"). */
  key: string;
}

function tokensOf(transcript: Transcript): Token[] {
  const tokens: Token[] = [];
  for (const segment of transcript.segments) {
    for (const word of segment.words) {
      const key = tokenize(word.text).join(' ');
      if (key !== '') tokens.push({ word: { text: word.text.trim(), startMs: word.startMs }, key });
    }
  }
  return tokens;
}

export function diffTranscriptWords(a: Transcript, b: Transcript): WordDiff {
  const before = tokensOf(a);
  const after = tokensOf(b);
  const lined = diffArrays(before, after, { comparator: (x, y) => x.key === y.key, maxEditLength: MAX_EDITS });
  const changes = lined ?? [
    { count: before.length, removed: true, added: false, value: before },
    { count: after.length, removed: false, added: true, value: after },
  ];
  const parts: DiffPart[] = [];
  const result: WordDiff = { parts, added: 0, removed: 0, same: 0, aligned: lined !== undefined };
  // Walk both arrays by the changes' counts: for a common run jsdiff reports B's tokens only, and A's
  // own spelling and times are wanted too.
  let inA = 0;
  let inB = 0;
  for (const change of changes) {
    const count = change.count;
    if (count === 0) continue;
    if (change.removed) {
      parts.push({ kind: 'removed', words: before.slice(inA, inA + count).map((t) => t.word) });
      inA += count;
      result.removed += count;
    } else if (change.added) {
      parts.push({ kind: 'added', words: after.slice(inB, inB + count).map((t) => t.word) });
      inB += count;
      result.added += count;
    } else {
      parts.push({
        kind: 'same',
        words: before.slice(inA, inA + count).map((t) => t.word),
        wordsB: after.slice(inB, inB + count).map((t) => t.word),
      });
      inA += count;
      inB += count;
      result.same += count;
    }
  }
  return result;
}
