// Mock loop mode: set up a loop, answer each step back to back, then read the loop summary.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { FollowUpLink, MockLoop, StoredQuestion } from '../data/db';
import { followUpQuestion } from '../followups/follow-ups';
import { db } from '../data/use-app-data';
import { planLoop, MAX_TEAM_INTERVIEWS, MIN_TEAM_INTERVIEWS } from '../loop/loop-plan';
import { finishLoop, nextStep, startLoop } from '../loop/loop-repo';
import type { TakeRecorderState } from '../recording/use-take-recorder';
import { formatWhen } from './format';
import { LoopFollowUpNotice } from './FollowUpParts';
import { LoopSummary } from './LoopSummary';
import { PracticeScreen } from './PracticeScreen';

export interface LoopViewProps {
  questions: StoredQuestion[];
  /** The loop in progress, if any (live). */
  loop: MockLoop | undefined;
  recorder: TakeRecorderState;
  onToggle(): void;
  /** The follow-up the interviewer asks now (after a team interview's answer), if any. */
  followUp?: FollowUpLink | null;
}

export function LoopView({ questions, loop, recorder, onToggle, followUp = null }: LoopViewProps) {
  const [summaryId, setSummaryId] = useState<string | null>(null);
  // When the loop in progress ends (its last step answered, or ended early, by button or key), show its summary.
  const [shownLoopId, setShownLoopId] = useState(loop?.id);
  if (loop?.id !== shownLoopId) {
    setShownLoopId(loop?.id);
    if (!loop && shownLoopId) setSummaryId(shownLoopId);
  }
  if (loop) return <LoopStepScreen loop={loop} questions={questions} recorder={recorder} onToggle={onToggle} followUp={followUp} />;
  if (summaryId) return <LoopSummary loopId={summaryId} questions={questions} onClose={() => setSummaryId(null)} />;
  return <LoopSetup questions={questions} onShowSummary={setSummaryId} />;
}

/** Moves the loop on; after the last step the loop is finished (and LoopView shows its summary). */
export async function advanceLoop(loop: MockLoop): Promise<void> {
  await nextStep(db, loop.id);
}

function LoopStepScreen({ loop, questions, recorder, onToggle, followUp = null }: LoopViewProps & { loop: MockLoop }) {
  const step = loop.steps[loop.current];
  const asked = questions.find((q) => q.id === step?.questionId);
  const question = asked && followUp ? followUpQuestion(asked, followUp) : asked;
  // The answers to the step's question, or, once the follow-up is asked, the answers to it.
  const attempts = useLiveQuery(
    () =>
      step
        ? db.attempts
            .where('loopId')
            .equals(loop.id)
            .filter((a) =>
              followUp
                ? a.followUp?.parentTakeId === followUp.parentTakeId && a.followUp.followUpId === followUp.followUpId
                : a.questionId === step.questionId && !a.followUp,
            )
            .reverse()
            .sortBy('startedAt')
        : [],
    [loop.id, step?.questionId, followUp?.parentTakeId, followUp?.followUpId],
    [],
  );
  if (!step || !question) {
    return (
      <p className="banner banner-error" role="alert">
        This loop’s question is no longer in the question bank.{' '}
        <button type="button" onClick={() => void advanceLoop(loop)}>
          Skip it
        </button>
      </p>
    );
  }
  const busy = recorder.phase !== 'idle';
  const last = loop.current === loop.steps.length - 1;
  return (
    <PracticeScreen
      question={question}
      attempts={attempts}
      recorder={recorder}
      onToggle={onToggle}
      focusOnQuestion
      context={
        <>
          <nav aria-label="Loop progress">
            <h2 className="visually-hidden">Mock loop: {step.label}</h2>
            <ol className="loop-progress">
              {loop.steps.map((s, index) => (
                <li key={s.label} aria-current={index === loop.current ? 'step' : undefined} className={s.takeId ? 'answered' : undefined}>
                  {s.label}
                  {s.takeId && <span className="visually-hidden"> (answered)</span>}
                </li>
              ))}
            </ol>
          </nav>
          {followUp && <LoopFollowUpNotice link={followUp} />}
        </>
      }
      actions={
        <div className="step-actions">
          <button type="button" className="primary" onClick={() => void advanceLoop(loop)} disabled={busy} aria-keyshortcuts="N">
            {last ? 'Finish loop' : 'Next question'}
          </button>
          <button type="button" onClick={() => void finishLoop(db, loop.id)} disabled={busy}>
            End loop early
          </button>
          <span className="hint">
            {step.label} · {loop.current + 1} of {loop.steps.length}
          </span>
        </div>
      }
    />
  );
}

function LoopSetup({ questions, onShowSummary }: { questions: StoredQuestion[]; onShowSummary(loopId: string): void }) {
  const [teamInterviews, setTeamInterviews] = useState(4);
  const [technical, setTechnical] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const past = useLiveQuery(() => db.loops.orderBy('startedAt').reverse().limit(10).toArray(), [], []);
  const start = async () => {
    const plan = planLoop(questions, { teamInterviews, technical, random: Math.random });
    if (!plan.ok) {
      setError(plan.message);
      return;
    }
    await startLoop(db, plan.steps);
  };
  const sizes = Array.from({ length: MAX_TEAM_INTERVIEWS - MIN_TEAM_INTERVIEWS + 1 }, (_, i) => MIN_TEAM_INTERVIEWS + i);
  return (
    <section className="loop-setup" aria-labelledby={headingId}>
      <h2 id={headingId}>Mock loop</h2>
      <p>
        A loop runs the way the guide describes Netflix’s: a recruiter screen and a hiring-manager screen (two questions each), then three
        to five interviews with the team (one question each), back to back. It ends with a summary of every take.
      </p>
      <div className="loop-setup-field">
        <label htmlFor={`${headingId}-team`}>Team interviews</label>
        <select id={`${headingId}-team`} value={teamInterviews} onChange={(event) => setTeamInterviews(Number(event.target.value))}>
          {sizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <label>
        <input type="checkbox" checked={technical} onChange={(event) => setTechnical(event.target.checked)} />
        Engineering role (technical questions in the team interviews)
      </label>
      <div className="loop-setup-actions">
        <button type="button" className="primary" onClick={() => void start()}>
          Start mock loop
        </button>
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {past.length > 0 && (
        <>
          <h3>Past loops</h3>
          <ul>
            {past
              .filter((loop) => loop.finishedAt !== undefined)
              .map((loop) => (
                <li key={loop.id}>
                  <button type="button" onClick={() => onShowSummary(loop.id)}>
                    Summary of the loop of {formatWhen(loop.startedAt)}
                  </button>{' '}
                  ({loop.steps.filter((s) => s.takeId).length} of {loop.steps.length} answered)
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
