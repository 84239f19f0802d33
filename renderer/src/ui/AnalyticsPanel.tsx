// "How it sounded": the speaking metrics of one take (electron/shared/analytics), each beside its
// reference range where there is one, in plain words. The numbers are measurements of the transcript,
// not a verdict; the reference ranges are rules of thumb and say where they come from. Fillers are also
// heard in the audio (FillersValue.tsx).
import { useId, useMemo } from 'react';
import { analyzeTranscript, type PhraseCount } from '../../../electron/shared/analytics/analyze';
import { assessAgainstNorm, NORMS, normFor } from '../../../electron/shared/analytics/norms';
import type { StarPart } from '../../../electron/shared/analytics/star';
import type { Transcript } from '../../../electron/shared/contract';
import { NormNote, Row } from './analytics-parts';
import { FillersValue } from './FillersValue';
import { formatClock, formatDuration } from './format';
import type { HeardFillers } from './use-heard-fillers';

const STAR_PARTS: { part: StarPart; label: string }[] = [
  { part: 'situation', label: 'Situation' },
  { part: 'task', label: 'Task' },
  { part: 'action', label: 'Action' },
  { part: 'result', label: 'Result' },
];

/** 7000 → "7 s", 65000 → "1:05": whole seconds for a difference or a gap. */
function formatSeconds(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  return seconds < 60 ? `${seconds} s` : formatClock(seconds * 1000);
}

/** "“maybe” ×2, “kind of”" */
function formatPhrases(phrases: readonly PhraseCount[]): string {
  return phrases.map(({ phrase, count }) => `“${phrase}”${count > 1 ? ` ×${count}` : ''}`).join(', ');
}

export function AnalyticsPanel({
  transcript,
  targetSec,
  durationMs,
  category,
  heard,
}: {
  transcript: Transcript;
  targetSec: number;
  durationMs: number;
  category: string;
  /** The fillers heard in the take's audio, counted apart from the transcript's. */
  heard?: HeardFillers;
}) {
  const headingId = useId();
  const metrics = useMemo(() => analyzeTranscript(transcript, { targetSec, durationMs }), [transcript, targetSec, durationMs]);

  if (metrics.wordCount === 0) {
    return (
      <section className="analytics" aria-labelledby={headingId}>
        <h3 id={headingId}>How it sounded</h3>
        <p className="analytics-empty">No words were recognised, so there is nothing to measure.</p>
      </section>
    );
  }

  const lengthNorm = normFor('durationMs');
  const lengthNormApplies = lengthNorm !== undefined && (lengthNorm.appliesTo === undefined || lengthNorm.appliesTo === category);
  const over = metrics.overTargetMs;

  return (
    <section className="analytics" aria-labelledby={headingId}>
      <h3 id={headingId}>How it sounded</h3>
      <dl className="analytics-list">
        <Row term="Words">
          {metrics.wordCount}
          <span className="analytics-note"> (fillers included)</span>
        </Row>
        <Row term="Speaking time">
          {formatDuration(metrics.speechMs)}
          <span className="analytics-note"> (first word to last)</span>
        </Row>
        <Row term="Pace">
          {metrics.wpm === null ? (
            'not measurable'
          ) : (
            <>
              {metrics.wpm} words per minute
              <NormNote assessment={assessAgainstNorm('wpm', metrics.wpm)} range="110-150" />
            </>
          )}
        </Row>
        <Row term="Fillers">
          <FillersValue transcript={transcript} speechMs={metrics.speechMs} heard={heard} />
        </Row>
        <Row term="Long pauses (2 s or more)">
          {metrics.longPauseCount === 0 ? (
            'none'
          ) : (
            <>
              {metrics.longPauseCount}
              <span className="analytics-note">
                {' '}
                — {metrics.longPauses.map((pause) => `${formatDuration(pause.durationMs)} at ${formatClock(pause.startMs)}`).join(', ')}
              </span>
            </>
          )}
        </Row>
        <Row term="Think time before the first word">{metrics.thinkTimeMs === null ? 'none' : formatDuration(metrics.thinkTimeMs)}</Row>
        <Row term="Length against the target">
          {metrics.durationMs === null || metrics.targetSec === null || over === null ? (
            'no target to compare with'
          ) : (
            <>
              {formatClock(metrics.durationMs)} of {formatClock(metrics.targetSec * 1000)} target,{' '}
              {Math.round(Math.abs(over) / 1000) === 0 ? 'on target' : `${formatSeconds(over)} ${over > 0 ? 'over' : 'under'}`}
              {lengthNormApplies && <NormNote assessment={assessAgainstNorm('durationMs', metrics.durationMs)} range="1-2 minutes" />}
            </>
          )}
        </Row>
        <Row term="Vague hedges">
          {metrics.hedgeCount}
          {metrics.hedges.length > 0 && <span className="analytics-note"> — {formatPhrases(metrics.hedges)}</span>}
        </Row>
        <Row term="Calibrated uncertainty">
          {metrics.calibratedCount}
          {metrics.calibrated.length > 0 && <span className="analytics-note"> — {formatPhrases(metrics.calibrated)}</span>}
          <span className="analytics-note"> (a stated probability, reversibility, or the cost of being wrong)</span>
        </Row>
        <Row term="I and we">
          “I” ×{metrics.iCount}, “we” ×{metrics.weCount}
          {metrics.iShare !== null && <span className="analytics-note"> ({Math.round(metrics.iShare * 100)}% “I”)</span>}
        </Row>
        <Row term="Repeated phrases">{metrics.repeatedPhrases.length === 0 ? 'none' : formatPhrases(metrics.repeatedPhrases)}</Row>
        <Row term="STAR cues">
          {metrics.starCovered} of 4 parts have a cue
          <ul className="analytics-star">
            {STAR_PARTS.map(({ part, label }) => {
              const cues = metrics.star[part];
              return (
                <li key={part}>
                  <strong>{label}:</strong> {cues.length > 0 ? `found — ${cues.map((cue) => `“${cue}”`).join(', ')}` : 'no cue found'}
                </li>
              );
            })}
          </ul>
        </Row>
      </dl>
      <p className="analytics-note">
        Counts come from the transcript, so they are only as good as the recognition; fillers also count the ones heard in the audio that
        you confirmed. STAR cues are word patterns, not a judgement of the answer.
      </p>
      <h4 className="analytics-sources-heading">Reference ranges</h4>
      <ul className="analytics-sources">
        {NORMS.map((norm) => (
          <li key={norm.metric}>
            {norm.label}. {norm.source}
          </li>
        ))}
      </ul>
    </section>
  );
}
