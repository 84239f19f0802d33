// A transcript's words as subtitle cues, shared by the SRT and WebVTT exporters.
//
// Words are taken in transcript order (segments, then their words), each trimmed with inner whitespace
// made one space; words that are only whitespace are skipped, every other word is kept, in order, joined
// by single spaces. A cue ends
//   - after a word that ends a sentence (".", "?", "!" or "…", maybe followed by closing quotes/brackets),
//   - before a word that starts ≥ PAUSE_MS (1000 ms) after the cue's words end,
//   - before a word that would make the cue last more than MAX_CUE_MS (7 s) from its first word's start,
//   - before a word that would make its text longer than MAX_CUE_CHARS (84) or not fit on two lines of at
//     most MAX_LINE_CHARS (42), broken at a space (the break that makes the longer line shortest). A single
//     word longer than a line gets a cue (and a line) of its own.
// A segment with no words (or only blank ones) but with text falls back to one cue for the whole segment,
// timed by the segment, its text wrapped at spaces into lines of ≤ 42 characters (as many as it needs).
//
// Timing: a cue runs from its first word's start to the latest end among its words. whisper's word times
// can overlap or go backwards, so cues are then clamped in order: a cue starts no earlier than the previous
// cue's end (nor before 0), so cues never overlap and their starts strictly increase. A cue that would then
// end at or before its start (zero-length words, or words behind the previous cue) is shown for
// MIN_SHOWN_MS (500 ms), cut short by the next cue's own start when that comes later than this cue's start
// (never to less than 1 ms); a next cue that is itself behind is simply pushed after it. So a run of
// backwards words drifts later by at most 500 ms per cue, and well-timed cues keep their times. Times are
// rounded to whole ms.
import type { Transcript } from '../contract';
import { oneLine } from './text';

export const PAUSE_MS = 1000;
export const MAX_CUE_MS = 7000;
export const MAX_CUE_CHARS = 84;
export const MAX_LINE_CHARS = 42;
export const MIN_SHOWN_MS = 500;

export interface Cue {
  startMs: number;
  endMs: number;
  /** One or two lines (more only for a segment without words); never empty, no newlines inside. */
  lines: string[];
}

interface TimedWord {
  text: string;
  startMs: number;
  endMs: number;
}

interface Draft {
  words: string[];
  lines: string[];
  startMs: number;
  endMs: number;
}

const SENTENCE_END = /[.?!…]["'”’)\]»]*$/;

/**
 * The two-line layout of words, balanced: one line when it fits in MAX_LINE_CHARS, else the break at a
 * space that makes the longer line shortest; null when no break fits both lines.
 */
export function twoLines(words: readonly string[]): string[] | null {
  const all = words.join(' ');
  if (all.length <= MAX_LINE_CHARS || words.length === 1) return [all];
  let best: string[] | null = null;
  for (let i = 1; i < words.length; i++) {
    const first = words.slice(0, i).join(' ');
    const second = words.slice(i).join(' ');
    if (first.length > MAX_LINE_CHARS || second.length > MAX_LINE_CHARS) continue;
    if (!best || Math.max(first.length, second.length) < Math.max(...best.map((line) => line.length))) best = [first, second];
  }
  return best;
}

/** Words wrapped greedily into lines of ≤ MAX_LINE_CHARS (a longer word gets a line of its own). */
export function wrapLines(words: readonly string[]): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= MAX_LINE_CHARS) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function ms(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.round(value) : fallback;
}

/** The cue text's layout with `word` added, or null when `word` must start a new cue. */
function withWord(draft: Draft, word: TimedWord): string[] | null {
  if (word.startMs - draft.endMs >= PAUSE_MS) return null;
  if (Math.max(draft.endMs, word.endMs) - draft.startMs > MAX_CUE_MS) return null;
  const words = [...draft.words, word.text];
  if (words.join(' ').length > MAX_CUE_CHARS) return null;
  return twoLines(words);
}

/** Cue drafts with whisper's times, before clamping. */
function drafts(transcript: Transcript): Draft[] {
  const out: Draft[] = [];
  let draft: Draft | null = null;
  const close = () => {
    if (draft) out.push(draft);
    draft = null;
  };
  for (const segment of transcript.segments) {
    const words: TimedWord[] = [];
    let last = ms(segment.startMs, 0);
    for (const word of segment.words) {
      const text = oneLine(word.text);
      if (text === '') continue;
      const startMs = ms(word.startMs, last);
      const endMs = ms(word.endMs, startMs);
      words.push({ text, startMs, endMs });
      last = endMs;
    }
    if (words.length === 0) {
      const text = oneLine(segment.text);
      if (text === '') continue;
      close();
      const startMs = ms(segment.startMs, 0);
      out.push({ words: [text], lines: wrapLines(text.split(' ')), startMs, endMs: ms(segment.endMs, startMs) });
      continue;
    }
    for (const word of words) {
      const current: Draft | null = draft;
      const lines = current ? withWord(current, word) : null;
      if (current && lines) {
        current.words.push(word.text);
        current.lines = lines;
        current.endMs = Math.max(current.endMs, word.endMs);
      } else {
        close();
        draft = { words: [word.text], lines: [word.text], startMs: word.startMs, endMs: word.endMs };
      }
      if (SENTENCE_END.test(word.text)) close();
    }
  }
  close();
  return out;
}

/** The transcript as subtitle cues (rules at the top of this file). */
export function transcriptCues(transcript: Transcript): Cue[] {
  const cues: Cue[] = [];
  const all = drafts(transcript);
  all.forEach((draft, i) => {
    const startMs = Math.max(draft.startMs, cues.at(-1)?.endMs ?? 0);
    let endMs = draft.endMs;
    if (endMs <= startMs) {
      const next = all[i + 1]?.startMs;
      const cap = next !== undefined && next > startMs ? next : Number.POSITIVE_INFINITY;
      endMs = Math.max(startMs + 1, Math.min(startMs + MIN_SHOWN_MS, cap));
    }
    cues.push({ startMs, endMs, lines: draft.lines });
  });
  return cues;
}
