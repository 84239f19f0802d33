import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../../electron/shared/contract';
import { metricsOf } from '../data/transcript-repo';
import type { Attempt, MockLoop, StoredQuestion } from '../data/db';
import { summariseLoop } from './loop-summary';

const question = (id: string, targetSec: number): StoredQuestion => ({
  id,
  text: `Question ${id}`,
  category: 'behavioural',
  stage: 'team-interview',
  principles: ['intellectual-honesty'],
  targetSec,
  packId: 'test',
  order: 0,
  origin: 'bundled',
});

/** `count` words of 300 ms, one every 500 ms from `startMs`, every fifth an "um". */
function words(count: number, startMs: number): Transcript {
  const list = Array.from({ length: count }, (_, i) => ({
    text: i % 5 === 0 ? 'um' : 'word',
    startMs: startMs + i * 500,
    endMs: startMs + i * 500 + 300,
  }));
  return { segments: [{ startMs, endMs: list.at(-1)?.endMs ?? startMs, text: '', words: list }] };
}

const attempt = (id: string, questionId: string, durationMs: number, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  questionId,
  startedAt: 0,
  durationMs,
  fileName: `${id}.wav`,
  status: 'complete',
  droppedMs: 0,
  loopId: 'loop-1',
  ...extra,
});

describe('summariseLoop', () => {
  const questions = new Map([question('a', 90), question('b', 120), question('c', 60)].map((q) => [q.id, q]));
  const loop: MockLoop = {
    id: 'loop-1',
    startedAt: 0,
    current: 3,
    finishedAt: 1,
    steps: [
      { stage: 'team-interview', label: 'Team interview 1 of 3', questionId: 'a', takeId: 'take-a' },
      { stage: 'team-interview', label: 'Team interview 2 of 3', questionId: 'b', takeId: 'take-b' },
      { stage: 'team-interview', label: 'Team interview 3 of 3', questionId: 'c' },
    ],
  };
  const attempts = new Map(
    [
      // 10 words over 4.8 s (2 fillers) and 20 words over 9.8 s (4 fillers), with a ticked item with evidence.
      attempt('take-a', 'a', 80_000, { metrics: metricsOf(words(10, 1000)) }),
      attempt('take-b', 'b', 130_000, {
        metrics: metricsOf(words(20, 0)),
        checklist: {
          updatedAt: 1,
          ticks: [
            { itemId: 'intellectual-honesty.named-mistake', evidence: { sentenceIndex: 0, text: 'x', startMs: 0, endMs: 1 } },
            { itemId: 'thinking-at-scale.what-breaks', evidence: undefined },
          ],
        },
      }),
    ].map((a) => [a.id, a]),
  );

  it('gives each step its take, metrics and checklist score, and leaves unanswered steps empty', () => {
    const { rows } = summariseLoop(loop, attempts, questions);
    expect(rows.map((row) => [row.label, row.attempt?.id ?? null, row.targetMs])).toEqual([
      ['Team interview 1 of 3', 'take-a', 90_000],
      ['Team interview 2 of 3', 'take-b', 120_000],
      ['Team interview 3 of 3', null, 60_000],
    ]);
    expect(rows[0]?.metrics).toMatchObject({ wordCount: 10, speechMs: 4800, wpm: 125, fillerCount: 2 });
    // Only the probed principle's items count: the thinking-at-scale tick is not part of this question.
    expect(rows[1]?.checklist).toEqual({ ticked: 1, total: 4, withEvidence: 1 });
    expect(rows[2]).toMatchObject({ attempt: undefined, metrics: null, checklist: null });
  });

  it('totals the loop: answered steps, time against targets, pace and fillers over all speech', () => {
    const { totals } = summariseLoop(loop, attempts, questions);
    // 30 words and 6 fillers over 14.6 s of speech: 123.3 wpm, 24.7 fillers per minute.
    expect(totals).toEqual({
      steps: 3,
      answered: 2,
      answerMs: 210_000,
      targetMs: 270_000,
      wpm: 123.3,
      fillersPerMin: 24.7,
      ticked: 1,
      checklistItems: 8,
    });
  });
});
