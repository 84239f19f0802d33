// The fillers heard in a take, as the renderer keeps them: its hesitations and the person's choices,
// each change recomputing the take's metrics (fillerCount = transcribed + confirmed), and start-up
// recomputing older metrics from all three.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hesitation, TakeHesitations, Transcript } from '../../../electron/shared/contract';
import { openDb, type Attempt, type RehearseDb } from './db';
import { chooseFiller, hearTake, needsHearing, saveHesitations } from './hesitation-repo';
import { backfillTranscriptData, METRICS_VERSION, saveTranscript } from './transcript-repo';

// 30 s of speech (first word 0-300 ms, last 29.7-30 s), one transcribed "um".
const TRANSCRIPT: Transcript = {
  segments: [
    {
      startMs: 0,
      endMs: 30_000,
      text: 'Um, so I shipped it.',
      words: [
        { text: 'Um,', startMs: 0, endMs: 300 },
        { text: 'so', startMs: 10_000, endMs: 10_300 },
        { text: 'I', startMs: 20_000, endMs: 20_300 },
        { text: 'shipped it.', startMs: 29_700, endMs: 30_000 },
      ],
    },
  ],
};

const heard = (startMs: number, extra: Partial<Hesitation> = {}): Hesitation => ({
  startMs,
  endMs: startMs + 400,
  kind: 'uh',
  score: 0.6,
  transcribed: false,
  ...extra,
});

const HEARD: TakeHesitations = {
  hesitations: [
    heard(0, { kind: 'um', transcribed: true, word: 'Um,' }),
    heard(5000),
    heard(15_000, { kind: 'um' }),
    heard(25_000, { kind: 'hesitation' }),
    heard(10_000, { kind: 'drawn-out', word: 'so' }),
  ],
  basedOnTranscript: true,
};

const TAKE = 'take-aaaaaa';
const attempt: Attempt = {
  id: TAKE,
  questionId: 'q',
  startedAt: 1,
  durationMs: 31_000,
  fileName: `${TAKE}.wav`,
  status: 'complete',
  droppedMs: 0,
};

let db: RehearseDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

async function metrics() {
  return (await db.attempts.get(TAKE))?.metrics;
}

describe('heard fillers in the database', () => {
  it('count in the metrics only once confirmed; unjudged ones apart; dismissed and drawn-out words nowhere', async () => {
    db = openDb(`h-${Math.random()}`);
    await db.attempts.put(attempt);
    await saveTranscript(db, TAKE, TRANSCRIPT);
    expect(await metrics()).toMatchObject({ fillerCount: 1, fillersPerMin: 2, transcribedFillerCount: 1, heardFillerCount: null });

    await saveHesitations(db, TAKE, HEARD);
    expect(await db.hesitations.get(TAKE)).toEqual({ id: TAKE, ...HEARD });
    expect(await metrics()).toMatchObject({ fillerCount: 1, confirmedFillerCount: 0, heardFillerCount: 3 });

    await chooseFiller(db, TAKE, heard(5000), 'filler');
    await chooseFiller(db, TAKE, heard(15_000), 'not-filler');
    expect(await metrics()).toMatchObject({
      version: METRICS_VERSION,
      fillerCount: 2,
      fillersPerMin: 4,
      transcribedFillerCount: 1,
      confirmedFillerCount: 1,
      heardFillerCount: 1,
    });
    expect((await db.attempts.get(TAKE))?.fillerChoices).toEqual([
      { startMs: 5000, endMs: 5400, verdict: 'filler' },
      { startMs: 15_000, endMs: 15_400, verdict: 'not-filler' },
    ]);

    // Changeable: a dismissed one confirmed after all, a confirmed one undecided again.
    await chooseFiller(db, TAKE, heard(15_000), 'filler');
    await chooseFiller(db, TAKE, heard(5000), null);
    expect(await metrics()).toMatchObject({ fillerCount: 2, confirmedFillerCount: 1, heardFillerCount: 2 });
  });

  it('are kept for a take without a transcript, which has no metrics until it gets one', async () => {
    db = openDb(`h-${Math.random()}`);
    await db.attempts.put(attempt);
    await hearTake(db, TAKE, async () => ({ hesitations: [heard(5000)], basedOnTranscript: false }));
    await chooseFiller(db, TAKE, heard(5000), 'filler');
    expect(await metrics()).toBeUndefined();
    await saveTranscript(db, TAKE, TRANSCRIPT);
    expect(await metrics()).toMatchObject({ fillerCount: 2, confirmedFillerCount: 1, heardFillerCount: 0 });
  });

  it('are asked for when never heard, or heard without words while a transcript with words is here', () => {
    expect(needsHearing(null, false)).toBe(true);
    expect(needsHearing({ id: TAKE, ...HEARD }, true)).toBe(false);
    expect(needsHearing({ id: TAKE, hesitations: [], basedOnTranscript: false }, false)).toBe(false);
    expect(needsHearing({ id: TAKE, hesitations: [], basedOnTranscript: false }, true)).toBe(true);
  });

  it('start-up recomputes older metrics from the transcript, the hesitations and the choices', async () => {
    db = openDb(`h-${Math.random()}`);
    await db.attempts.put({
      ...attempt,
      fillerChoices: [{ startMs: 25_000, endMs: 25_400, verdict: 'filler' }],
      metrics: {
        version: 1,
        wordCount: 4,
        speechMs: 30_000,
        wpm: 8,
        fillerCount: 1,
        fillersPerMin: 2,
        transcribedFillerCount: 1,
        confirmedFillerCount: 0,
        heardFillerCount: null,
        longPauseCount: 3,
        thinkTimeMs: 0,
      },
    });
    await db.transcripts.put({ id: TAKE, transcript: TRANSCRIPT });
    await db.hesitations.put({ id: TAKE, ...HEARD });
    await backfillTranscriptData(db);
    expect(await metrics()).toMatchObject({ version: METRICS_VERSION, fillerCount: 2, confirmedFillerCount: 1, heardFillerCount: 2 });
  });
});
