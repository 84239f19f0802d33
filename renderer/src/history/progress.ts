// One metric of a set of takes over time, for the progress charts: x = when each take started (epoch
// seconds, as uPlot's time axis wants), y = the metric or null where the take does not have it. Pure.
//
// Takes are sorted oldest first; deleted ones (deletedAt set) are left out. Metrics:
//   - wpm, fillersPerMin: the take's stored headline metrics (null without a transcript yet); fillers are
//     transcribed + confirmed heard ones (electron/shared/analytics/heard-fillers.ts);
//   - durationVsTarget: durationMs / (targetSec × 1000) to 2 decimals (1 = on target), null without a
//     recorded length or a known question; it needs no transcript;
//   - checklistScore: ticked / total of the items of the principles the take's question probes, 0-1 to 2
//     decimals; null when the take was never ticked (no checklist on it), the question is unknown, or it
//     probes no item.
import { round } from '../../../electron/shared/analytics/round';
import { checklistScore } from '../checklist/checklist-state';
import { principlesFor } from '../checklist/use-culture-checklist';
import type { Attempt, StoredQuestion } from '../data/db';

export type ProgressMetric = 'wpm' | 'fillersPerMin' | 'durationVsTarget' | 'checklistScore';

export interface ProgressSeries {
  /** Start of each take, epoch seconds, ascending. */
  x: number[];
  y: (number | null)[];
}

type QuestionInfo = Pick<StoredQuestion, 'targetSec' | 'principles'>;
export type QuestionsById = ReadonlyMap<string, QuestionInfo> | Readonly<Record<string, QuestionInfo | undefined>>;

function lookup(questions: QuestionsById, id: string): QuestionInfo | undefined {
  if (questions instanceof Map) return questions.get(id);
  return Object.hasOwn(questions, id) ? (questions as Readonly<Record<string, QuestionInfo | undefined>>)[id] : undefined;
}

function valueOf(attempt: Attempt, question: QuestionInfo | undefined, metric: ProgressMetric, probedIds: () => string[]): number | null {
  switch (metric) {
    case 'wpm':
      return attempt.metrics?.wpm ?? null;
    case 'fillersPerMin':
      return attempt.metrics?.fillersPerMin ?? null;
    case 'durationVsTarget':
      if (!question || !(question.targetSec > 0) || !(attempt.durationMs > 0)) return null;
      return round(attempt.durationMs / (question.targetSec * 1000), 2);
    case 'checklistScore': {
      if (!question || !attempt.checklist) return null;
      const score = checklistScore(attempt.checklist, probedIds());
      return score.total > 0 ? round(score.ticked / score.total, 2) : null;
    }
  }
}

export function progressSeries(attempts: readonly Attempt[], questionsById: QuestionsById, metric: ProgressMetric): ProgressSeries {
  const takes = attempts.filter((attempt) => attempt.deletedAt === undefined).sort((p, q) => p.startedAt - q.startedAt);
  // The probed items per question, worked out once per question rather than once per take.
  const probedByQuestion = new Map<string, string[]>();
  const x: number[] = [];
  const y: (number | null)[] = [];
  for (const attempt of takes) {
    const question = lookup(questionsById, attempt.questionId);
    const probedIds = () => {
      let ids = probedByQuestion.get(attempt.questionId);
      if (!ids) {
        ids = question ? principlesFor(question).probed.flatMap((principle) => principle.items.map((item) => item.id)) : [];
        probedByQuestion.set(attempt.questionId, ids);
      }
      return ids;
    };
    x.push(attempt.startedAt / 1000);
    y.push(valueOf(attempt, question, metric, probedIds));
  }
  return { x, y };
}
