// Readiness per category, in plain counts. Pure.
//
// For each category of the chosen stages: how many of its questions have a latest take that is good
// (take-grade.ts: length within 0.75-1.25 of the target, at least half the probed checklist items
// ticked, at most 3 fillers a minute when transcribed), and how many were answered at all. Readiness is
// ready / questions: a question never answered, or whose latest take was weak, is not ready.
import { CATEGORIES, type Category, type Stage } from '../content/question-pack';
import type { Attempt } from '../data/db';
import { inScope } from './day-plan';
import { questionState } from './schedule';
import type { PlanQuestion } from './take-grade';

export interface CategoryReadiness {
  category: Category;
  questions: number;
  answered: number;
  ready: number;
  /** ready / questions, 0-1. */
  share: number;
}

/** One row per category that has questions in the chosen stages, in the bank's category order. */
export function readinessByCategory(
  questions: readonly PlanQuestion[],
  attempts: readonly Attempt[],
  stages: readonly Stage[],
): CategoryReadiness[] {
  const byQuestion = new Map<string, Attempt[]>();
  for (const attempt of attempts) {
    const list = byQuestion.get(attempt.questionId);
    if (list) list.push(attempt);
    else byQuestion.set(attempt.questionId, [attempt]);
  }
  const rows: CategoryReadiness[] = [];
  for (const category of CATEGORIES) {
    const inCategory = questions.filter((q) => q.category === category && inScope(q, stages));
    if (inCategory.length === 0) continue;
    let answered = 0;
    let ready = 0;
    for (const question of inCategory) {
      const state = questionState(question, byQuestion.get(question.id) ?? [], null);
      if (state.kind === 'new') continue;
      answered += 1;
      if (state.last.good) ready += 1;
    }
    rows.push({ category, questions: inCategory.length, answered, ready, share: ready / inCategory.length });
  }
  return rows;
}
