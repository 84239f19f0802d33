// The question operations against a real (in-memory) IndexedDB: all or nothing, bundled questions read-only.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft, type QuestionDraft } from '../content/pack-io';
import { Question, type QuestionPack } from '../content/question-pack';
import { OWN_PACK_ID, openDb, type Attempt, type RehearseDb, type StoredQuestion } from './db';
import {
  addOwnQuestion,
  attemptsFor,
  deleteOwnQuestion,
  exportPackFile,
  exportablePacks,
  importPackText,
  updateOwnQuestion,
} from './question-repo';

const BUNDLED_ID = 'netflix-loop';

function bundled(id: string, order: number): StoredQuestion {
  return {
    id,
    text: `Bundled ${id}?`,
    category: 'culture',
    stage: 'team-interview',
    principles: ['candour'],
    targetSec: 90,
    packId: BUNDLED_ID,
    order,
    origin: 'bundled',
  };
}

function packText(id: string, questionIds: string[], title = 'Imported pack'): string {
  const pack: QuestionPack = {
    id,
    title,
    version: 1,
    questions: questionIds.map((qid) => ({
      id: qid,
      text: `Imported ${qid}?`,
      category: 'technical',
      stage: 'hiring-manager-screen',
      principles: ['thinking-at-scale'],
      targetSec: 150,
      listenFor: ['Trade-offs'],
    })),
  };
  return JSON.stringify(pack);
}

function attempt(id: string, questionId: string): Attempt {
  return { id, questionId, startedAt: Date.now(), durationMs: 1000, fileName: `${id}.wav`, status: 'complete', droppedMs: 0 };
}

function draft(text: string, extra: Partial<QuestionDraft> = {}): QuestionDraft {
  return { ...emptyDraft('behavioural'), text, principles: ['intellectual-honesty'], ...extra };
}

async function snapshot(db: RehearseDb) {
  return { questions: await db.questions.orderBy('id').toArray(), attempts: await db.attempts.orderBy('id').toArray() };
}

let db: RehearseDb;

beforeEach(async () => {
  db = openDb(`test-${Math.random().toString(36).slice(2)}`);
  await db.questions.bulkPut([bundled('loop-1', 0), bundled('loop-2', 1)]);
});

afterEach(async () => {
  await db.delete();
});

describe('own questions', () => {
  it('adds one to the person’s pack after every other question', async () => {
    const result = await addOwnQuestion(db, draft('Why do you want this job?', { exampleAnswer: 'Because.' }));
    if (!result.ok) throw new Error(result.message);
    expect(result.question).toMatchObject({
      id: 'own-why-do-you-want-this-job',
      packId: OWN_PACK_ID,
      order: 2,
      origin: 'own',
      targetSec: 105,
    });
    expect(await db.questions.get('own-why-do-you-want-this-job')).toEqual(result.question);
    const again = await addOwnQuestion(db, draft('Why do you want this job?'));
    expect(again.ok && again.question.id).toBe('own-why-do-you-want-this-job-2');
  });

  it('refuses an invalid draft with per-field errors and stores nothing', async () => {
    const before = await snapshot(db);
    const result = await addOwnQuestion(db, draft('  ', { principles: [], targetSec: '5' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors ?? {}).sort()).toEqual(['principles', 'targetSec', 'text']);
    expect(await snapshot(db)).toEqual(before);
  });

  it('edits one, keeping its id, pack and place, and dropping a cleared field', async () => {
    const added = await addOwnQuestion(db, draft('Original?', { exampleAnswer: 'Old answer.' }));
    if (!added.ok) throw new Error(added.message);
    const result = await updateOwnQuestion(
      db,
      added.question.id,
      draft('Edited?', { category: 'compensation', targetSec: '60', exampleAnswer: '' }),
    );
    if (!result.ok) throw new Error(result.message);
    const stored = await db.questions.get(added.question.id);
    expect(stored).toEqual({ ...added.question, text: 'Edited?', category: 'compensation', targetSec: 60, exampleAnswer: undefined });
    expect(stored && 'exampleAnswer' in stored).toBe(false);
  });

  it('deletes one and keeps its attempts, saying how many there were', async () => {
    const added = await addOwnQuestion(db, draft('To delete?'));
    if (!added.ok) throw new Error(added.message);
    await db.attempts.bulkPut([attempt('t1', added.question.id), attempt('t2', added.question.id), attempt('t3', 'loop-1')]);
    expect(await attemptsFor(db, added.question.id)).toBe(2);
    const result = await deleteOwnQuestion(db, added.question.id);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(await db.questions.get(added.question.id)).toBeUndefined();
    expect(await db.attempts.count()).toBe(3);
  });

  it('refuses to edit or delete a bundled question', async () => {
    const before = await snapshot(db);
    const edit = await updateOwnQuestion(db, 'loop-1', draft('Hijacked?'));
    const removal = await deleteOwnQuestion(db, 'loop-1');
    expect(edit).toMatchObject({ ok: false, message: expect.stringContaining('come with the app') });
    expect(removal).toMatchObject({ ok: false, message: expect.stringContaining('come with the app') });
    expect(await snapshot(db)).toEqual(before);
  });

  it('says so for a question that is not there', async () => {
    expect(await deleteOwnQuestion(db, 'nope')).toMatchObject({ ok: false, message: expect.stringContaining('nope') });
    expect(await updateOwnQuestion(db, 'nope', draft('Q?'))).toMatchObject({ ok: false });
  });
});

describe('importPackText', () => {
  it('imports a pack', async () => {
    const result = await importPackText(db, packText('extra', ['x-1', 'x-2'], 'Extra'));
    expect(result).toMatchObject({ ok: true, packId: 'extra', added: 2, replaced: 0, message: 'Imported “Extra”: 2 added, 0 replaced.' });
    expect((await db.questions.where('packId').equals('extra').sortBy('order')).map((q) => [q.id, q.order, q.origin])).toEqual([
      ['x-1', 2, 'own'],
      ['x-2', 3, 'own'],
    ]);
  });

  it.each([
    ['malformed JSON', '{"id": "extra", "questions": [', /^Not a JSON file: /],
    ['a schema error', packText('extra', ['x-1']).replace('"technical"', '"trivia"'), /questions\.0\.category/],
    ['the bundled pack’s id', packText(BUNDLED_ID, ['x-1']), /"netflix-loop" is the pack that comes with the app/],
    [
      'a question id of another pack',
      packText('extra', ['x-1', 'loop-2']),
      /questions\.1\.id: "loop-2" already exists in pack "netflix-loop"/,
    ],
  ])('changes nothing for %s', async (_name, text, message) => {
    await importPackText(db, packText('earlier', ['e-1']));
    await db.attempts.put(attempt('t1', 'e-1'));
    const before = await snapshot(db);
    const result = await importPackText(db, text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
    expect(await snapshot(db)).toEqual(before);
  });

  it('replaces a pack imported again, without duplicates, keeping dropped questions that have attempts', async () => {
    await importPackText(db, packText('extra', ['a', 'b', 'c']));
    await db.attempts.put(attempt('t1', 'b'));
    const result = await importPackText(db, packText('extra', ['c', 'a', 'd'], 'Extra v2'));
    expect(result).toMatchObject({ ok: true, added: 1, replaced: 2, removed: [], kept: ['b'] });
    const ids = (await db.questions.where('packId').equals('extra').sortBy('order')).map((q) => q.id);
    expect(ids).toEqual(['b', 'c', 'a', 'd']);
    expect(await db.questions.count()).toBe(6);

    const third = await importPackText(db, packText('extra', ['d']));
    expect(third).toMatchObject({ ok: true, added: 0, replaced: 1, kept: ['b'] });
    expect(third.ok && [...third.removed].sort()).toEqual(['a', 'c']);
    expect((await db.questions.where('packId').equals('extra').toArray()).map((q) => q.id).sort()).toEqual(['b', 'd']);
    expect(await db.attempts.get('t1')).toBeDefined();
  });
});

describe('export', () => {
  it('round-trips the person’s own questions through a file into identical questions', async () => {
    for (const text of ['First?', 'Second?', 'Third?']) {
      const added = await addOwnQuestion(db, draft(text, { listenFor: 'Specifics\nOwnership' }));
      if (!added.ok) throw new Error(added.message);
    }
    const before = (await db.questions.where('packId').equals(OWN_PACK_ID).sortBy('order')).map((q) => Question.parse(q));
    const { pack, fileName } = await exportPackFile(db, OWN_PACK_ID);
    expect(fileName).toBe('my-questions-v1.json');
    expect(pack.title).toBe('My questions');

    const other = openDb(`test-${Math.random().toString(36).slice(2)}`);
    try {
      const result = await importPackText(other, JSON.stringify(pack));
      expect(result).toMatchObject({ ok: true, added: 3, replaced: 0 });
      const after = (await other.questions.where('packId').equals(OWN_PACK_ID).sortBy('order')).map((q) => Question.parse(q));
      expect(after).toEqual(before);
    } finally {
      await other.delete();
    }
  });

  it('re-importing an export into the same database replaces, without duplicates', async () => {
    await importPackText(db, packText('extra', ['a', 'b'], 'Extra'));
    const { pack } = await exportPackFile(db, 'extra');
    expect(pack.title).toBe('Extra');
    expect(await importPackText(db, JSON.stringify(pack))).toMatchObject({ ok: true, added: 0, replaced: 2 });
    expect(await db.questions.count()).toBe(4);
  });

  it('lists every pack, the bundled one included and first', async () => {
    await importPackText(db, packText('extra', ['a'], 'Extra'));
    await addOwnQuestion(db, draft('Mine?'));
    const packs = await exportablePacks(db, { [BUNDLED_ID]: { title: 'The loop', version: 2 } });
    expect(packs.map((p) => [p.packId, p.title, p.origin, p.questions.length])).toEqual([
      [BUNDLED_ID, 'The loop', 'bundled', 2],
      [OWN_PACK_ID, 'My questions', 'own', 1],
      ['extra', 'Extra', 'own', 1],
    ]);
    const { fileName } = await exportPackFile(db, BUNDLED_ID, { [BUNDLED_ID]: { title: 'The loop', version: 2 } });
    expect(fileName).toBe('netflix-loop-v2.json');
  });
});
