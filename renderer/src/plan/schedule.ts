// When a question comes back: a Leitner-style rule over the days it was practised. Pure.
//
// Each calendar day a question was practised counts once, judged by that day's last take (take-grade).
// A good day adds one to the question's streak; a weak day resets it to 0. The question is due again
// 2^streak days after the last day it was practised: tomorrow after a weak take, in 2 days after one
// good day, then 4, 8… The due day is capped at the last practice day before the interview, so every
// question practised before then comes back at least once before the mock loop.
import type { Attempt } from '../data/db';
import { addDays, dayKey, daysBetween, type DayKey } from './days';
import { gradeTake, isUsableTake, type PlanQuestion, type TakeGrade } from './take-grade';

export type QuestionState =
  | { kind: 'new' }
  | {
      kind: 'practised';
      /** Good days in a row, up to the last day practised. */
      streak: number;
      lastDay: DayKey;
      /** The grade of the last take of the last day practised. */
      last: TakeGrade;
      lastTake: Attempt;
      dueDay: DayKey;
    };

export function intervalDays(streak: number): number {
  return 2 ** streak;
}

/**
 * The question's state from its takes (any order; unusable ones are ignored). `lastPracticeDay` caps the
 * due day; pass null for no cap.
 */
export function questionState(question: PlanQuestion, attempts: readonly Attempt[], lastPracticeDay: DayKey | null): QuestionState {
  const byDay = new Map<DayKey, Attempt>();
  const takes = attempts.filter((a) => a.questionId === question.id && isUsableTake(a)).sort((p, q) => p.startedAt - q.startedAt);
  for (const take of takes) byDay.set(dayKey(take.startedAt), take);
  if (byDay.size === 0) return { kind: 'new' };
  let streak = 0;
  let lastDay = '';
  let last: TakeGrade | null = null;
  let lastTake: Attempt | null = null;
  for (const [day, take] of byDay) {
    last = gradeTake(take, question);
    streak = last.good ? streak + 1 : 0;
    lastDay = day;
    lastTake = take;
  }
  let dueDay = addDays(lastDay, intervalDays(streak));
  if (lastPracticeDay !== null && daysBetween(lastDay, lastPracticeDay) > 0 && daysBetween(lastPracticeDay, dueDay) > 0) {
    dueDay = lastPracticeDay;
  }
  return { kind: 'practised', streak, lastDay, last: last as TakeGrade, lastTake: lastTake as Attempt, dueDay };
}
