import { describe, expect, it } from 'vitest';
import type { Attempt, StoredQuestion } from '../data/db';
import { dayBounds, historyRows, NO_FILTER } from './history-list';
import { SearchIndex } from './search-index';

const q = (id: string, category: StoredQuestion['category'], stage: StoredQuestion['stage']): StoredQuestion => ({
  id,
  text: `Question ${id}`,
  category,
  stage,
  principles: ['candour'],
  targetSec: 90,
  packId: 'p',
  order: 0,
  origin: 'bundled',
});
const QUESTIONS = new Map(
  [q('beh', 'behavioural', 'team-interview'), q('tech', 'technical', 'team-interview'), q('pay', 'compensation', 'recruiter-screen')].map(
    (x) => [x.id, x],
  ),
);

const take = (id: string, questionId: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  questionId,
  startedAt,
  durationMs: 1000,
  fileName: `${id}.wav`,
  status: 'complete',
  droppedMs: 0,
  ...extra,
});

const ATTEMPTS = [
  take('t1', 'beh', 100),
  take('t2', 'tech', 200),
  take('t3', 'beh', 300),
  take('t4', 'pay', 150),
  take('t5', 'beh', 400, { deletedAt: 500 }),
  take('t6', 'tech', 450, { status: 'recording' }),
];

const shape = (rows: ReturnType<typeof historyRows>) =>
  rows.map((row) => (row.kind === 'group' ? `# ${row.questionId} (${row.count})` : `${row.attempt.id} #${row.number}`));

describe('the history list', () => {
  it('groups takes by question, the most recently answered question first, newest take first, without deleted or recording takes', () => {
    expect(shape(historyRows(ATTEMPTS, QUESTIONS, NO_FILTER))).toEqual([
      '# beh (2)',
      't3 #2',
      't1 #1',
      '# tech (1)',
      't2 #1',
      '# pay (1)',
      't4 #1',
    ]);
  });

  it('filters by category, stage and date', () => {
    expect(shape(historyRows(ATTEMPTS, QUESTIONS, { ...NO_FILTER, category: 'technical' }))).toEqual(['# tech (1)', 't2 #1']);
    expect(shape(historyRows(ATTEMPTS, QUESTIONS, { ...NO_FILTER, stage: 'recruiter-screen' }))).toEqual(['# pay (1)', 't4 #1']);
    expect(shape(historyRows(ATTEMPTS, QUESTIONS, { ...NO_FILTER, from: 150, to: 300 }))).toEqual([
      '# beh (1)',
      't3 #1',
      '# tech (1)',
      't2 #1',
      '# pay (1)',
      't4 #1',
    ]);
  });

  it('keeps only search hits when searching', () => {
    const index = new SearchIndex([
      { id: 't1', text: 'the cache was cold' },
      { id: 't2', text: 'a warm cache' },
      { id: 't3', text: 'nothing here' },
    ]);
    const rows = historyRows(ATTEMPTS, QUESTIONS, { ...NO_FILTER, hits: index.search('cache') });
    expect(shape(rows)).toEqual(['# tech (1)', 't2 #1', '# beh (1)', 't1 #1']);
  });

  it('reads a day from a date input as that whole local day', () => {
    const bounds = dayBounds('2026-11-21');
    expect(bounds && new Date(bounds.start).getHours()).toBe(0);
    expect(bounds && bounds.end - bounds.start).toBe(24 * 3600 * 1000 - 1);
    expect(dayBounds('21/11/2026')).toBeNull();
  });
});
