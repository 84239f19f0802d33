import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transcript } from '../../../electron/shared/contract';
import { openDb, type Attempt, type RehearseDb } from './db';
import { backfillTranscriptData, METRICS_VERSION, saveTranscript } from './transcript-repo';

// 4 words from 1.0 s to 2.9 s, one a filler: 1.9 s of speech, 126.3 wpm.
const TRANSCRIPT: Transcript = {
  segments: [
    {
      startMs: 1000,
      endMs: 2900,
      text: 'Um, I was wrong.',
      words: [
        { text: 'Um,', startMs: 1000, endMs: 1300 },
        { text: 'I', startMs: 1400, endMs: 1500 },
        { text: 'was', startMs: 1600, endMs: 2000 },
        { text: 'wrong.', startMs: 2100, endMs: 2900 },
      ],
    },
  ],
};

const attempt = (id: string): Attempt => ({
  id,
  questionId: 'q',
  startedAt: 1,
  durationMs: 3000,
  fileName: `${id}.wav`,
  status: 'complete',
  droppedMs: 0,
});

let db: RehearseDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('transcripts in the database', () => {
  it('saving a transcript stores it with the take’s metrics and its search text', async () => {
    db = openDb(`t-${Math.random()}`);
    await db.attempts.put(attempt('take-aaaaaa'));
    await saveTranscript(db, 'take-aaaaaa', TRANSCRIPT);
    expect((await db.transcripts.get('take-aaaaaa'))?.transcript).toEqual(TRANSCRIPT);
    expect(await db.searchTexts.get('take-aaaaaa')).toEqual({ id: 'take-aaaaaa', text: 'Um, I was wrong.' });
    expect((await db.attempts.get('take-aaaaaa'))?.metrics).toEqual({
      version: METRICS_VERSION,
      wordCount: 4,
      speechMs: 1900,
      wpm: 126.3,
      fillerCount: 1,
      fillersPerMin: 31.6,
      transcribedFillerCount: 1,
      confirmedFillerCount: 0,
      heardFillerCount: null,
      longPauseCount: 0,
      thinkTimeMs: 1000,
    });
  });

  it('start-up fills in missing or outdated metrics and search texts from the stored transcripts', async () => {
    db = openDb(`t-${Math.random()}`);
    await db.attempts.bulkPut([
      attempt('take-missing'),
      {
        ...attempt('take-outdated'),
        metrics: {
          version: 1,
          wordCount: 99,
          speechMs: 1,
          wpm: 1,
          fillerCount: 0,
          fillersPerMin: 0,
          transcribedFillerCount: 0,
          confirmedFillerCount: 0,
          heardFillerCount: null,
          longPauseCount: 0,
          thinkTimeMs: 0,
        },
      },
      attempt('take-notranscript'),
    ]);
    await db.transcripts.bulkPut([
      { id: 'take-missing', transcript: TRANSCRIPT },
      { id: 'take-outdated', transcript: TRANSCRIPT },
    ]);
    expect(await backfillTranscriptData(db)).toBe(4);
    for (const id of ['take-missing', 'take-outdated']) {
      expect((await db.attempts.get(id))?.metrics).toMatchObject({ version: METRICS_VERSION, wordCount: 4 });
      expect((await db.searchTexts.get(id))?.text).toBe('Um, I was wrong.');
    }
    expect((await db.attempts.get('take-notranscript'))?.metrics).toBeUndefined();
    // Nothing left to do the second time.
    expect(await backfillTranscriptData(db)).toBe(0);
  });
});
