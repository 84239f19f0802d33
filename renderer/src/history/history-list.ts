// The history list: every take, grouped by question (the question answered most recently first),
// newest take first within a group, after the filters and the search. Flat rows, so a virtualised
// list can render only what is on screen.
import type { Category, Stage } from '../content/question-pack';
import type { Attempt, StoredQuestion } from '../data/db';

export interface HistoryFilter {
  category: Category | 'all';
  stage: Stage | 'all';
  /** Inclusive, epoch ms; null for no bound. */
  from: number | null;
  to: number | null;
  /** The take ids the search found, or null when not searching (then every take passes). */
  hits: ReadonlySet<string> | null;
}

export const NO_FILTER: HistoryFilter = { category: 'all', stage: 'all', from: null, to: null, hits: null };

export type HistoryRow =
  | { kind: 'group'; key: string; questionId: string; question: StoredQuestion | undefined; count: number }
  | {
      kind: 'take';
      key: string;
      attempt: Attempt;
      question: StoredQuestion | undefined;
      /** Answers: 1 for the oldest of the group. Follow-ups: 1 for the oldest follow-up of the same take. */
      number: number;
      /** Set on a follow-up take: true when it is listed right under the take it follows. */
      underParent?: boolean;
    };

export function historyRows(
  attempts: readonly Attempt[],
  questions: ReadonlyMap<string, StoredQuestion>,
  filter: HistoryFilter,
): HistoryRow[] {
  const groups = new Map<string, Attempt[]>();
  for (const attempt of attempts) {
    if (attempt.deletedAt !== undefined || attempt.status === 'recording') continue;
    const question = questions.get(attempt.questionId);
    if (filter.category !== 'all' && question?.category !== filter.category) continue;
    if (filter.stage !== 'all' && question?.stage !== filter.stage) continue;
    if (filter.from !== null && attempt.startedAt < filter.from) continue;
    if (filter.to !== null && attempt.startedAt > filter.to) continue;
    if (filter.hits && !filter.hits.has(attempt.id)) continue;
    const group = groups.get(attempt.questionId);
    if (group) group.push(attempt);
    else groups.set(attempt.questionId, [attempt]);
  }
  const ordered = [...groups.entries()].map(([questionId, takes]) => {
    takes.sort((a, b) => b.startedAt - a.startedAt);
    return { questionId, takes };
  });
  ordered.sort((a, b) => (b.takes[0]?.startedAt ?? 0) - (a.takes[0]?.startedAt ?? 0));
  const rows: HistoryRow[] = [];
  for (const { questionId, takes } of ordered) {
    const question = questions.get(questionId);
    rows.push({ kind: 'group', key: `group-${questionId}`, questionId, question, count: takes.length });
    rows.push(...takeRows(takes, question));
  }
  return rows;
}

/**
 * A group's takes, newest answer first, each followed by its follow-ups (oldest first, as they were
 * asked). A follow-up whose take is not in the list (filtered out or deleted) comes after the answers.
 */
function takeRows(takes: Attempt[], question: StoredQuestion | undefined): HistoryRow[] {
  const answers = takes.filter((attempt) => !attempt.followUp);
  const listed = new Set(answers.map((attempt) => attempt.id));
  const followUps = new Map<string, Attempt[]>();
  const orphans: Attempt[] = [];
  for (const attempt of takes) {
    const parent = attempt.followUp?.parentTakeId;
    if (parent === undefined) continue;
    if (!listed.has(parent)) orphans.push(attempt);
    else followUps.set(parent, [...(followUps.get(parent) ?? []), attempt]);
  }
  const rows: HistoryRow[] = [];
  answers.forEach((attempt, index) => {
    rows.push({ kind: 'take', key: attempt.id, attempt, question, number: answers.length - index });
    const under = [...(followUps.get(attempt.id) ?? [])].reverse();
    under.forEach((followUp, i) =>
      rows.push({ kind: 'take', key: followUp.id, attempt: followUp, question, number: i + 1, underParent: true }),
    );
  });
  orphans.forEach((attempt, index) => {
    rows.push({ kind: 'take', key: attempt.id, attempt, question, number: orphans.length - index, underParent: false });
  });
  return rows;
}

/** Start and end of a local calendar day given as "YYYY-MM-DD" (from a date input), or null. */
export function dayBounds(day: string): { start: number; end: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1).getTime() - 1;
  return Number.isNaN(start) ? null : { start, end };
}
