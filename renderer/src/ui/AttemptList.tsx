import type { Attempt } from '../data/db';
import { formatDuration, formatWhen } from './format';
import { TranscriptPanel } from './TranscriptPanel';

const STATUS_LABEL: Record<Attempt['status'], string> = {
  recording: 'Recording…',
  complete: 'Saved',
  recovered: 'Recovered after a crash',
  failed: 'Failed',
};

export function AttemptList({ attempts, mediaBase }: { attempts: Attempt[]; mediaBase: string }) {
  if (attempts.length === 0) return <p className="empty">No attempts yet. Press Record (or Space) and answer out loud.</p>;
  return (
    <ol className="attempt-list" aria-label="Attempts">
      {attempts.map((attempt, index) => (
        <li key={attempt.id} className={`attempt attempt-${attempt.status}`} data-take-id={attempt.id}>
          <div className="attempt-head">
            <span className="attempt-title">Attempt {attempts.length - index}</span>
            <span className="attempt-when">{formatWhen(attempt.startedAt)}</span>
            <span className="attempt-duration">{formatDuration(attempt.durationMs)}</span>
            <span className={`badge badge-${attempt.status}`}>{STATUS_LABEL[attempt.status]}</span>
          </div>
          {attempt.droppedMs > 0 && (
            <p className="attempt-warning">The microphone skipped {Math.round(attempt.droppedMs)} ms of audio in this take.</p>
          )}
          {attempt.error && <p className="attempt-warning">{attempt.error}</p>}
          {attempt.status !== 'recording' && attempt.durationMs > 0 && (
            <audio
              controls
              preload="metadata"
              src={`${mediaBase}${encodeURIComponent(attempt.fileName)}`}
              aria-label={`Play attempt ${attempts.length - index}`}
            />
          )}
          <TranscriptPanel attempt={attempt} />
        </li>
      ))}
    </ol>
  );
}
