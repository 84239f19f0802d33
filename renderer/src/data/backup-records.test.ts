import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupRecords } from '../../../electron/shared/backup-records';
import { collectRecords, mergeRecords } from './backup-records';
import { openDb, type Attempt, type RehearseDb, type StoredQuestion, type StoredStory } from './db';

const question: StoredQuestion = {
  id: 'own-why-us',
  text: 'Why us?',
  category: 'culture',
  stage: 'recruiter-screen',
  principles: ['candour'],
  targetSec: 60,
  packId: 'my-questions',
  order: 0,
  origin: 'own',
};
const story: StoredStory = {
  id: 'story-wrong-vendor',
  title: 'The wrong vendor',
  situation: 'We had to pick a payments vendor in a week.',
  action: 'I recommended one without a load test, then owned the mistake.',
  result: 'Two weeks lost; every team now load-tests first.',
  principles: ['intellectual-honesty', 'candour'],
  questionIds: [question.id],
  createdAt: 10,
  updatedAt: 20,
};
const take = (id: string, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  questionId: question.id,
  startedAt: 1000,
  durationMs: 4000,
  fileName: `${id}.wav`,
  status: 'complete',
  droppedMs: 0,
  ...extra,
});
const transcript = { segments: [{ startMs: 0, endMs: 500, text: 'Because.', words: [{ text: 'Because.', startMs: 0, endMs: 500 }] }] };

const opened: RehearseDb[] = [];
function fresh(): RehearseDb {
  const db = openDb(`backup-${Math.random()}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function source(): Promise<RehearseDb> {
  const db = fresh();
  await db.questions.put(question);
  await db.attempts.bulkPut([
    take('take-aaaaaa', {
      checklist: { ticks: [{ itemId: 'candour.specific-words' }], updatedAt: 5 },
      fillerChoices: [{ startMs: 100, endMs: 400, verdict: 'filler' }],
      storyId: story.id,
    }),
    take('take-bbbbbb', { deletedAt: 9 }),
    take('take-cccccc', { status: 'recording' }),
  ]);
  await db.transcripts.bulkPut([
    { id: 'take-aaaaaa', transcript },
    { id: 'take-bbbbbb', transcript },
  ]);
  await db.hesitations.bulkPut([
    { id: 'take-aaaaaa', hesitations: [{ startMs: 100, endMs: 400, kind: 'um', score: 0.8, transcribed: false }], basedOnTranscript: true },
    { id: 'take-bbbbbb', hesitations: [], basedOnTranscript: false },
  ]);
  await db.stories.put(story);
  await db.loops.put({
    id: 'loop-1',
    startedAt: 1,
    current: 1,
    steps: [{ stage: 'recruiter-screen', label: 'x', questionId: question.id, takeId: 'take-aaaaaa' }],
  });
  return db;
}

describe('backup records', () => {
  it('collects every record but deleted and unfinished takes, in the shape main validates', async () => {
    const records = await collectRecords(await source());
    expect(BackupRecords.safeParse(records).success).toBe(true);
    expect(records.attempts.map((a) => a.id)).toEqual(['take-aaaaaa']);
    expect(records.transcripts.map((t) => t.id)).toEqual(['take-aaaaaa']);
    expect(records.hesitations.map((h) => h.id)).toEqual(['take-aaaaaa']);
    expect(records.questions).toEqual([question]);
    expect(records.loops).toHaveLength(1);
    expect(records.stories).toEqual([story]);
    expect(records.attempts[0]?.storyId).toBe(story.id);
  });

  it('restores into an empty database record for record, with metrics and search text rebuilt', async () => {
    const records = await collectRecords(await source());
    const target = fresh();
    const report = await mergeRecords(target, records);
    expect(report.added).toEqual({ questions: 1, attempts: 1, transcripts: 1, hesitations: 1, loops: 1, stories: 1 });
    expect(await collectRecords(target)).toEqual({ ...records, attempts: [{ ...records.attempts[0], metrics: expect.any(Object) }] });
    expect((await target.searchTexts.get('take-aaaaaa'))?.text).toBe('Because.');
    // The heard filler the person confirmed counts again after the restore.
    expect((await target.attempts.get('take-aaaaaa'))?.metrics).toMatchObject({
      fillerCount: 1,
      transcribedFillerCount: 0,
      confirmedFillerCount: 1,
      heardFillerCount: 0,
    });
  });

  it('restores a backup made before heard fillers: no hesitations or choices, nothing heard yet', async () => {
    const records = await collectRecords(await source());
    const older = JSON.parse(JSON.stringify(records)) as Record<string, unknown> & { attempts: Record<string, unknown>[] };
    delete older.hesitations;
    for (const attempt of older.attempts) delete attempt.fillerChoices;
    const parsed = BackupRecords.safeParse(older);
    expect(parsed.success).toBe(true);
    const target = fresh();
    const report = await mergeRecords(target, parsed.data as BackupRecords);
    expect(report.added).toMatchObject({ attempts: 1, transcripts: 1, hesitations: 0 });
    expect((await target.attempts.get('take-aaaaaa'))?.metrics).toMatchObject({ fillerCount: 0, heardFillerCount: null });
  });

  it('restores a backup made before the story bank: no stories, no story noted on takes', async () => {
    const records = await collectRecords(await source());
    const older = JSON.parse(JSON.stringify(records)) as Record<string, unknown> & { attempts: Record<string, unknown>[] };
    delete older.stories;
    for (const attempt of older.attempts) delete attempt.storyId;
    const parsed = BackupRecords.safeParse(older);
    expect(parsed.success).toBe(true);
    const target = fresh();
    const report = await mergeRecords(target, parsed.data as BackupRecords);
    expect(report.added).toMatchObject({ attempts: 1, stories: 0 });
    expect(await target.stories.count()).toBe(0);
    expect((await target.attempts.get('take-aaaaaa'))?.storyId).toBeUndefined();
  });

  it('refuses a backup whose story is malformed or listed twice, naming it', async () => {
    const records = await collectRecords(await source());
    const twice = { ...records, stories: [story, story] };
    const parsedTwice = BackupRecords.safeParse(twice);
    expect(parsedTwice.success).toBe(false);
    expect(JSON.stringify(parsedTwice.error?.issues)).toContain('listed twice');
    const noPrinciples = BackupRecords.safeParse({ ...records, stories: [{ ...story, principles: [] }] });
    expect(noPrinciples.error?.issues[0]?.path).toEqual(['stories', 0, 'principles']);
  });

  it('merges into a non-empty database without duplicates, keeping what is already there', async () => {
    const records = await collectRecords(await source());
    const target = fresh();
    await target.attempts.put(take('take-aaaaaa', { durationMs: 1 }));
    await target.attempts.put(take('take-zzzzzz'));
    const report = await mergeRecords(target, records);
    expect(report.alreadyHere.attempts).toBe(1);
    expect((await target.attempts.get('take-aaaaaa'))?.durationMs).toBe(1);
    expect((await target.attempts.toCollection().primaryKeys()).sort()).toEqual(['take-aaaaaa', 'take-zzzzzz']);
    // A second restore of the same backup adds nothing.
    expect((await mergeRecords(target, records)).added).toEqual({
      questions: 0,
      attempts: 0,
      transcripts: 0,
      hesitations: 0,
      loops: 0,
      stories: 0,
    });
  });
});
