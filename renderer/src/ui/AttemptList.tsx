import { useState, type ReactNode } from 'react';
import type { Attempt, StoredQuestion } from '../data/db';
import { formatDuration, formatWhen } from './format';
import { TakeReview } from './TakeReview';

const STATUS_LABEL: Record<Attempt['status'], string> = {
  recording: 'Recording…',
  complete: 'Saved',
  recovered: 'Recovered after a crash',
  failed: 'Failed',
};

/** The attempts at one question, newest first; the newest is open for review (replay included), older ones open on request. */
export function AttemptList({
  attempts,
  question,
  actions,
}: {
  attempts: Attempt[];
  question: StoredQuestion;
  /** Shown in each attempt's header after Review; `label` names the attempt, e.g. "attempt 2". */
  actions?: (attempt: Attempt, label: string) => ReactNode;
}) {
  const [opened, setOpened] = useState<Record<string, boolean>>({});
  if (attempts.length === 0) return <p className="empty">No attempts yet. Press Record (or Space) and answer out loud.</p>;
  return (
    <ol className="attempt-list" aria-label="Attempts">
      {attempts.map((attempt, index) => {
        const number = attempts.length - index;
        const open = opened[attempt.id] ?? index === 0;
        return (
          <li key={attempt.id} className={`attempt attempt-${attempt.status}`} data-take-id={attempt.id}>
            <div className="attempt-head">
              <span className="attempt-title">Attempt {number}</span>
              <span className="attempt-when">{formatWhen(attempt.startedAt)}</span>
              <span className="attempt-duration">{formatDuration(attempt.durationMs)}</span>
              <span className={`badge badge-${attempt.status}`}>{STATUS_LABEL[attempt.status]}</span>
              {attempt.status !== 'recording' && (
                <button
                  type="button"
                  className="review-toggle"
                  aria-expanded={open}
                  aria-controls={open ? `review-${attempt.id}` : undefined}
                  onClick={() => setOpened((all) => ({ ...all, [attempt.id]: !open }))}
                >
                  {open ? 'Hide review' : 'Review'}
                  <span className="visually-hidden"> attempt {number}</span>
                </button>
              )}
              {actions?.(attempt, `attempt ${number}`)}
            </div>
            {attempt.droppedMs > 0 && (
              <p className="attempt-warning">The microphone skipped {Math.round(attempt.droppedMs)} ms of audio in this take.</p>
            )}
            {attempt.error && <p className="attempt-warning">{attempt.error}</p>}
            {open && (
              <div id={`review-${attempt.id}`}>
                <TakeReview attempt={attempt} question={question} label={`attempt ${number}`} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
