// A take's transcript as sentences: the units a person attaches to a checklist item as evidence.
// Evidence stores a sentence's index (with a copy of its text and times), so the split must be
// deterministic: the same transcript always gives the same sentences with the same indices.
//
// Sentences are built from the words (flattened across segments), because whisper's segments are
// sentence-ish spans that often break mid-sentence or hold two. A sentence ends
// - after a word ending in . ? or ! (closing quotes or brackets after it allowed), unless the word is an
//   abbreviation ("e.g.", "Mr.", "U.S.": see ABBREVIATIONS) or an ellipsis ("so..."), which trail on;
// - before a pause of PAUSE_SPLIT_MS or more between two words;
// - at the end of a segment whose text ends with terminal punctuation.
// A decimal such as "2.5" never ends one: its "." is not at the end of the word.
// A segment with text but no words (no word timing) is a sentence of its own, so a transcript without
// any words gives one sentence per segment.
import type { Transcript } from '../../../electron/shared/contract';

export interface Sentence {
  /** Position in the take's sentences, from 0. */
  index: number;
  /** The words joined by single spaces (or the segment's text, for a segment without words). */
  text: string;
  startMs: number;
  endMs: number;
  /** The sentence's words are `words.slice(wordStart, wordEnd)` of the transcript's words flattened across segments. */
  wordStart: number;
  wordEnd: number;
}

/** A silence between two words at least this long ends a sentence. */
export const PAUSE_SPLIT_MS = 1500;

/** Words ending in "." that do not end a sentence (lowercase, leading and trailing brackets/quotes removed). */
const ABBREVIATIONS = new Set([
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'prof.',
  'sr.',
  'jr.',
  'st.',
  'vs.',
  'approx.',
  'dept.',
  'inc.',
  'ltd.',
  'corp.',
  'e.g.',
  'i.e.',
  'cf.',
]);

/** Two or more single letters, each followed by a dot: "U.S.", "U.K.", "a.m.", "p.m.". */
const DOTTED_INITIALS = /^(?:[a-z]\.){2,}$/i;
const CLOSING = /["'”’)\]]+$/u;
const OPENING = /^["'“‘([]+/u;

/** Whether text (a word or a segment's text) ends a sentence by its punctuation. */
export function endsSentence(text: string): boolean {
  const bare = text.trim().replace(CLOSING, '').replace(OPENING, '');
  if (!/[.?!]$/.test(bare)) return false;
  if (/(?:\.\.\.|…)$/.test(bare)) return false;
  if (!bare.endsWith('.')) return true;
  const lower = bare.toLowerCase();
  return !ABBREVIATIONS.has(lower) && !DOTTED_INITIALS.test(lower);
}

interface Draft {
  texts: string[];
  startMs: number;
  endMs: number;
  wordStart: number;
}

export function splitSentences(transcript: Transcript | null | undefined): Sentence[] {
  const sentences: Sentence[] = [];
  const push = (text: string, startMs: number, endMs: number, wordStart: number, wordEnd: number) => {
    if (text !== '') sentences.push({ index: sentences.length, text, startMs, endMs, wordStart, wordEnd });
  };
  if (!transcript) return sentences;

  let wordIndex = 0;
  let draft: Draft | null = null;
  let lastEndMs: number | null = null;
  /** Ends the draft sentence before word `wordIndex`. */
  const finish = (d: Draft) => push(d.texts.join(' '), d.startMs, d.endMs, d.wordStart, wordIndex);

  for (const segment of transcript.segments) {
    if (segment.words.length === 0) {
      if (draft) finish(draft);
      draft = null;
      lastEndMs = null;
      push(segment.text.trim().replace(/\s+/g, ' '), segment.startMs, segment.endMs, wordIndex, wordIndex);
      continue;
    }
    for (const word of segment.words) {
      if (draft && lastEndMs !== null && word.startMs - lastEndMs >= PAUSE_SPLIT_MS) {
        finish(draft);
        draft = null;
      }
      draft ??= { texts: [], startMs: word.startMs, endMs: word.endMs, wordStart: wordIndex };
      const text = word.text.trim();
      if (text !== '') draft.texts.push(text);
      draft.endMs = Math.max(draft.endMs, word.endMs);
      lastEndMs = word.endMs;
      wordIndex += 1;
      if (endsSentence(text)) {
        finish(draft);
        draft = null;
      }
    }
    if (draft && endsSentence(segment.text)) {
      finish(draft);
      draft = null;
    }
  }
  if (draft) finish(draft);
  return sentences;
}
