// Follow-up questions: what an interviewer asks next after an answer ("What did it cost, in numbers?").
// A follow-up is named by its question's id and its own id; a take that answers one keeps the question's
// id and a link (Attempt.followUp) to the take it follows. Pure: no database, no DOM.
import { DEFAULT_FOLLOW_UP_TARGET_SEC, type FollowUp } from '../content/question-pack';
import type { Attempt, FollowUpLink, LoopStep, StoredQuestion } from '../data/db';

/** The follow-up's own target, or its category's default (30-60 s, shorter than the answer it probes). */
export function followUpTargetSec(question: Pick<StoredQuestion, 'category'>, followUp: FollowUp): number {
  return followUp.targetSec ?? DEFAULT_FOLLOW_UP_TARGET_SEC[question.category];
}

/** The link a take answering `followUpId` of `question`, asked after `parentTakeId`, is saved with. */
export function followUpLink(question: StoredQuestion, followUpId: string, parentTakeId: string): FollowUpLink | null {
  const followUp = question.followUps?.find((f) => f.id === followUpId);
  if (!followUp) return null;
  return { parentTakeId, followUpId, text: followUp.text, targetSec: followUpTargetSec(question, followUp) };
}

/**
 * Names what a take answered: the question id for an answer, "<question id>/<follow-up id>" for a
 * follow-up ("/" never appears in a question id). Two takes can be compared when their keys are equal.
 */
export function promptKey(attempt: Pick<Attempt, 'questionId' | 'followUp'>): string {
  return attempt.followUp ? `${attempt.questionId}/${attempt.followUp.followUpId}` : attempt.questionId;
}

/**
 * A follow-up shown and reviewed as a question of its own: the follow-up's text and target, the
 * question's category, stage and principles (the checklist still probes them), and no example answer
 * (the pack has none for follow-ups). Its id is the prompt key, so it never equals a real question's.
 */
export function followUpQuestion(question: StoredQuestion, link: Pick<FollowUpLink, 'followUpId' | 'text' | 'targetSec'>): StoredQuestion {
  const { category, stage, principles, packId, order, origin } = question;
  return {
    id: `${question.id}/${link.followUpId}`,
    text: link.text,
    category,
    stage,
    principles,
    targetSec: link.targetSec,
    packId,
    order,
    origin,
  };
}

/** The question as a take is reviewed against: the follow-up it answered, or the question itself. */
export function questionForTake(attempt: Pick<Attempt, 'followUp'>, question: StoredQuestion | undefined): StoredQuestion | undefined {
  if (!question || !attempt.followUp) return question;
  return followUpQuestion(question, attempt.followUp);
}

/**
 * The follow-up to ask after a take: the first of the question's follow-ups this take has no answer to
 * yet (`answered`: follow-up ids), else the first again. Null when the question has none.
 */
export function nextFollowUp(question: Pick<StoredQuestion, 'followUps'>, answered: Iterable<string> = []): FollowUp | null {
  const followUps = question.followUps ?? [];
  const done = new Set(answered);
  return followUps.find((f) => !done.has(f.id)) ?? followUps[0] ?? null;
}

/** One of the question's follow-ups, chosen with `random` (like Math.random), or null when it has none. */
export function pickFollowUp(question: Pick<StoredQuestion, 'followUps'>, random: () => number): FollowUp | null {
  const followUps = question.followUps ?? [];
  if (followUps.length === 0) return null;
  return followUps[Math.min(followUps.length - 1, Math.floor(random() * followUps.length))] ?? null;
}

/** Two takes answer the same thing (the same question, or the same follow-up of it) and can be compared. */
export function sameQuestion(a: Pick<Attempt, 'questionId' | 'followUp'>, b: Pick<Attempt, 'questionId' | 'followUp'>): boolean {
  return promptKey(a) === promptKey(b);
}

/**
 * In a mock loop, the follow-up the interviewer is asking now: once a team interview's answer is
 * recorded, its follow-up, linked to that answer; null before the answer, and for other steps.
 */
export function loopFollowUp(step: LoopStep | undefined, question: StoredQuestion | undefined): FollowUpLink | null {
  if (!step?.followUp || !step.takeId || !question) return null;
  return followUpLink(question, step.followUp.followUpId, step.takeId);
}

/**
 * The follow-up is asked once its answer is saved: while the answer itself is being recorded or saved
 * (`recorder.lastQuestionId` is the question's own id) it waits, so the screen never changes mid-answer.
 */
export function followUpInTurn(
  link: FollowUpLink | null,
  questionId: string | undefined,
  recorder: { phase: string; lastQuestionId: string | null },
): FollowUpLink | null {
  if (!link) return null;
  return recorder.phase !== 'idle' && recorder.lastQuestionId === questionId ? null : link;
}
