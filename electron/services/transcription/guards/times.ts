// Times the engine gets wrong: words past the end of the audio (or of the chunk they came from), words
// out of order, and a word that swallows a pause (whisper.cpp's token timestamps give the word after a
// silence the whole silence). Text is never reordered: the engine's order of words is the truth, its
// times are the noisy part.
import { speechMsIn, type SpeechRegion } from '../speech-gate';
import type { Segment, Transcript, Word } from '../transcript';

/** The longest a word may last: a drawn-out "sooo" lasts about 2 s; more is a timestamp error. */
export const MAX_WORD_MS = 3_000;

export interface TimeBounds {
  /** Where the audio the words came from starts and ends (a chunk, clipped to the take). */
  fromMs: number;
  toMs: number;
  /** Speech regions on the same timeline, when known: a long word is moved onto its speech first. */
  speech?: readonly SpeechRegion[];
}

/**
 * Clamps every segment and word into bounds, makes each segment's word starts non-decreasing (a word
 * that starts before the one before it starts where that one does), and shortens a word longer than
 * MAX_WORD_MS: first to the speech inside its span (when regions are given), then to MAX_WORD_MS from
 * its start. A segment's span is widened to hold its words. Returns how many words and segments changed.
 */
export function fixTimes(transcript: Transcript, bounds: TimeBounds): { transcript: Transcript; fixed: number } {
  let fixed = 0;
  const clamp = (ms: number) => Math.min(bounds.toMs, Math.max(bounds.fromMs, ms));
  const segments = transcript.segments.map((segment): Segment => {
    let changed = false;
    let previousStart = -Infinity;
    const words = segment.words.map((word): Word => {
      let startMs = Math.max(clamp(word.startMs), previousStart);
      let endMs = Math.max(clamp(word.endMs), startMs);
      if (endMs - startMs > MAX_WORD_MS) [startMs, endMs] = shorten(startMs, endMs, bounds.speech);
      previousStart = startMs;
      if (startMs === word.startMs && endMs === word.endMs) return word;
      fixed++;
      changed = true;
      return { ...word, startMs, endMs };
    });
    const first = words[0];
    const last = words.at(-1);
    const startMs = Math.min(clamp(segment.startMs), first?.startMs ?? Infinity);
    const endMs = Math.max(clamp(segment.endMs), last?.endMs ?? -Infinity, startMs);
    if (startMs !== segment.startMs || endMs !== segment.endMs) {
      if (!changed) fixed++;
      changed = true;
    }
    return changed ? { ...segment, startMs, endMs, words } : segment;
  });
  // Segments in time order too (stable: segments that start together keep the engine's order).
  segments.sort((a, b) => a.startMs - b.startMs);
  return { transcript: { segments }, fixed };
}

function shorten(startMs: number, endMs: number, speech: readonly SpeechRegion[] | undefined): [number, number] {
  let from = startMs;
  let to = endMs;
  if (speech && speechMsIn(speech, startMs, endMs) > 0) {
    const inside = speech.filter((r) => r.endMs > startMs && r.startMs < endMs);
    from = Math.max(startMs, inside[0]!.startMs);
    to = Math.min(endMs, inside.at(-1)!.endMs);
  }
  return [from, Math.min(to, from + MAX_WORD_MS)];
}
