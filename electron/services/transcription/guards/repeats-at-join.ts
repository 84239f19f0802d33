// Repetition loops across a join between two engine calls. Each call's transcript is guarded on its own
// (repeats.ts), and each call is prompted with the end of the text before it (chunk-prompt.ts), which is
// how a loop is carried into the next chunk: one ends "…I think that I think that", the next starts "I think
// that I think that we…". Neither side reaches the thresholds alone; together they are a loop. This judges
// the join, the text before followed by the new chunk's, with repeats.ts's thresholds, and only ever removes
// from the new chunk: the text before is settled (and may already have been fed forward).
//
// Caught at a join: a line written again at the start of the new chunk so that it is there 3+ times in a row
// in all, and a run of 2-8 words (one word: 5+) repeated 3+ times in a row that crosses the join. The new
// chunk's copies are removed, and their time span returned so the take is flagged "check this part".
import type { Segment, Transcript, Word } from '../transcript';
import { REPEAT_GUARD, repeatKey, type Span } from './repeats';

export interface JoinResult {
  after: Transcript;
  /** Lines removed, plus runs of words cut (one run counts once). */
  removed: number;
  spans: Span[];
}

/** How many of the last words before the join can start a loop that crosses it. */
const BEFORE_WORDS = REPEAT_GUARD.maxNgram * REPEAT_GUARD.minWordRepeats;

export function removeRepeatsAtJoin(before: Transcript, after: Transcript): JoinResult {
  let removed = 0;
  const spans: Span[] = [];
  let segments = [...after.segments];

  // Whole lines: the last line before the join, written again at the start of the new chunk.
  const last = before.segments.at(-1);
  const lastKey = last ? repeatKey(last.text) : '';
  if (lastKey !== '') {
    let inBefore = 0;
    for (let i = before.segments.length - 1; i >= 0 && repeatKey(before.segments[i]!.text) === lastKey; i--) inBefore++;
    let inAfter = 0;
    while (inAfter < segments.length && repeatKey(segments[inAfter]!.text) === lastKey) inAfter++;
    if (inAfter > 0 && inBefore + inAfter >= REPEAT_GUARD.minSegmentRepeats) {
      spans.push({ startMs: segments[0]!.startMs, endMs: segments[inAfter - 1]!.endMs });
      removed += inAfter;
      segments = segments.slice(inAfter);
    }
  }

  // Runs of words that start before the join and go on after it.
  const beforeWords = before.segments.flatMap((s) => s.words).slice(-BEFORE_WORDS);
  for (;;) {
    const afterWords = segments.flatMap((s) => s.words);
    const loop = findLoopAcross(beforeWords, afterWords);
    if (!loop) break;
    const gone = new Set(afterWords.slice(loop.from, loop.to));
    spans.push({ startMs: afterWords[loop.from]!.startMs, endMs: afterWords[loop.to - 1]!.endMs });
    removed++;
    segments = segments.map((segment) => withoutWords(segment, gone)).filter((segment): segment is Segment => segment !== null);
  }

  if (removed === 0) return { after, removed: 0, spans: [] };
  return { after: { segments }, removed, spans };
}

/** The words of `after`, [from, to), that continue a loop begun before the join; null when there is none. */
function findLoopAcross(before: readonly Word[], after: readonly Word[]): { from: number; to: number } | null {
  const keys = [...before, ...after].map((w) => repeatKey(w.text));
  const join = before.length;
  for (let start = 0; start < join; start++) {
    for (let n = 1; n <= REPEAT_GUARD.maxNgram && start + n <= keys.length; n++) {
      let repeats = 1;
      while (sameRun(keys, start, start + repeats * n, n)) repeats++;
      const needed = n === 1 ? REPEAT_GUARD.minWordRepeats : REPEAT_GUARD.minNgramRepeats;
      const end = start + repeats * n;
      // The first occurrence is kept (wherever it lies); what comes after it, and after the join, goes.
      const from = Math.max(start + n, join);
      if (repeats >= needed && end > from) return { from: from - join, to: end - join };
    }
  }
  return null;
}

function sameRun(keys: readonly string[], a: number, b: number, n: number): boolean {
  if (b + n > keys.length) return false;
  for (let k = 0; k < n; k++) if (keys[a + k] !== keys[b + k] || keys[a + k] === '') return false;
  return true;
}

/** The segment without the given words; null when none of its words are left. */
function withoutWords(segment: Segment, gone: ReadonlySet<Word>): Segment | null {
  const words = segment.words.filter((w) => !gone.has(w));
  if (words.length === segment.words.length) return segment;
  if (words.length === 0) return null;
  return {
    ...segment,
    startMs: Math.max(segment.startMs, words[0]!.startMs),
    endMs: Math.max(words.at(-1)!.endMs, words[0]!.startMs),
    text: words.map((w) => w.text).join(' '),
    words,
  };
}
