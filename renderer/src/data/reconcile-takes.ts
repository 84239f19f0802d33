// Brings the attempts in Dexie in line with the takes main has on disk: a take recovered after a
// crash (or one Dexie never heard of) becomes an attempt, and an attempt left `recording` is updated.
// reconcileTakes is pure, so it is tested without a browser; syncAttemptsWithTakes applies it to Dexie.
import type { TakeInfo } from '../../../electron/shared/contract';
import type { Attempt, RehearseDb } from './db';
import { backfillTranscriptData, metricsTables } from './transcript-repo';

export function attemptFromTake(take: TakeInfo): Attempt {
  return {
    id: take.takeId,
    questionId: take.questionId,
    startedAt: take.startedAt,
    durationMs: take.durationMs,
    fileName: take.fileName,
    status: take.status,
    droppedMs: take.gaps.reduce((sum, gap) => sum + gap.gapMs, 0),
  };
}

/** The attempts to write (new or changed); attempts main does not know are left alone. */
export function reconcileTakes(attempts: readonly Attempt[], takes: readonly TakeInfo[]): Attempt[] {
  const byId = new Map(attempts.map((attempt) => [attempt.id, attempt]));
  const changes: Attempt[] = [];
  for (const take of takes) {
    if (take.status === 'recording') continue;
    const known = byId.get(take.takeId);
    if (!known) {
      changes.push(attemptFromTake(take));
    } else if (known.status === 'recording' || known.durationMs !== take.durationMs || known.status !== take.status) {
      changes.push({ ...known, ...attemptFromTake(take), questionId: known.questionId });
    }
  }
  return changes;
}

/**
 * Start-up: writes the attempts main's takes call for, then fills in missing metrics and search texts,
 * reading the attempts table once for both (it can hold thousands). Returns the attempts it wrote.
 */
export async function syncAttemptsWithTakes(db: RehearseDb, takes: readonly TakeInfo[]): Promise<Attempt[]> {
  return db.transaction('rw', [...metricsTables(db), db.searchTexts], async () => {
    const attempts = await db.attempts.toArray();
    const changes = reconcileTakes(attempts, takes);
    await db.attempts.bulkPut(changes);
    const current = new Map(attempts.map((attempt) => [attempt.id, attempt]));
    for (const change of changes) current.set(change.id, change);
    await backfillTranscriptData(db, current);
    return changes;
  });
}
