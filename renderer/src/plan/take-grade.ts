// How well one take went, for the plan: three checks made from data every take has or gains, each
// with a "weakness" between 0 (fine) and 1 (as weak as it gets). Pure.
//
//   - length: durationMs / (targetSec × 1000). Passes within 0.75-1.25 of the target.
//     weakness = min(1, |ratio − 1|).
//   - checklist: of the culture-checklist items of the principles the question probes, the share the
//     person ticked for this take (no ticks saved = 0). Passes at half or more. weakness = 1 − share.
//     Not counted when the question probes no item.
//   - fillers: the take's fillersPerMin (transcribed + confirmed heard ones). Passes at 3 a minute or
//     fewer. weakness = min(1, fillersPerMin / 6). Not counted while the take has no transcript
//     (fillersPerMin is null): the plan does not guess.
//
// weakness = the mean of the counted checks' weaknesses; a take is "good" when every counted check
// passes, "weak" otherwise.
import { checklistScore } from '../checklist/checklist-state';
import { principlesFor } from '../checklist/use-culture-checklist';
import type { Attempt, StoredQuestion } from '../data/db';

export const LENGTH_BAND = { min: 0.75, max: 1.25 } as const;
export const MIN_CHECKLIST_SHARE = 0.5;
export const MAX_GOOD_FILLERS_PER_MIN = 3;
const FILLERS_PER_MIN_AT_WORST = 6;

export type PlanQuestion = Pick<StoredQuestion, 'id' | 'text' | 'category' | 'stage' | 'targetSec' | 'principles'>;

export interface TakeGrade {
  good: boolean;
  /** 0 (every check fine) to 1. */
  weakness: number;
  length: { ratio: number; durationMs: number; targetMs: number; pass: boolean };
  /** null when the question probes no checklist item. */
  checklist: { ticked: number; total: number; pass: boolean } | null;
  /** null while the take has no transcript. */
  fillers: { perMin: number; pass: boolean } | null;
}

/**
 * A take the plan counts: an answer to the question itself (a follow-up take has its own, shorter target
 * and says nothing of how the main answer went), finished (or recovered) with some audio, not deleted.
 */
export function isUsableTake(attempt: Attempt): boolean {
  return (
    attempt.followUp === undefined &&
    attempt.deletedAt === undefined &&
    (attempt.status === 'complete' || attempt.status === 'recovered') &&
    attempt.durationMs > 0
  );
}

export function gradeTake(attempt: Attempt, question: PlanQuestion): TakeGrade {
  const targetMs = question.targetSec * 1000;
  const ratio = attempt.durationMs / targetMs;
  const length = { ratio, durationMs: attempt.durationMs, targetMs, pass: ratio >= LENGTH_BAND.min && ratio <= LENGTH_BAND.max };
  const weaknesses = [Math.min(1, Math.abs(ratio - 1))];

  const itemIds = principlesFor(question).probed.flatMap((principle) => principle.items.map((item) => item.id));
  let checklist: TakeGrade['checklist'] = null;
  if (itemIds.length > 0) {
    const score = checklistScore(attempt.checklist, itemIds);
    const share = score.ticked / score.total;
    checklist = { ticked: score.ticked, total: score.total, pass: share >= MIN_CHECKLIST_SHARE };
    weaknesses.push(1 - share);
  }

  const perMin = attempt.metrics?.fillersPerMin;
  let fillers: TakeGrade['fillers'] = null;
  if (typeof perMin === 'number' && Number.isFinite(perMin)) {
    fillers = { perMin, pass: perMin <= MAX_GOOD_FILLERS_PER_MIN };
    weaknesses.push(Math.min(1, perMin / FILLERS_PER_MIN_AT_WORST));
  }

  const weakness = weaknesses.reduce((sum, w) => sum + w, 0) / weaknesses.length;
  const good = length.pass && (checklist?.pass ?? true) && (fillers?.pass ?? true);
  return { good, weakness, length, checklist, fillers };
}
