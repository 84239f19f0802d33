// Repetition loops: a decoder that has lost its place writes the same line, or the same few words, over
// and over ("I think that I think that I think that…"), or a text that compresses far better than speech.
// Each loop is cut back to its first occurrence and its time span is returned, so the take can be flagged
// "check this part" rather than edited silently.
//
// Thresholds (chosen so real disfluency survives: the app exists to show it):
// - a segment whose text (case and punctuation aside) equals the one before it 2+ more times in a row
//   (3+ in all): the copies are removed;
// - in a segment's words, a run of 2 to MAX_NGRAM words repeated 3+ times in a row; a single word only
//   when repeated 5+ times in a row, as "no, no, no" and "I I I" are speech, not loops;
// - a segment whose text compresses by more than 2.4 (len(utf8) / len(zlib), Whisper's own
//   compression_ratio_threshold) is cut to the longest start of it that does not (after the loops
//   above are cut, this catches loops that vary a little).
import { zlibSync } from 'fflate';
import type { Segment, Transcript, Word } from '../transcript';

export const REPEAT_GUARD = {
  minSegmentRepeats: 3,
  minNgramRepeats: 3,
  minWordRepeats: 5,
  maxNgram: 8,
  compressionRatio: 2.4,
} as const;

export interface Span {
  startMs: number;
  endMs: number;
}

export interface RepeatResult {
  transcript: Transcript;
  /** Segments removed and runs of words cut (one loop cut counts once). */
  removed: number;
  /** Where text was removed: the time the loop took. */
  spans: Span[];
}

export function removeRepeats(transcript: Transcript): RepeatResult {
  let removed = 0;
  const spans: Span[] = [];
  const segments: Segment[] = [];
  const all = transcript.segments;
  for (let i = 0; i < all.length; i++) {
    const segment = all[i] as Segment;
    let run = i + 1;
    while (run < all.length && repeatKey(all[run]!.text) === repeatKey(segment.text) && repeatKey(segment.text) !== '') run++;
    if (run - i >= REPEAT_GUARD.minSegmentRepeats) {
      const last = all[run - 1] as Segment;
      removed += run - i - 1;
      spans.push({ startMs: segment.startMs, endMs: last.endMs });
      i = run - 1;
    }
    const cut = cutLoopsInSegment(segment);
    removed += cut.removed;
    spans.push(...cut.spans);
    segments.push(cut.segment);
  }
  return { transcript: { segments }, removed, spans: mergeSpans(spans) };
}

/** len(utf8) / len(zlib level 6): Whisper's compression ratio of a text. */
export function compressionRatio(text: string): number {
  const bytes = new TextEncoder().encode(text);
  return bytes.length === 0 ? 0 : bytes.length / zlibSync(bytes, { level: 6 }).length;
}

function cutLoopsInSegment(segment: Segment): { segment: Segment; removed: number; spans: Span[] } {
  let words = segment.words;
  let removed = 0;
  const spans: Span[] = [];
  for (;;) {
    const loop = findNgramLoop(words);
    if (!loop) break;
    const gone = words.slice(loop.keepTo, loop.end);
    spans.push({ startMs: gone[0]!.startMs, endMs: gone.at(-1)!.endMs });
    words = [...words.slice(0, loop.keepTo), ...words.slice(loop.end)];
    removed++;
  }
  if (compressionRatio(textOf(words, segment)) > REPEAT_GUARD.compressionRatio && words.length > 1) {
    let keep = words.length - 1;
    while (keep > 1 && compressionRatio(textOf(words.slice(0, keep), segment)) > REPEAT_GUARD.compressionRatio) keep--;
    spans.push({ startMs: words[keep]!.startMs, endMs: words.at(-1)!.endMs });
    words = words.slice(0, keep);
    removed++;
  }
  if (removed === 0) return { segment, removed, spans };
  const text = words.map((w) => w.text).join(' ');
  const endMs = Math.max(words.at(-1)?.endMs ?? segment.startMs, segment.startMs);
  return { segment: { ...segment, text, words, endMs }, removed, spans };
}

/** The first run of an n-gram repeated enough times in a row: keep words before keepTo, drop [keepTo, end). */
function findNgramLoop(words: readonly Word[]): { keepTo: number; end: number } | null {
  const keys = words.map((w) => repeatKey(w.text));
  for (let start = 0; start < keys.length; start++) {
    for (let n = 1; n <= REPEAT_GUARD.maxNgram && start + n <= keys.length; n++) {
      let repeats = 1;
      while (sameRun(keys, start, start + repeats * n, n)) repeats++;
      const needed = n === 1 ? REPEAT_GUARD.minWordRepeats : REPEAT_GUARD.minNgramRepeats;
      if (repeats >= needed) return { keepTo: start + n, end: start + repeats * n };
    }
  }
  return null;
}

function sameRun(keys: readonly string[], a: number, b: number, n: number): boolean {
  if (b + n > keys.length) return false;
  for (let k = 0; k < n; k++) if (keys[a + k] !== keys[b + k] || keys[a + k] === '') return false;
  return true;
}

function textOf(words: readonly Word[], segment: Segment): string {
  return words.length > 0 ? words.map((w) => w.text).join(' ') : segment.text;
}

/** Lower case, letters, digits and apostrophes only: "Thank you." and "thank you" are the same line. */
export function repeatKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.startMs <= last.endMs) last.endMs = Math.max(last.endMs, span.endMs);
    else out.push({ ...span });
  }
  return out;
}
