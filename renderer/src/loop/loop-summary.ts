// The summary at the end of a mock loop: each step's take against its target, how it sounded and what
// was ticked, and totals over the loop. Pure: it reads the records it is given.
import { checklistScore } from '../checklist/checklist-state';
import { principlesFor } from '../checklist/use-culture-checklist';
import type { Attempt, AttemptMetrics, LoopStep, MockLoop, StoredQuestion } from '../data/db';
import { followUpLink, followUpQuestion } from '../followups/follow-ups';

export interface LoopSummaryRow {
  label: string;
  question: StoredQuestion | undefined;
  attempt: Attempt | undefined;
  targetMs: number | null;
  /** null until the take has a transcript */
  metrics: AttemptMetrics | null;
  checklist: { ticked: number; total: number; withEvidence: number } | null;
}

export interface LoopTotals {
  steps: number;
  answered: number;
  answerMs: number;
  targetMs: number;
  /**
   * Over all transcribed takes: words per minute of speech, fillers (the metrics' fillerCount: transcribed
   * + confirmed heard) per minute of speech, 1 decimal; null without speech.
   */
  wpm: number | null;
  fillersPerMin: number | null;
  ticked: number;
  checklistItems: number;
}

export function summariseLoop(
  loop: MockLoop,
  attempts: ReadonlyMap<string, Attempt>,
  questions: ReadonlyMap<string, StoredQuestion>,
): { rows: LoopSummaryRow[]; totals: LoopTotals } {
  const rows = loop.steps
    .flatMap((step) => stepRows(step, attempts, questions))
    .map(({ label, question, takeId }): LoopSummaryRow => {
      const attempt = takeId ? attempts.get(takeId) : undefined;
      const metrics = attempt?.metrics ?? null;
      const itemIds = question ? principlesFor(question).probed.flatMap((principle) => principle.items.map((item) => item.id)) : [];
      return {
        label,
        question,
        attempt,
        targetMs: question ? question.targetSec * 1000 : null,
        metrics,
        checklist: attempt && question ? checklistScore(attempt.checklist, itemIds) : null,
      };
    });
  let words = 0;
  let fillers = 0;
  let speechMs = 0;
  const totals: LoopTotals = {
    steps: rows.length,
    answered: 0,
    answerMs: 0,
    targetMs: 0,
    wpm: null,
    fillersPerMin: null,
    ticked: 0,
    checklistItems: 0,
  };
  for (const row of rows) {
    totals.targetMs += row.targetMs ?? 0;
    if (!row.attempt) continue;
    totals.answered += 1;
    totals.answerMs += row.attempt.durationMs;
    totals.ticked += row.checklist?.ticked ?? 0;
    totals.checklistItems += row.checklist?.total ?? 0;
    if (row.metrics) {
      words += row.metrics.wordCount;
      fillers += row.metrics.fillerCount;
      speechMs += row.metrics.speechMs;
    }
  }
  if (speechMs > 0) {
    totals.wpm = Math.round((words / (speechMs / 60000)) * 10) / 10;
    totals.fillersPerMin = Math.round((fillers / (speechMs / 60000)) * 10) / 10;
  }
  return { rows, totals };
}

/**
 * A step's rows: its question, then, when the interviewer asked a follow-up and the answer was given,
 * the follow-up ("Team interview 1 of 3 · follow-up"). The follow-up as answered (the take's copy)
 * wins over the pack's current one.
 */
function stepRows(
  step: LoopStep,
  attempts: ReadonlyMap<string, Attempt>,
  questions: ReadonlyMap<string, StoredQuestion>,
): { label: string; question: StoredQuestion | undefined; takeId: string | undefined }[] {
  const question = questions.get(step.questionId);
  const rows = [{ label: step.label, question, takeId: step.takeId }];
  if (!step.followUp || !step.takeId || !question) return rows;
  const answered = step.followUp.takeId ? attempts.get(step.followUp.takeId)?.followUp : undefined;
  const link = answered ?? followUpLink(question, step.followUp.followUpId, step.takeId);
  if (link) rows.push({ label: `${step.label} · follow-up`, question: followUpQuestion(question, link), takeId: step.followUp.takeId });
  return rows;
}
