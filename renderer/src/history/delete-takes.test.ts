import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Attempt, type RehearseDb } from '../data/db';
import { markDeleted, purgeDeleted, undoDelete } from './delete-takes';

const take = (id: string): Attempt => ({
  id,
  questionId: 'q',
  startedAt: 1,
  durationMs: 1000,
  fileName: `${id}.wav`,
  status: 'complete',
  droppedMs: 0,
});

let db: RehearseDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

async function seed(): Promise<void> {
  db = openDb(`del-${Math.random()}`);
  await db.attempts.bulkPut([take('take-aaaaaa'), take('take-bbbbbb')]);
  await db.transcripts.bulkPut([{ id: 'take-aaaaaa', transcript: { segments: [] } }]);
  await db.searchTexts.bulkPut([{ id: 'take-aaaaaa', text: 'x' }]);
}

describe('deleting takes with undo', () => {
  it('hides a take at once and brings it back on undo, untouched', async () => {
    await seed();
    await markDeleted(db, ['take-aaaaaa'], 1000);
    expect((await db.attempts.get('take-aaaaaa'))?.deletedAt).toBe(1000);
    await undoDelete(db, ['take-aaaaaa']);
    expect(await db.attempts.get('take-aaaaaa')).toEqual(take('take-aaaaaa'));
    const deleted: string[][] = [];
    expect(await purgeDeleted(db, Date.now(), async (ids) => deleted.push(ids))).toBe(0);
    expect(deleted).toEqual([]);
  });

  it('removes for good, audio first, only takes whose undo time is over', async () => {
    await seed();
    await markDeleted(db, ['take-aaaaaa'], 1000);
    await markDeleted(db, ['take-bbbbbb'], 5000);
    const deleted: string[][] = [];
    expect(await purgeDeleted(db, 2000, async (ids) => deleted.push(ids))).toBe(1);
    expect(deleted).toEqual([['take-aaaaaa']]);
    expect(await db.attempts.get('take-aaaaaa')).toBeUndefined();
    expect(await db.transcripts.get('take-aaaaaa')).toBeUndefined();
    expect(await db.searchTexts.get('take-aaaaaa')).toBeUndefined();
    expect((await db.attempts.get('take-bbbbbb'))?.deletedAt).toBe(5000);
  });

  it('keeps the records when main cannot delete the audio, to try again later', async () => {
    await seed();
    await markDeleted(db, ['take-aaaaaa'], 1000);
    await expect(
      purgeDeleted(db, 2000, () => {
        throw new Error('disk unplugged');
      }),
    ).rejects.toThrow('disk unplugged');
    expect((await db.attempts.get('take-aaaaaa'))?.deletedAt).toBe(1000);
  });
});
