// The fillers heard in a take's audio that its transcript lacks, in the replay player: a marker on the
// waveform and one in the word-synced transcript for each (clicking either plays that moment), and a list
// where the person plays each and marks it "Filler" or "Not a filler" (toggle buttons, changeable).
// Drawn-out words are listed apart and never counted.
import { memo, useId } from 'react';
import type { JudgedFiller } from '../../../electron/shared/analytics/heard-fillers';
import type { Hesitation } from '../../../electron/shared/contract';
import { formatClock, formatDuration } from '../ui/format';
import type { HeardFillers } from '../ui/use-heard-fillers';
import { heardKindText, markerName, markerText, verdictText, waveSpan } from './heard-timeline';

const markerClass = ({ verdict }: JudgedFiller) => `heard-marker heard-marker-${verdict ?? 'open'}`;

/** Markers over the waveform. Out of the tab order: the list below offers the same, by keyboard. */
export function WaveMarkers({
  heard,
  durationMs,
  onPlay,
}: {
  heard: readonly JudgedFiller[];
  durationMs: number;
  onPlay(h: Hesitation): void;
}) {
  if (heard.length === 0 || !(durationMs > 0)) return null;
  return (
    <div className="replay-markers">
      {heard.map((item) => {
        const { left, width } = waveSpan(item.hesitation.startMs, item.hesitation.endMs, durationMs);
        return (
          <button
            key={item.hesitation.startMs}
            type="button"
            tabIndex={-1}
            className={markerClass(item)}
            style={{ left: `${left}%`, width: `${width}%` }}
            aria-label={markerName(item)}
            title={markerName(item)}
            data-start-ms={item.hesitation.startMs}
            onClick={() => onPlay(item.hesitation)}
          />
        );
      })}
    </div>
  );
}

/** A heard filler between the words of the transcript; the transcript's click handler plays it. */
export const TranscriptMarker = memo(function TranscriptMarker({ item }: { item: JudgedFiller }) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className={markerClass(item)}
      aria-label={markerName(item)}
      title={markerName(item)}
      data-heard-start-ms={item.hesitation.startMs}
      data-heard-end-ms={item.hesitation.endMs}
    >
      {markerText(item)}
    </button>
  );
});

function summary({ hesitations, heard, error }: HeardFillers): string {
  if (hesitations === null)
    return error ? `Could not listen for fillers in this take: ${error}` : 'Listening for fillers the transcript may have left out…';
  if (heard.length === 0) return 'Nothing like “um” or “uh” was heard outside the transcript.';
  const count = (verdict: JudgedFiller['verdict']) => heard.filter((item) => item.verdict === verdict).length;
  return (
    `${heard.length} ${heard.length === 1 ? 'sound' : 'sounds'} heard that the transcript does not have: ` +
    `${count('filler')} counted as fillers, ${count('not-filler')} not, ${count(null)} to check. ` +
    'Play each and say which it is: only the ones you mark Filler are counted.'
  );
}

export function HeardList({ fillers, onPlay }: { fillers: HeardFillers; onPlay(h: Hesitation): void }) {
  const headingId = useId();
  const { heard, drawnOut, choose } = fillers;
  return (
    <section className="heard" aria-labelledby={headingId}>
      <h4 id={headingId}>Heard, not in the transcript</h4>
      <p className="heard-summary">{summary(fillers)}</p>
      {heard.length > 0 && (
        <ul className="heard-list">
          {heard.map((item) => {
            const { hesitation: h, verdict } = item;
            const at = formatClock(h.startMs);
            const toggle = (to: 'filler' | 'not-filler') => choose(h, verdict === to ? null : to);
            return (
              <li key={h.startMs} className="heard-item" data-start-ms={h.startMs} data-verdict={verdict ?? 'open'}>
                <button type="button" className="heard-play" onClick={() => onPlay(h)}>
                  Play {at}
                </button>
                <span className="heard-what">
                  {heardKindText(h.kind)}, {formatDuration(h.endMs - h.startMs)}
                  <span className="visually-hidden">, {verdictText(verdict)}</span>
                </span>
                <span className="heard-choice" role="group" aria-label={`Is the sound at ${at} a filler?`}>
                  <button type="button" aria-pressed={verdict === 'filler'} onClick={() => toggle('filler')}>
                    Filler
                  </button>
                  <button type="button" className="heard-not" aria-pressed={verdict === 'not-filler'} onClick={() => toggle('not-filler')}>
                    Not a filler
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {drawnOut.length > 0 && (
        <p className="heard-summary">
          Drawn-out words, never counted as fillers:{' '}
          {drawnOut.map((h) => `“${(h.word ?? '').trim()}” at ${formatClock(h.startMs)}`).join(', ')}.
        </p>
      )}
    </section>
  );
}
