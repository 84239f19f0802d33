// The replay player's view of a transcript: its words as one time-ordered list, and which of them is
// being spoken at a playback time. Pure, so the edge cases of whisper's timing (gaps, overlapping or
// out-of-order words, empty tokens) are tested without a browser.
import type { Transcript } from '../../../electron/shared/contract';

export interface TimedWord {
  /** The word as whisper wrote it, trimmed (whisper puts a space before most words). */
  text: string;
  startMs: number;
  /** Never before startMs. */
  endMs: number;
  /** Position in the flattened list (what wordIndexAt returns). */
  index: number;
  /** Index of the transcript segment the word came from. */
  segment: number;
}

/**
 * All words of the transcript in time order (by start; words starting together keep transcript order),
 * each with its global index and its segment. Words without text or with unusable times are left out;
 * an end before the start is taken as the start.
 */
export function flattenWords(transcript: Transcript | null | undefined): TimedWord[] {
  if (!transcript) return [];
  const words: Omit<TimedWord, 'index'>[] = [];
  transcript.segments.forEach((segment, segmentIndex) => {
    for (const word of segment.words) {
      const text = word.text.trim();
      if (text === '' || !Number.isFinite(word.startMs) || !Number.isFinite(word.endMs)) continue;
      const startMs = Math.max(0, word.startMs);
      words.push({ text, startMs, endMs: Math.max(startMs, word.endMs), segment: segmentIndex });
    }
  });
  // Array.prototype.sort is stable, so words that start together keep their transcript order.
  words.sort((a, b) => a.startMs - b.startMs);
  return words.map((word, index) => ({ ...word, index }));
}

/**
 * The word being spoken at `ms`: the last word that has started by then. In a gap between words that is
 * the word before the gap; where whisper's times overlap it is the later word. -1 before the first word
 * (or for an empty list or a time that is not a number). `words` must be in flattenWords order.
 */
export function wordIndexAt(words: readonly Pick<TimedWord, 'startMs'>[], ms: number): number {
  if (Number.isNaN(ms)) return -1;
  let low = 0;
  let high = words.length; // the answer is the last index in [0, high) with startMs <= ms
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((words[mid] as Pick<TimedWord, 'startMs'>).startMs <= ms) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** A seek target inside the take: [0, durationMs]; 0 for a time that is not a number. */
export function clampSeek(ms: number, durationMs: number): number {
  if (Number.isNaN(ms)) return 0;
  const upper = Number.isFinite(durationMs) && durationMs > 0 ? durationMs : Number.POSITIVE_INFINITY;
  return Math.min(Math.max(0, ms), upper);
}

/** The playback speeds offered, slowest first. */
export const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
export type Speed = (typeof SPEEDS)[number];
const SLOWEST: Speed = SPEEDS[0];
const FASTEST: Speed = SPEEDS[5];

/** The next faster speed, or the fastest when already there (also for a speed not in the list). */
export function nextSpeed(current: number): Speed {
  return SPEEDS.find((speed) => speed > current + 1e-9) ?? FASTEST;
}

/** The next slower speed, or the slowest when already there. */
export function previousSpeed(current: number): Speed {
  return [...SPEEDS].reverse().find((speed) => speed < current - 1e-9) ?? SLOWEST;
}

/** "1.25×" */
export function speedLabel(speed: number): string {
  return `${speed}×`;
}
