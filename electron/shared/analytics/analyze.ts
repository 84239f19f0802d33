// Every speaking metric of one take, from its word-timed transcript. Pure: runs in the renderer and in
// the CLI (`rehearse analyze`). Each metric's exact definition is at the top of its own file.
import type { Transcript } from '../contract';
import { measureLength, type LengthOptions } from './duration';
import { countFillers } from './fillers';
import { countCalibrated, countHedges } from './hedges';
import { countOwnership } from './ownership';
import { measurePace } from './pace';
import { findLongPauses, thinkTime, type LongPause } from './pauses';
import { findRepeatedPhrases } from './repeats';
import { perMinute } from './round';
import { findStarCues, type StarCues } from './star';
import { phraseTokens, spokenWords, type PhraseCount } from './words';

export type AnalyzeOptions = LengthOptions;
export type { LongPause, PhraseCount, StarCues };

export interface TakeMetrics {
  /** Spoken words, fillers included (pace.ts). */
  wordCount: number;
  /** Last word's end − first word's start (pace.ts). */
  speechMs: number;
  wpm: number | null;
  fillerCount: number;
  fillersPerMin: number | null;
  /** Which fillers ("um" ×3), most frequent first (fillers.ts). */
  fillers: PhraseCount[];
  /** Gaps ≥ 2000 ms between consecutive words (pauses.ts). */
  longPauseCount: number;
  longPauses: LongPause[];
  /** Start of the first word (pauses.ts). */
  thinkTimeMs: number | null;
  /** The take's length: options.durationMs, else the last word's end (duration.ts). */
  durationMs: number | null;
  targetSec: number | null;
  durationVsTarget: number | null;
  overTargetMs: number | null;
  /** Vague hedges (hedges.ts). */
  hedgeCount: number;
  hedges: PhraseCount[];
  /** Calibrated uncertainty: probabilities, reversibility, cost of being wrong (hedges.ts). */
  calibratedCount: number;
  calibrated: PhraseCount[];
  /** I against we (ownership.ts). */
  iCount: number;
  weCount: number;
  iShare: number | null;
  /** 3-5 word phrases said 2+ times (repeats.ts). */
  repeatedPhrases: PhraseCount[];
  /** STAR cue phrases found per part (star.ts). */
  star: StarCues;
  starCovered: number;
}

export function analyzeTranscript(transcript: Transcript, options: AnalyzeOptions = {}): TakeMetrics {
  const words = spokenWords(transcript);
  const tokens = phraseTokens(transcript);
  const pace = measurePace(words);
  const { fillerCount, fillers } = countFillers(words);
  const longPauses = findLongPauses(words);
  return {
    wordCount: pace.wordCount,
    speechMs: pace.speechMs,
    wpm: pace.wpm,
    fillerCount,
    fillersPerMin: perMinute(fillerCount, pace.speechMs),
    fillers,
    longPauseCount: longPauses.length,
    longPauses,
    thinkTimeMs: thinkTime(words),
    ...measureLength(words, options),
    ...countHedges(tokens),
    ...countCalibrated(tokens),
    ...countOwnership(tokens),
    repeatedPhrases: findRepeatedPhrases(tokens),
    ...findStarCues(tokens),
  };
}
