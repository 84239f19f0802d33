// Start-up brings Dexie's attempts in line with main's takes and fills in missing metrics: with ten
// thousand takes, every pass over the attempts table is a second or more before History opens.
import 'fake-indexeddb/auto';
import type { DBCore, DBCoreTable } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { TakeInfo, Transcript } from '../../../electron/shared/contract';
import { openDb, type Attempt, type RehearseDb } from './db';
import { syncAttemptsWithTakes } from './reconcile-takes';
import { METRICS_VERSION } from './transcript-repo';

const TRANSCRIPT: Transcript = {
  segments: [
    {
      startMs: 0,
      endMs: 1000,
      text: 'Hello there.',
      words: [
        { text: 'Hello', startMs: 0, endMs: 400 },
        { text: 'there.', startMs: 500, endMs: 1000 },
      ],
    },
  ],
};

const take = (takeId: string, durationMs = 3000): TakeInfo => ({
  takeId,
  questionId: 'q',
  startedAt: 1,
  status: 'complete',
  durationMs,
  fileName: `${takeId}.wav`,
  bytes: 44,
  gaps: [],
});
const attempt = (id: string): Attempt => ({
  id,
  questionId: 'q',
  startedAt: 1,
  durationMs: 3000,
  fileName: `${id}.wav`,
  status: 'complete',
  droppedMs: 0,
});

/** Counts the reads of the attempts table (every get, query and cursor) below Dexie's API. */
function countAttemptReads(db: RehearseDb): { reads: number } {
  const counter = { reads: 0 };
  db.use({
    stack: 'dbcore',
    name: 'count-attempt-reads',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        if (name !== 'attempts') return table;
        const counted =
          <K extends 'get' | 'getMany' | 'query' | 'openCursor' | 'count'>(method: K) =>
          (req: Parameters<DBCoreTable[K]>[0]) => {
            counter.reads++;
            return (table[method] as (r: typeof req) => ReturnType<DBCoreTable[K]>)(req);
          };
        return {
          ...table,
          get: counted('get'),
          getMany: counted('getMany'),
          query: counted('query'),
          openCursor: counted('openCursor'),
          count: counted('count'),
        };
      },
    }),
  });
  return counter;
}

let db: RehearseDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('syncAttemptsWithTakes', () => {
  it('reads the attempts table once, adding new takes, updating changed ones and filling in metrics', async () => {
    db = openDb(`sync-${Math.random()}`);
    const counter = countAttemptReads(db);
    await db.attempts.bulkPut([attempt('take-aaaaaa'), attempt('take-bbbbbb'), { ...attempt('take-cccccc'), status: 'recording' }]);
    await db.transcripts.bulkPut([
      { id: 'take-aaaaaa', transcript: TRANSCRIPT },
      { id: 'take-dddddd', transcript: TRANSCRIPT },
    ]);
    counter.reads = 0;

    const changes = await syncAttemptsWithTakes(db, [take('take-bbbbbb'), take('take-cccccc', 5000), take('take-dddddd')]);
    expect(counter.reads).toBe(1);
    expect(changes.map((a) => a.id).sort()).toEqual(['take-cccccc', 'take-dddddd']);
    expect(await db.attempts.get('take-cccccc')).toMatchObject({ status: 'complete', durationMs: 5000 });
    // Metrics for every attempt with a transcript: the old one and the one just added.
    expect((await db.attempts.get('take-aaaaaa'))?.metrics).toMatchObject({ version: METRICS_VERSION, wordCount: 2 });
    expect((await db.attempts.get('take-dddddd'))?.metrics).toMatchObject({ version: METRICS_VERSION, wordCount: 2 });
    expect((await db.attempts.get('take-bbbbbb'))?.metrics).toBeUndefined();
    expect((await db.searchTexts.get('take-dddddd'))?.text).toBe('Hello there.');
  });
});
