// What to practise today, from the interview date, the chosen stages, today's date and the takes so far.
// Pure: nothing of the plan is stored, so it survives restarts and adapts to a skipped day by itself.
//
// The days: the day before the interview is for a full mock loop (done once a loop with every step
// answered finished that day); the days from today up to the one before that are practice days. On a
// practice day:
//   1. History is the takes started before today (today's takes mark items done; they move the plan
//      tomorrow, so today's list stays put while the person works through it).
//   2. Each question of the chosen stages is new (never answered) or has a due day (schedule.ts).
//   3. Candidates for today: the new ones and those due today or earlier.
//   4. Order: new ones first, mixed (round robin over stage × category groups, in bank order within a
//      group); then those whose last take was weak, weakest first; then good ones that are due, the
//      longest overdue first.
//   5. Size: the questions still to practise before the interview (new, or due by the last practice
//      day) divided by the practice days left including today, rounded up, kept within 3-10; never
//      more than the candidates.
import type { Attempt, MockLoop } from '../data/db';
import { STAGES, CATEGORIES, type Category, type Stage } from '../content/question-pack';
import { addDays, dayKey, daysBetween, dayStart, type DayKey } from './days';
import { questionState, type QuestionState } from './schedule';
import { isUsableTake, type PlanQuestion } from './take-grade';

export const MIN_DAILY = 3;
export const MAX_DAILY = 10;

export interface PlanSettingsInput {
  interviewDay: DayKey;
  /** The stages to practise; empty means all. */
  stages: readonly Stage[];
}

export type PlanReason = 'new' | 'weak' | 'due';

export interface PlanItem {
  question: PlanQuestion;
  reason: PlanReason;
  state: QuestionState;
  /** A usable take of this question was recorded today. */
  done: boolean;
}

export type DayPlan =
  | {
      kind: 'practice';
      today: DayKey;
      interviewDay: DayKey;
      /** Days until the interview (2 or more). */
      daysToInterview: number;
      /** Practice days left, today included. */
      practiceDaysLeft: number;
      lastPracticeDay: DayKey;
      mockLoopDay: DayKey;
      /** How many questions a day fit the days left. */
      dailySize: number;
      /** Questions still to practise before the interview (new, or due by the last practice day). */
      pending: number;
      items: PlanItem[];
    }
  | { kind: 'mock-loop'; today: DayKey; interviewDay: DayKey; done: boolean }
  | { kind: 'interview-day'; today: DayKey; interviewDay: DayKey }
  | { kind: 'past'; today: DayKey; interviewDay: DayKey };

export interface DayPlanInput {
  settings: PlanSettingsInput;
  now: number;
  questions: readonly PlanQuestion[];
  attempts: readonly Attempt[];
  /** Mock loops, to mark the mock-loop day done once a loop with every step answered finished that day. */
  loops?: readonly MockLoop[];
}

export function inScope(question: PlanQuestion, stages: readonly Stage[]): boolean {
  return stages.length === 0 || stages.includes(question.stage);
}

export function planDay({ settings, now, questions, attempts, loops = [] }: DayPlanInput): DayPlan {
  const today = dayKey(now);
  const { interviewDay } = settings;
  const daysToInterview = daysBetween(today, interviewDay);
  if (daysToInterview < 0) return { kind: 'past', today, interviewDay };
  if (daysToInterview === 0) return { kind: 'interview-day', today, interviewDay };
  if (daysToInterview === 1) {
    const done = loops.some(
      (loop) => loop.finishedAt !== undefined && dayKey(loop.finishedAt) === today && loop.steps.every((step) => step.takeId !== undefined),
    );
    return { kind: 'mock-loop', today, interviewDay, done };
  }

  const mockLoopDay = addDays(interviewDay, -1);
  const lastPracticeDay = addDays(interviewDay, -2);
  const practiceDaysLeft = daysBetween(today, lastPracticeDay) + 1;
  const startOfToday = dayStart(today);
  const history = attempts.filter((a) => a.startedAt < startOfToday);
  const doneToday = new Set(attempts.filter((a) => a.startedAt >= startOfToday && isUsableTake(a)).map((a) => a.questionId));

  const scoped = questions.filter((q) => inScope(q, settings.stages));
  const states = scoped.map((question) => ({ question, state: questionState(question, history, lastPracticeDay) }));
  const pending = states.filter(({ state }) => state.kind === 'new' || daysBetween(state.dueDay, lastPracticeDay) >= 0).length;
  const dueNow = (state: QuestionState) => state.kind === 'practised' && daysBetween(state.dueDay, today) >= 0;

  const fresh = mixByGroup(states.filter(({ state }) => state.kind === 'new').map(({ question }) => question));
  const weak = states
    .filter(({ state }) => dueNow(state) && state.kind === 'practised' && !state.last.good)
    .sort((a, b) => weaknessOf(b.state) - weaknessOf(a.state) || lastDayOrder(a.state, b.state));
  const due = states
    .filter(({ state }) => dueNow(state) && state.kind === 'practised' && state.last.good)
    .sort((a, b) => dueOrder(a.state, b.state) || lastDayOrder(a.state, b.state));

  const stateOf = new Map(states.map(({ question, state }) => [question.id, state]));
  const candidates: PlanItem[] = [
    ...fresh.map((question) => item(question, 'new')),
    ...weak.map(({ question }) => item(question, 'weak')),
    ...due.map(({ question }) => item(question, 'due')),
  ];
  function item(question: PlanQuestion, reason: PlanReason): PlanItem {
    return { question, reason, state: stateOf.get(question.id) as QuestionState, done: doneToday.has(question.id) };
  }

  const dailySize = Math.min(MAX_DAILY, Math.max(MIN_DAILY, Math.ceil(pending / practiceDaysLeft)));
  return {
    kind: 'practice',
    today,
    interviewDay,
    daysToInterview,
    practiceDaysLeft,
    lastPracticeDay,
    mockLoopDay,
    dailySize,
    pending,
    items: candidates.slice(0, dailySize),
  };
}

/** Round robin over (stage, category) groups in stage then category order, keeping the given order within a group. */
export function mixByGroup<Q extends Pick<PlanQuestion, 'stage' | 'category'>>(questions: readonly Q[]): Q[] {
  const groups = new Map<string, Q[]>();
  for (const stage of STAGES) for (const category of CATEGORIES) groups.set(groupKey(stage, category), []);
  for (const question of questions) groups.get(groupKey(question.stage, question.category))?.push(question);
  const queues = [...groups.values()].filter((group) => group.length > 0);
  const mixed: Q[] = [];
  for (let round = 0; mixed.length < questions.length; round++) {
    for (const queue of queues) {
      const next = queue[round];
      if (next) mixed.push(next);
    }
  }
  return mixed;
}

function groupKey(stage: Stage, category: Category): string {
  return `${stage}/${category}`;
}

function weaknessOf(state: QuestionState): number {
  return state.kind === 'practised' ? state.last.weakness : 0;
}

function dueOrder(a: QuestionState, b: QuestionState): number {
  return a.kind === 'practised' && b.kind === 'practised' ? daysBetween(b.dueDay, a.dueDay) : 0;
}

function lastDayOrder(a: QuestionState, b: QuestionState): number {
  return a.kind === 'practised' && b.kind === 'practised' ? daysBetween(b.lastDay, a.lastDay) : 0;
}
