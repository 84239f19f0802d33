// One question being practised: the question, its stage and target before recording, the recorder with
// its countdown, and the attempts so far with their review. Used on its own and for each step of a loop.
import { useEffect, useRef, type ReactNode } from 'react';
import { cultureChecklist } from '../checklist/use-culture-checklist';
import type { Attempt, StoredQuestion } from '../data/db';
import type { TakeRecorderState } from '../recording/use-take-recorder';
import { StoryCue } from '../stories/StoryCue';
import { AttemptList } from './AttemptList';
import { formatClock } from './format';
import { stageLabel } from './QuestionList';
import { RecorderReadout } from './RecorderReadout';

const PRINCIPLE_TITLE = new Map(cultureChecklist.principles.map((principle) => [principle.id, principle.title]));

export interface PracticeScreenProps {
  question: StoredQuestion;
  attempts: Attempt[];
  recorder: TakeRecorderState;
  onToggle(): void;
  /** Shown above the question, e.g. the loop's progress. */
  context?: ReactNode;
  /** Shown under the recorder, e.g. the loop's Next button. */
  actions?: ReactNode;
  /**
   * Move focus to the question whenever it changes (a loop's next step): a screen reader reads the new
   * question, and Space records instead of pressing the button that moved on again.
   */
  focusOnQuestion?: boolean;
  /** Shown in each attempt's header, e.g. "Answer a follow-up"; `label` names the attempt ("attempt 2"). */
  attemptActions?: (attempt: Attempt, label: string) => ReactNode;
}

export function PracticeScreen({
  question,
  attempts,
  recorder,
  onToggle,
  context,
  actions,
  focusOnQuestion = false,
  attemptActions,
}: PracticeScreenProps) {
  const { phase } = recorder;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnQuestion) heading.current?.focus();
  }, [focusOnQuestion, question.id]);
  const recordLabel = phase === 'recording' ? 'Stop' : phase === 'starting' ? 'Starting…' : phase === 'saving' ? 'Saving…' : 'Record';
  return (
    <>
      {context}
      <section className="question-card" aria-labelledby="question-text">
        <p className="question-meta">
          <span>{question.category}</span> · <span>{stageLabel(question.stage)}</span> ·{' '}
          <span>target {formatClock(question.targetSec * 1000)}</span>
        </p>
        <h2 id="question-text" ref={heading} tabIndex={-1}>
          {question.text}
        </h2>
        <p className="question-principles">Probes: {question.principles.map((id) => PRINCIPLE_TITLE.get(id) ?? id).join(' · ')}</p>
      </section>
      <StoryCue question={question} recording={phase === 'recording' || phase === 'starting'} />
      <section className="recorder" aria-label="Recorder">
        <button
          type="button"
          className={`record-button${phase === 'recording' ? ' recording' : ''}`}
          onClick={onToggle}
          disabled={phase === 'starting' || phase === 'saving'}
          aria-keyshortcuts="Space"
        >
          {recordLabel}
        </button>
        <RecorderReadout
          take={recorder.take}
          lastElapsedMs={recorder.lastQuestionId === question.id && recorder.lastElapsedMs > 0 ? recorder.lastElapsedMs : null}
          targetMs={question.targetSec * 1000}
        />
        <p className="hint">
          Keys: <kbd>Space</kbd> record or stop · <kbd>R</kbd> retake (while recording: keep this take and start again) · <kbd>N</kbd> next
          question
        </p>
      </section>
      {actions}
      {recorder.error && (
        <p className="banner banner-error" role="alert">
          {recorder.error}
        </p>
      )}
      <section className="attempts" aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">Your attempts</h2>
        <AttemptList attempts={attempts} question={question} actions={attemptActions} />
      </section>
    </>
  );
}
