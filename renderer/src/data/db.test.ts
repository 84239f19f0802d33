// Upgrading the database keeps every record: a person's takes survive an app update.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from './db';

describe('database upgrade from version 1', () => {
  it('keeps questions, attempts and transcripts, marks old questions as bundled, and adds loops', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ questions: 'id, order, category, stage, packId', attempts: 'id, questionId, startedAt, status' });
    const question = {
      id: 'starter-wrong-decision',
      text: 'A decision that turned out wrong?',
      category: 'behavioural',
      stage: 'hiring-manager-screen',
      principles: ['candour'],
      targetSec: 105,
      packId: 'starter',
      order: 0,
    };
    const attempt = {
      id: 'take-abc123',
      questionId: question.id,
      startedAt: 1,
      durationMs: 5000,
      fileName: 'take-abc123.wav',
      status: 'complete',
      droppedMs: 0,
      transcript: { segments: [{ startMs: 0, endMs: 900, text: 'Hello.', words: [{ text: 'Hello.', startMs: 0, endMs: 900 }] }] },
    };
    await v1.table('questions').put(question);
    await v1.table('attempts').put(attempt);
    v1.close();

    const db = openDb(name);
    expect(await db.questions.get(question.id)).toEqual({ ...question, origin: 'bundled' });
    // v3 moves the transcript out of the attempt, into its own table.
    const { transcript, ...light } = attempt;
    expect(await db.attempts.get(attempt.id)).toEqual(light);
    expect(await db.transcripts.get(attempt.id)).toEqual({ id: attempt.id, transcript });
    expect(await db.attempts.where('loopId').equals('x').count()).toBe(0);
    expect(await db.loops.count()).toBe(0);
    db.close();
    await db.delete();
  });
});

describe('database upgrade from version 3', () => {
  it('adds the hesitations table and gives older metrics the split filler numbers: all transcribed, none heard yet', async () => {
    const name = `upgrade-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      questions: 'id, order, category, stage, packId, origin',
      attempts: 'id, questionId, startedAt, status, loopId, deletedAt',
      loops: 'id, startedAt',
      transcripts: 'id',
      searchTexts: 'id',
    });
    const take = (id: string) => ({
      id,
      questionId: 'q',
      startedAt: 1,
      durationMs: 5000,
      fileName: `${id}.wav`,
      status: 'complete',
      droppedMs: 0,
    });
    const metrics = {
      version: 1,
      wordCount: 40,
      speechMs: 20_000,
      wpm: 120,
      fillerCount: 3,
      fillersPerMin: 9,
      longPauseCount: 0,
      thinkTimeMs: 500,
    };
    await v3.table('attempts').bulkPut([{ ...take('take-aaaaaa'), metrics }, take('take-bbbbbb')]);
    v3.close();

    const db = openDb(name);
    expect(await db.attempts.get('take-aaaaaa')).toEqual({
      ...take('take-aaaaaa'),
      metrics: { ...metrics, transcribedFillerCount: 3, confirmedFillerCount: 0, heardFillerCount: null },
    });
    expect(await db.attempts.get('take-bbbbbb')).toEqual(take('take-bbbbbb'));
    expect(await db.hesitations.count()).toBe(0);
    db.close();
    await db.delete();
  });
});

describe('database upgrade from version 4', () => {
  it('adds an empty story bank and leaves every question and take as it was', async () => {
    const name = `upgrade-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      questions: 'id, order, category, stage, packId, origin',
      attempts: 'id, questionId, startedAt, status, loopId, deletedAt',
      loops: 'id, startedAt',
      transcripts: 'id',
      searchTexts: 'id',
      hesitations: 'id',
    });
    const attempt = {
      id: 'take-aaaaaa',
      questionId: 'q',
      startedAt: 1,
      durationMs: 5000,
      fileName: 'take-aaaaaa.wav',
      status: 'complete',
      droppedMs: 0,
    };
    await v4.table('attempts').put(attempt);
    v4.close();

    const db = openDb(name);
    expect(await db.attempts.get(attempt.id)).toEqual(attempt);
    expect(await db.stories.count()).toBe(0);
    await db.stories.put({
      id: 'story-a',
      title: 'A',
      situation: '',
      action: '',
      result: '',
      principles: ['candour'],
      questionIds: [],
      createdAt: 1,
      updatedAt: 2,
    });
    expect(await db.stories.orderBy('updatedAt').primaryKeys()).toEqual(['story-a']);
    db.close();
    await db.delete();
  });
});

describe('database upgrade from version 4, for the plan', () => {
  it('keeps every record and adds an empty table for the plan’s settings', async () => {
    const name = `upgrade-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      questions: 'id, order, category, stage, packId, origin',
      attempts: 'id, questionId, startedAt, status, loopId, deletedAt',
      loops: 'id, startedAt',
      transcripts: 'id',
      searchTexts: 'id',
      hesitations: 'id',
    });
    const attempt = {
      id: 'take-cccccc',
      questionId: 'q',
      startedAt: 1,
      durationMs: 5000,
      fileName: 'take-cccccc.wav',
      status: 'complete',
      droppedMs: 0,
    };
    const loop = { id: 'loop-1', startedAt: 2, steps: [], current: 0 };
    await v4.table('attempts').put(attempt);
    await v4.table('loops').put(loop);
    v4.close();

    const db = openDb(name);
    expect(await db.attempts.get(attempt.id)).toEqual(attempt);
    expect(await db.loops.get(loop.id)).toEqual(loop);
    expect(await db.planSettings.count()).toBe(0);
    db.close();
    await db.delete();
  });
});
