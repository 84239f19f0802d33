import { describe, expect, it } from 'vitest';
import type { Attempt, AttemptMetrics, StoredQuestion } from '../data/db';
import { progressSeries } from './progress';

function question(id: string, targetSec: number, principles: StoredQuestion['principles']): StoredQuestion {
  return {
    id,
    text: `Question ${id}?`,
    category: 'behavioural',
    stage: 'team-interview',
    principles,
    targetSec,
    packId: 'test',
    order: 0,
    origin: 'own',
  };
}

const mistake = question('mistake', 60, ['intellectual-honesty']);
const scale = question('scale', 120, ['thinking-at-scale', 'directness']);
const questions = new Map([mistake, scale].map((q) => [q.id, q]));

function metrics(wpm: number | null, fillersPerMin: number | null): AttemptMetrics {
  return {
    version: 1,
    wordCount: 100,
    speechMs: 50_000,
    wpm,
    fillerCount: 2,
    fillersPerMin,
    transcribedFillerCount: 1,
    confirmedFillerCount: 1,
    heardFillerCount: 3,
    longPauseCount: 0,
    thinkTimeMs: 800,
  };
}

function take(id: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt {
  return { id, questionId: mistake.id, startedAt, durationMs: 60_000, fileName: `${id}.wav`, status: 'complete', droppedMs: 0, ...extra };
}

const attempts: Attempt[] = [
  take('take-third', 3_000_000, { metrics: metrics(121, 0.5), durationMs: 45_000 }),
  take('take-first', 1_000_000, { metrics: metrics(132, 2.4), durationMs: 75_000 }),
  take('take-deleted', 1_500_000, { metrics: metrics(300, 9), deletedAt: 1_600_000 }),
  take('take-second', 2_000_000, { durationMs: 60_000 }),
];

describe('progressSeries', () => {
  it('puts takes oldest first, in epoch seconds, without the deleted ones', () => {
    expect(progressSeries(attempts, questions, 'wpm')).toEqual({ x: [1000, 2000, 3000], y: [132, null, 121] });
  });

  it('gives fillers per minute as the stored metrics count them (transcribed + confirmed), null where a take has none yet', () => {
    expect(progressSeries(attempts, questions, 'fillersPerMin').y).toEqual([2.4, null, 0.5]);
  });

  it('gives the length against the target without needing a transcript', () => {
    expect(progressSeries(attempts, questions, 'durationVsTarget').y).toEqual([1.25, 1, 0.75]);
    const unknown = take('take-unknown', 1, { questionId: 'gone' });
    const empty = take('take-empty', 2, { durationMs: 0 });
    expect(progressSeries([unknown, empty], questions, 'durationVsTarget').y).toEqual([null, null]);
  });

  it('scores the checklist over the probed principles of each take’s own question', () => {
    const mixed: Attempt[] = [
      take('take-a', 1000, {
        checklist: { ticks: [{ itemId: 'intellectual-honesty.named-mistake' }, { itemId: 'candour.specific-words' }], updatedAt: 1 },
      }),
      take('take-b', 2000, {
        questionId: scale.id,
        checklist: { ticks: [{ itemId: 'thinking-at-scale.numbers' }, { itemId: 'directness.answered-first' }], updatedAt: 1 },
      }),
      take('take-c', 3000, { checklist: { ticks: [], updatedAt: 1 } }),
      take('take-d', 4000),
      take('take-e', 5000, { questionId: 'gone', checklist: { ticks: [], updatedAt: 1 } }),
    ];
    // Intellectual honesty has 4 items (1 ticked; the candour tick is not probed); thinking at scale 4 + directness 3 (2 ticked).
    expect(progressSeries(mixed, questions, 'checklistScore').y).toEqual([0.25, 0.29, 0, null, null]);
  });

  it('accepts questions as a plain object too', () => {
    expect(progressSeries(attempts, { mistake }, 'durationVsTarget').y).toEqual([1.25, 1, 0.75]);
    expect(progressSeries(attempts, { constructor: undefined }, 'durationVsTarget').y).toEqual([null, null, null]);
  });

  it('gives empty series for no takes', () => {
    expect(progressSeries([], questions, 'wpm')).toEqual({ x: [], y: [] });
  });

  it('does not reorder the caller’s array', () => {
    const before = attempts.map((a) => a.id);
    progressSeries(attempts, questions, 'wpm');
    expect(attempts.map((a) => a.id)).toEqual(before);
  });
});
