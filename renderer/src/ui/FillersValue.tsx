// The fillers of one take in "How it sounded", as two numbers that never mix: fillers in the transcript
// and fillers heard in the audio that the transcript lacks, each with its time. What is counted
// (fillerCount, fillersPerMin) is the first plus the heard ones the person confirmed
// (electron/shared/analytics/heard-fillers.ts), the same number the history list and charts show.
// Where neither has any, it says what that is worth instead of a reassuring "0".
import { useMemo } from 'react';
import { tallyFillers, type JudgedFiller } from '../../../electron/shared/analytics/heard-fillers';
import { assessAgainstNorm } from '../../../electron/shared/analytics/norms';
import { spokenWords } from '../../../electron/shared/analytics/words';
import type { Transcript } from '../../../electron/shared/contract';
import { NormNote } from './analytics-parts';
import { formatClock } from './format';
import type { HeardFillers } from './use-heard-fillers';

const ENGINE_DROPS = 'The speech engine tends to leave out “um” and “uh”';

const VERDICT_NOTE: Record<string, string> = { filler: 'counted', 'not-filler': 'not a filler', open: 'to check' };

function heardTimes(heard: readonly JudgedFiller[]): string {
  return heard.map(({ hesitation, verdict }) => `${formatClock(hesitation.startMs)} (${VERDICT_NOTE[verdict ?? 'open']})`).join(', ');
}

export function FillersValue({
  transcript,
  speechMs,
  heard,
}: {
  transcript: Transcript;
  speechMs: number;
  heard: HeardFillers | undefined;
}) {
  const inTranscript = useMemo(() => spokenWords(transcript).filter((word) => word.filler !== null), [transcript]);
  const hesitations = heard?.hesitations ?? null;
  const judged = heard?.heard ?? [];
  const tally = tallyFillers(inTranscript.length, speechMs, hesitations, heard?.choices);

  if (inTranscript.length === 0 && judged.length === 0) {
    return (
      <>
        None found
        <span className="analytics-note">
          {hesitations === null
            ? ` — none in the transcript. ${ENGINE_DROPS}, and the audio has not been listened to for them yet${heard?.error ? ` (${heard.error})` : ''}.`
            : ` — none in the transcript, and none heard in the audio either. ${ENGINE_DROPS}, so this is only as good as what was heard.`}
        </span>
      </>
    );
  }
  return (
    <>
      {tally.fillerCount}
      {tally.fillersPerMin !== null && <> ({tally.fillersPerMin.toFixed(1)} per minute)</>}
      <NormNote assessment={assessAgainstNorm('fillersPerMin', tally.fillersPerMin)} range="about 1 per minute or fewer" />
      <ul className="analytics-parts">
        <li>
          <strong>In the transcript:</strong> {inTranscript.length}
          {inTranscript.length > 0 && (
            <span className="analytics-note">
              {' '}
              — {inTranscript.map((word) => `“${word.filler}” at ${formatClock(word.startMs)}`).join(', ')}
            </span>
          )}
        </li>
        <li>
          <strong>Heard, not in the transcript:</strong>{' '}
          {hesitations === null ? (
            <span className="analytics-note">not listened to yet</span>
          ) : (
            <>
              {judged.length}
              {judged.length > 0 && <span className="analytics-note"> — at {heardTimes(judged)}</span>}
            </>
          )}
        </li>
      </ul>
    </>
  );
}
