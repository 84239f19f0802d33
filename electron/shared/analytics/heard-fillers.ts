// Fillers heard in the audio, and what the person said about each. Pure: runs in the renderer (metrics,
// review, exports) and in Node (the CLI).
//
// Definitions:
//   - a heard filler is a hesitation that is neither transcribed (the transcript has it, and counts it
//     already) nor a drawn-out word (a lengthened word is never a filler);
//   - the person's choice on a heard filler is "filler" (confirmed) or "not-filler" (dismissed); a choice
//     belongs to the heard filler whose span overlaps it (so it survives the hesitations being computed
//     again, as when a transcript arrives later);
//   - fillerCount = transcribed fillers + confirmed heard ones; fillersPerMin is that per minute of
//     speech (pace.ts's speechMs, to 1 decimal). Heard fillers without a choice are counted apart
//     (heardFillerCount), never in fillerCount; dismissed ones in neither.
import type { Hesitation } from '../contract';
import { perMinute } from './round';

export type FillerVerdict = 'filler' | 'not-filler';

/** What the person said about the heard filler at this span. */
export interface FillerChoice {
  startMs: number;
  endMs: number;
  verdict: FillerVerdict;
}

/** A filler heard in the audio that the transcript lacks: not transcribed, not a drawn-out word. */
export function isHeardFiller(hesitation: Hesitation): boolean {
  return !hesitation.transcribed && hesitation.kind !== 'drawn-out';
}

/** How many fillers were heard and are not in the transcript (add them to the transcript's own fillerCount). */
export function heardFillerCount(hesitations: readonly Hesitation[]): number {
  return hesitations.filter(isHeardFiller).length;
}

const overlaps = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) =>
  a.startMs < b.endMs && b.startMs < a.endMs;

/** The choice made on `heard`, or null when none was. */
export function choiceFor(heard: Hesitation, choices: readonly FillerChoice[] | undefined): FillerVerdict | null {
  return choices?.find((choice) => overlaps(choice, heard))?.verdict ?? null;
}

/** `choices` with the one on `heard` set to `verdict`, or removed when `verdict` is null. */
export function withChoice(choices: readonly FillerChoice[] | undefined, heard: Hesitation, verdict: FillerVerdict | null): FillerChoice[] {
  const others = (choices ?? []).filter((choice) => !overlaps(choice, heard));
  if (verdict === null) return others;
  return [...others, { startMs: heard.startMs, endMs: heard.endMs, verdict }].sort((a, b) => a.startMs - b.startMs);
}

/** A heard filler with the person's choice on it (null: not judged yet). */
export interface JudgedFiller {
  hesitation: Hesitation;
  verdict: FillerVerdict | null;
}

/** The heard fillers among `hesitations`, in time order, each with its choice. */
export function judgeHeard(hesitations: readonly Hesitation[], choices: readonly FillerChoice[] | undefined): JudgedFiller[] {
  return hesitations
    .filter(isHeardFiller)
    .sort((a, b) => a.startMs - b.startMs)
    .map((hesitation) => ({ hesitation, verdict: choiceFor(hesitation, choices) }));
}

export interface FillerTally {
  /** Transcribed fillers + confirmed heard ones. */
  fillerCount: number;
  fillersPerMin: number | null;
  /** Filler words in the transcript (fillers.ts). */
  transcribedFillerCount: number;
  /** Heard fillers the person confirmed. */
  confirmedFillerCount: number;
  /** Heard fillers nobody has judged yet; null when the audio has not been listened to (no hesitations yet). */
  heardFillerCount: number | null;
}

/**
 * The filler numbers of a take: `transcribedFillerCount` from its transcript, `speechMs` its speaking time,
 * `hesitations` what was heard (null when not analysed yet) and the person's `choices`.
 */
export function tallyFillers(
  transcribedFillerCount: number,
  speechMs: number,
  hesitations: readonly Hesitation[] | null,
  choices: readonly FillerChoice[] | undefined,
): FillerTally {
  const verdicts = judgeHeard(hesitations ?? [], choices).map((judged) => judged.verdict);
  const confirmedFillerCount = verdicts.filter((verdict) => verdict === 'filler').length;
  const fillerCount = transcribedFillerCount + confirmedFillerCount;
  return {
    fillerCount,
    fillersPerMin: perMinute(fillerCount, speechMs),
    transcribedFillerCount,
    confirmedFillerCount,
    heardFillerCount: hesitations === null ? null : verdicts.filter((verdict) => verdict === null).length,
  };
}

/** The split numbers of a take counted before heard fillers existed: its fillers were the transcript's. */
export function transcriptOnlyTally(
  fillerCount: number,
): Pick<FillerTally, 'transcribedFillerCount' | 'confirmedFillerCount' | 'heardFillerCount'> {
  return { transcribedFillerCount: fillerCount, confirmedFillerCount: 0, heardFillerCount: null };
}
