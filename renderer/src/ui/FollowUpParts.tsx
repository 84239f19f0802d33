// The follow-up parts of the practice and loop screens: "Answer a follow-up" after a take, and the line
// above a follow-up saying which answer it follows (in practice, with a choice of follow-up and a way
// back to the question). Thin: the choices are made in followups/follow-ups.ts.
import { useId } from 'react';
import type { Attempt, FollowUpLink, StoredQuestion } from '../data/db';
import { followUpLink, nextFollowUp } from '../followups/follow-ups';
import { useFollowUpsOf } from '../followups/use-follow-ups';
import { formatClock, formatWhen } from './format';

/** After a take: asks the next follow-up this take has no answer to yet. Nothing for a question without follow-ups. */
export function AnswerFollowUpButton({
  attempt,
  question,
  label,
  disabled,
  onAnswer,
}: {
  attempt: Attempt;
  question: StoredQuestion;
  /** Names the take to assistive technology, e.g. "attempt 2". */
  label: string;
  disabled: boolean;
  onAnswer(link: FollowUpLink): void;
}) {
  const answered = useFollowUpsOf(attempt.id);
  const next = nextFollowUp(
    question,
    answered.map((a) => a.followUp?.followUpId ?? ''),
  );
  const link = next ? followUpLink(question, next.id, attempt.id) : null;
  if (!link || attempt.status === 'recording' || attempt.status === 'failed') return null;
  return (
    <>
      <button type="button" className="follow-up-answer" disabled={disabled} onClick={() => onAnswer(link)}>
        Answer a follow-up<span className="visually-hidden"> to {label}</span>
      </button>
      {answered.length > 0 && (
        <span className="follow-up-count">
          {answered.length} follow-up{answered.length === 1 ? '' : 's'} answered
        </span>
      )}
    </>
  );
}

/** Above a follow-up in practice: the answer it follows, which follow-up is asked (changeable), and the way back. */
export function FollowUpContext({
  question,
  link,
  parent,
  disabled,
  onChoose,
  onBack,
}: {
  question: StoredQuestion;
  link: FollowUpLink;
  parent: Attempt | undefined;
  disabled: boolean;
  onChoose(link: FollowUpLink): void;
  onBack(): void;
}) {
  const id = useId();
  return (
    <section className="follow-up-context" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="follow-up-title">
        Follow-up to your answer{parent ? ` of ${formatWhen(parent.startedAt)}` : ''}
      </p>
      <p className="follow-up-parent">“{question.text}”</p>
      <div className="follow-up-controls">
        <label htmlFor={`${id}-which`}>Follow-up asked</label>
        <select
          id={`${id}-which`}
          value={link.followUpId}
          disabled={disabled}
          onChange={(event) => {
            const chosen = followUpLink(question, event.target.value, link.parentTakeId);
            if (chosen) onChoose(chosen);
          }}
        >
          {(question.followUps ?? []).map((followUp) => (
            <option key={followUp.id} value={followUp.id}>
              {followUp.text}
            </option>
          ))}
        </select>
        <button type="button" disabled={disabled} onClick={onBack}>
          Back to the question
        </button>
      </div>
      <p className="hint">
        Interviewers probe. Answer directly, in about {formatClock(link.targetSec * 1000)}: shorter than your first answer.
      </p>
    </section>
  );
}

/** Above a follow-up in a mock loop: what is happening, and that moving on is allowed. */
export function LoopFollowUpNotice({ link }: { link: FollowUpLink }) {
  return (
    <p className="follow-up-context follow-up-title" role="status">
      The interviewer follows up on your answer. Answer in about {formatClock(link.targetSec * 1000)}, or move on.
    </p>
  );
}
