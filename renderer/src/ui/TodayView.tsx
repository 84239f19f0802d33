// The "Today" view: the interview date and stages, today's questions from the plan (renderer/src/plan)
// with what is done, and readiness per category. The plan is worked out on every render from the
// settings, the takes and today's date; only the settings are stored.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { STAGES, type Stage } from '../content/question-pack';
import type { Attempt, PlanSettings, StoredQuestion } from '../data/db';
import { db } from '../data/use-app-data';
import { planDay, type DayPlan } from '../plan/day-plan';
import { dayKey, daysBetween, isDayKey } from '../plan/days';
import { formatDay, inDaysText, itemReason } from '../plan/explain';
import { loadPlanSettings, savePlanSettings } from '../plan/plan-repo';
import { readinessByCategory } from '../plan/readiness';
import { LENGTH_BAND, MAX_GOOD_FILLERS_PER_MIN, MIN_CHECKLIST_SHARE } from '../plan/take-grade';
import { stageLabel } from './QuestionList';

export interface TodayViewProps {
  questions: StoredQuestion[];
  onPractise(questionId: string): void;
  onOpenLoop(): void;
}

/** The current time, refreshed every minute so the plan turns over at midnight while the view is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function TodayView({ questions, onPractise, onOpenLoop }: TodayViewProps) {
  const now = useNow();
  const settings = useLiveQuery(async () => (await loadPlanSettings(db)) ?? null, [], undefined);
  const attempts = useLiveQuery(() => db.attempts.filter((a) => a.deletedAt === undefined).toArray(), [], []);
  const loops = useLiveQuery(() => db.loops.toArray(), [], []);
  const [editing, setEditing] = useState(false);
  const headingId = useId();

  if (settings === undefined) return <p className="empty">Loading…</p>;
  const plan = settings ? planDay({ settings, now, questions, attempts, loops }) : null;
  const showForm = !settings || editing || plan?.kind === 'past';
  return (
    <section className="today" aria-labelledby={headingId}>
      <h2 id={headingId}>Today</h2>
      {!settings && (
        <p>
          Enter the date of your interview loop, and Rehearse plans each day up to it: which questions to practise today, the ones you never
          answered first, then the ones whose last take was weakest. The day before the interview is for a full mock loop.
        </p>
      )}
      {plan && <PlanOverview plan={plan} />}
      {showForm ? (
        <PlanForm
          settings={settings}
          today={dayKey(now)}
          onSaved={() => setEditing(false)}
          onCancel={settings && plan?.kind !== 'past' ? () => setEditing(false) : undefined}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setEditing(true)}>
            Change the date or stages
          </button>
        </p>
      )}
      {plan?.kind === 'practice' && <PracticeList plan={plan} onPractise={onPractise} />}
      {plan?.kind === 'mock-loop' && <MockLoopDay done={plan.done} onOpenLoop={onOpenLoop} />}
      {settings && <Readiness questions={questions} attempts={attempts} stages={settings.stages} />}
    </section>
  );
}

function PlanOverview({ plan }: { plan: DayPlan }) {
  const interview = formatDay(plan.interviewDay);
  switch (plan.kind) {
    case 'past':
      return (
        <p className="banner banner-info" role="status">
          Your interview on {interview} has passed. Set the date of your next interview to plan again.
        </p>
      );
    case 'interview-day':
      return (
        <p className="plan-summary" role="status">
          Your interview is today, {interview}. No more practice: rest your voice, and good luck.
        </p>
      );
    case 'mock-loop':
      return (
        <p className="plan-summary" role="status">
          Your interview is tomorrow, {interview}.
        </p>
      );
    case 'practice':
      return (
        <p className="plan-summary" role="status">
          Your interview is {inDaysText(plan.daysToInterview)}, on {interview}. {plan.practiceDaysLeft} practice day
          {plan.practiceDaysLeft === 1 ? '' : 's'} left, today included, with {plan.pending} question{plan.pending === 1 ? '' : 's'} to go
          over: {plan.dailySize} a day. {formatDay(plan.mockLoopDay)} is for a full mock loop.
        </p>
      );
  }
}

function PracticeList({ plan, onPractise }: { plan: Extract<DayPlan, { kind: 'practice' }>; onPractise(id: string): void }) {
  const listId = useId();
  const done = plan.items.filter((item) => item.done).length;
  if (plan.items.length === 0) {
    return <p className="plan-progress">Nothing is due today: every question you chose was practised recently and went well.</p>;
  }
  return (
    <>
      <h3 id={listId}>Today’s questions</h3>
      <p className="plan-progress">
        {done === plan.items.length ? `All ${done} done for today.` : `${done} of ${plan.items.length} done.`}
      </p>
      <ol className="plan-list" aria-labelledby={listId}>
        {plan.items.map((item) => {
          const textId = `${listId}-${item.question.id}`;
          return (
            <li key={item.question.id} className={item.done ? 'done' : undefined} data-question-id={item.question.id}>
              <div className="plan-item">
                <div className="plan-item-body">
                  <span className="plan-item-text" id={textId}>
                    {item.question.text}
                  </span>
                  <span className="plan-item-meta">
                    {capitalise(item.question.category)} · {stageLabel(item.question.stage)} ·{' '}
                    {item.done ? 'Practised today' : itemReason(item, plan.today)}
                  </span>
                </div>
                {item.done && (
                  <span className="plan-done">
                    <span aria-hidden="true">✓ </span>Done
                  </span>
                )}
                <button type="button" aria-describedby={textId} onClick={() => onPractise(item.question.id)}>
                  {item.done ? 'Practise again' : 'Practise'}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

function MockLoopDay({ done, onOpenLoop }: { done: boolean; onOpenLoop(): void }) {
  return (
    <div className="plan-loop">
      <h3>Today: a full mock loop</h3>
      {done ? (
        <p>
          <span aria-hidden="true">✓ </span>Done: you ran a full mock loop today. Read its summary in Mock loop, then rest.
        </p>
      ) : (
        <p>Every stage back to back, as on the day: a recruiter screen, a hiring-manager screen and the team interviews.</p>
      )}
      <button type="button" className="primary" onClick={onOpenLoop}>
        {done ? 'Go to the mock loop' : 'Start the mock loop'}
      </button>
    </div>
  );
}

function Readiness({ questions, attempts, stages }: { questions: StoredQuestion[]; attempts: Attempt[]; stages: Stage[] }) {
  const rows = readinessByCategory(questions, attempts, stages);
  const headingId = useId();
  return (
    <div className="plan-readiness">
      <h3 id={headingId}>Readiness by category</h3>
      <p className="hint">
        A question is ready when its latest take was within {Math.round((1 - LENGTH_BAND.min) * 100)} % of its target length, ticked at
        least {Math.round(MIN_CHECKLIST_SHARE * 100)} % of the checklist items it probes, and had at most {MAX_GOOD_FILLERS_PER_MIN} fillers
        a minute (when it has a transcript).
      </p>
      <table aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Ready</th>
            <th scope="col">Answered</th>
            <th scope="col">
              <span className="visually-hidden">Share ready</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.category} data-category={row.category}>
              <th scope="row">{capitalise(row.category)}</th>
              <td className="number">
                {row.ready} of {row.questions}
              </td>
              <td className="number">
                {row.answered} of {row.questions}
              </td>
              <td>
                <span className="plan-bar-cell">
                  <span className="plan-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(row.share * 100)}%` }} />
                  </span>
                  <span className="number">{Math.round(row.share * 100)} %</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlanForm({
  settings,
  today,
  onSaved,
  onCancel,
}: {
  settings: PlanSettings | null;
  today: string;
  onSaved(): void;
  onCancel?: () => void;
}) {
  const formId = useId();
  const [day, setDay] = useState(settings && daysBetween(today, settings.interviewDay) >= 0 ? settings.interviewDay : '');
  const [stages, setStages] = useState<Stage[]>(settings && settings.stages.length > 0 ? settings.stages : [...STAGES]);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isDayKey(day)) return setError('Enter the date of your interview.');
    if (daysBetween(today, day) < 0) return setError('That date has passed: enter today or a later day.');
    if (stages.length === 0) return setError('Choose at least one stage to practise.');
    setError(null);
    await savePlanSettings(
      db,
      day,
      STAGES.filter((s) => stages.includes(s)),
    );
    onSaved();
  };
  return (
    <form className="plan-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="plan-form-field">
        <label htmlFor={`${formId}-day`}>Interview date</label>
        <input id={`${formId}-day`} type="date" min={today} value={day} onChange={(event) => setDay(event.target.value)} required />
      </div>
      <fieldset>
        <legend>Stages to practise</legend>
        {STAGES.map((stage) => (
          <label key={stage}>
            <input
              type="checkbox"
              checked={stages.includes(stage)}
              onChange={(event) => setStages((chosen) => (event.target.checked ? [...chosen, stage] : chosen.filter((s) => s !== stage)))}
            />
            {stageLabel(stage)}
          </label>
        ))}
      </fieldset>
      <div className="plan-form-actions">
        <button type="submit" className="primary">
          Save plan
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
