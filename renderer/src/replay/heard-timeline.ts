// Where the fillers heard in the audio go in the replay: in the word-synced transcript, after the word
// being spoken when each starts; on the waveform, as a share of the take's length. And how each is named.
// Pure, so the placement is tested without a browser.
import type { FillerVerdict, JudgedFiller } from '../../../electron/shared/analytics/heard-fillers';
import { round } from '../../../electron/shared/analytics/round';
import type { HesitationKind } from '../../../electron/shared/contract';
import { formatClock } from '../ui/format';
import { wordIndexAt, type TimedWord } from './word-timeline';

/** The heard fillers after each word (by the word's global index; -1 for those before the first word). */
export function placeAmongWords(words: readonly TimedWord[], heard: readonly JudgedFiller[]): Map<number, JudgedFiller[]> {
  const placed = new Map<number, JudgedFiller[]>();
  for (const item of heard) {
    const after = wordIndexAt(words, item.hesitation.startMs);
    placed.set(after, [...(placed.get(after) ?? []), item]);
  }
  return placed;
}

/** Left edge and width on the waveform, in percent of the take; at least `minPercent` wide, never past the end. */
export function waveSpan(startMs: number, endMs: number, durationMs: number, minPercent = 0.8): { left: number; width: number } {
  if (!(durationMs > 0)) return { left: 0, width: 0 };
  const left = Math.min(100 - minPercent, Math.max(0, (startMs / durationMs) * 100));
  const width = Math.min(100 - left, Math.max(minPercent, ((endMs - startMs) / durationMs) * 100));
  return { left: round(left, 2), width: round(width, 2) };
}

const KIND_TEXT: Record<Exclude<HesitationKind, 'drawn-out'>, string> = {
  uh: '“uh”',
  um: '“um”',
  hesitation: 'a held sound',
};

/** "“uh”", "“um”", "a held sound": what it sounded like. */
export function heardKindText(kind: HesitationKind): string {
  return kind === 'drawn-out' ? 'a drawn-out word' : KIND_TEXT[kind];
}

/** The short mark in the transcript: "uh?" until judged, "uh" once confirmed (struck through when dismissed, by CSS). */
export function markerText({ hesitation, verdict }: JudgedFiller): string {
  const sound = hesitation.kind === 'hesitation' ? '…' : hesitation.kind;
  return verdict === null ? `${sound}?` : sound;
}

export function verdictText(verdict: FillerVerdict | null): string {
  return verdict === 'filler' ? 'counted as a filler' : verdict === 'not-filler' ? 'not a filler' : 'not checked yet';
}

/** "Heard at 0:07, sounds like “uh”, not checked yet": a marker's name for assistive technology. */
export function markerName(item: JudgedFiller): string {
  return `Heard at ${formatClock(item.hesitation.startMs)}, sounds like ${heardKindText(item.hesitation.kind)}, ${verdictText(item.verdict)}: play it`;
}
