// Deleting takes with undo: a deleted take is hidden at once (deletedAt) and removed for good, audio
// included, only once the undo time has passed. A take marked at a crash is removed at the next start.
import type { RehearseDb } from '../data/db';

export const UNDO_MS = 10_000;

export async function markDeleted(db: RehearseDb, ids: readonly string[], now = Date.now()): Promise<void> {
  await db.attempts
    .where('id')
    .anyOf([...ids])
    .modify({ deletedAt: now });
}

export async function undoDelete(db: RehearseDb, ids: readonly string[]): Promise<void> {
  await db.attempts
    .where('id')
    .anyOf([...ids])
    .modify((attempt) => {
      delete attempt.deletedAt;
    });
}

/**
 * Removes for good the takes deleted at or before `deletedBefore`: main deletes the audio and its
 * transcript first; only then do the records go. If main fails, they stay marked and are tried again.
 */
export async function purgeDeleted(
  db: RehearseDb,
  deletedBefore: number,
  deleteAudio: (ids: string[]) => Promise<unknown>,
): Promise<number> {
  const ids = (await db.attempts.where('deletedAt').belowOrEqual(deletedBefore).primaryKeys()).map(String);
  if (ids.length === 0) return 0;
  await deleteAudio(ids);
  await db.transaction('rw', db.attempts, db.transcripts, db.searchTexts, async () => {
    await db.attempts.bulkDelete(ids);
    await db.transcripts.bulkDelete(ids);
    await db.searchTexts.bulkDelete(ids);
  });
  return ids.length;
}
