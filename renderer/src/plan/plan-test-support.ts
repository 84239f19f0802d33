// Questions and takes for the plan's tests, on local calendar days (the plan counts local days).
import { principlesFor } from '../checklist/use-culture-checklist';
import type { Category, Stage } from '../content/question-pack';
import type { Attempt, AttemptMetrics } from '../data/db';
import type { PlanQuestion } from './take-grade';

/** 10:00 local time on the given day of December 2026 (day 31 + n runs into January). */
export function at(day: number, hour = 10): number {
  return new Date(2026, 11, day, hour).getTime();
}

export function question(id: string, stage: Stage = 'team-interview', category: Category = 'behavioural', targetSec = 100): PlanQuestion {
  return { id, text: `Question ${id}?`, category, stage, targetSec, principles: ['directness'] };
}

/** The ids of the checklist items the question probes (from the bundled checklist). */
export function probedItems(q: PlanQuestion): string[] {
  return principlesFor(q).probed.flatMap((principle) => principle.items.map((item) => item.id));
}

export function metrics(fillersPerMin: number | null): AttemptMetrics {
  return {
    version: 1,
    wordCount: 200,
    speechMs: 90_000,
    wpm: 130,
    fillerCount: 0,
    fillersPerMin,
    transcribedFillerCount: 0,
    confirmedFillerCount: 0,
    heardFillerCount: 0,
    longPauseCount: 0,
    thinkTimeMs: 500,
  };
}

let counter = 0;

/** A finished take of `q` at `startedAt`, `durationMs` long, ticking the first `ticked` probed items. */
export function take(
  q: PlanQuestion,
  startedAt: number,
  options: { durationMs?: number; ticked?: number; extra?: Partial<Attempt> } = {},
): Attempt {
  counter += 1;
  const id = `take-${counter}`;
  const ticks = probedItems(q)
    .slice(0, options.ticked ?? 0)
    .map((itemId) => ({ itemId }));
  return {
    id,
    questionId: q.id,
    startedAt,
    durationMs: options.durationMs ?? q.targetSec * 1000,
    fileName: `${id}.wav`,
    status: 'complete',
    droppedMs: 0,
    ...(ticks.length > 0 ? { checklist: { ticks, updatedAt: startedAt } } : {}),
    ...options.extra,
  };
}

/** A take that passes every check: on target, every probed item ticked, 1 filler a minute. */
export function goodTake(q: PlanQuestion, startedAt: number): Attempt {
  return take(q, startedAt, { ticked: probedItems(q).length, extra: { metrics: metrics(1) } });
}

/** A take that is too short (a tenth of the target) with nothing ticked. */
export function weakTake(q: PlanQuestion, startedAt: number): Attempt {
  return take(q, startedAt, { durationMs: q.targetSec * 100 });
}
