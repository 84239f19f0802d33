// Follow-up questions: the bundled pack asks 2-4 distinct, question-specific follow-ups for every
// question; packs carry them through export and import; a follow-up take is linked, reviewed against
// the follow-up's own target, comparable only with takes of the same follow-up, listed under its take in
// History, and survives a backup.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import bundled from '../../../resources/questions/netflix-loop.json';
import { BackupRecords } from '../../../electron/shared/backup-records';
import { exportPack, packFileText, planImport } from '../content/pack-io';
import { FOLLOW_UP_TARGET_RANGE, MAX_FOLLOW_UPS, MIN_FOLLOW_UPS, parseQuestionPack, type QuestionPack } from '../content/question-pack';
import { collectRecords, mergeRecords } from '../data/backup-records';
import { openDb, type Attempt, type RehearseDb, type StoredQuestion } from '../data/db';
import { historyRows, NO_FILTER } from '../history/history-list';
import {
  followUpLink,
  followUpQuestion,
  followUpTargetSec,
  nextFollowUp,
  pickFollowUp,
  promptKey,
  questionForTake,
  sameQuestion,
} from './follow-ups';

function bundledPack(): QuestionPack {
  const parsed = parseQuestionPack(bundled);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.pack;
}

const question: StoredQuestion = {
  id: 'starter-wrong-decision',
  text: 'Tell me about a decision you made that turned out to be wrong.',
  category: 'behavioural',
  stage: 'hiring-manager-screen',
  principles: ['intellectual-honesty', 'candour'],
  targetSec: 105,
  exampleAnswer: 'An answer.',
  listenFor: ['Names the mistake'],
  followUps: [
    { id: 'do-differently', text: 'What would you do differently?' },
    { id: 'cost', text: 'What did it cost, in numbers?', targetSec: 30 },
    { id: 'who-disagreed', text: 'Who disagreed with you?' },
  ],
  packId: 'netflix-loop',
  order: 0,
  origin: 'bundled',
};

const take = (id: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  questionId: question.id,
  startedAt,
  durationMs: 1000,
  fileName: `${id}.wav`,
  status: 'complete',
  droppedMs: 0,
  ...extra,
});
const followUpTake = (id: string, startedAt: number, parentTakeId: string, followUpId = 'cost'): Attempt =>
  take(id, startedAt, { followUp: followUpLink(question, followUpId, parentTakeId) ?? undefined });

describe('the bundled pack’s follow-ups', () => {
  const pack = bundledPack();

  it('gives every question 2-4 follow-ups with distinct ids and texts, none repeating the question', () => {
    for (const q of pack.questions) {
      const followUps = q.followUps ?? [];
      expect(followUps.length, q.id).toBeGreaterThanOrEqual(MIN_FOLLOW_UPS);
      expect(followUps.length, q.id).toBeLessThanOrEqual(MAX_FOLLOW_UPS);
      expect(new Set(followUps.map((f) => f.id)).size, q.id).toBe(followUps.length);
      expect(new Set(followUps.map((f) => f.text.toLowerCase())).size, q.id).toBe(followUps.length);
      for (const f of followUps) expect(f.text.toLowerCase(), `${q.id}/${f.id}`).not.toBe(q.text.toLowerCase());
    }
  });

  it('asks follow-ups specific to their question: no follow-up text is used by two questions', () => {
    const owners = new Map<string, string>();
    for (const q of pack.questions) {
      for (const f of q.followUps ?? []) {
        const text = f.text.toLowerCase();
        expect(owners.get(text), `"${f.text}" in ${q.id}`).toBeUndefined();
        owners.set(text, q.id);
      }
    }
  });

  it('round-trips the follow-ups through export and import', () => {
    const stored: StoredQuestion[] = pack.questions.map((q, order) => ({ ...q, packId: 'copy', order, origin: 'own' }));
    const file = exportPack(stored, 'copy', 'Copy');
    const plan = planImport(packFileText(file), []);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.questions.map((q) => [q.id, q.followUps])).toEqual(pack.questions.map((q) => [q.id, q.followUps]));
  });
});

describe('the pack schema refuses', () => {
  const withFollowUps = (followUps: unknown) => ({
    id: 'p',
    title: 'P',
    version: 1,
    questions: [{ ...question, packId: undefined, order: undefined, origin: undefined, followUps }],
  });

  it('fewer than 2 or more than 4 follow-ups, naming the field', () => {
    const one = parseQuestionPack(withFollowUps([{ id: 'a', text: 'Why?' }]));
    expect(one).toMatchObject({ ok: false, message: expect.stringContaining('questions.0.followUps') });
    const five = parseQuestionPack(withFollowUps(['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, text: `${id}?` }))));
    expect(five.ok).toBe(false);
  });

  it('a follow-up id or text used twice in a question', () => {
    expect(
      parseQuestionPack(
        withFollowUps([
          { id: 'a', text: 'Why?' },
          { id: 'a', text: 'How?' },
        ]),
      ),
    ).toEqual({ ok: false, message: 'questions.0.followUps.1.id: used twice in this question' });
    expect(
      parseQuestionPack(
        withFollowUps([
          { id: 'a', text: 'Why?' },
          { id: 'b', text: 'why?' },
        ]),
      ),
    ).toEqual({ ok: false, message: 'questions.0.followUps.1.text: used twice in this question' });
  });

  it('a follow-up target outside 30-60 s', () => {
    const long = parseQuestionPack(
      withFollowUps([
        { id: 'a', text: 'Why?', targetSec: FOLLOW_UP_TARGET_RANGE.max + 1 },
        { id: 'b', text: 'How?' },
      ]),
    );
    expect(long).toMatchObject({ ok: false, message: expect.stringContaining('questions.0.followUps.0.targetSec') });
  });
});

describe('a follow-up take', () => {
  it('is linked to its take with a copy of the follow-up and a shorter target (its own, or the category’s)', () => {
    expect(followUpLink(question, 'cost', 'take-parent1')).toEqual({
      parentTakeId: 'take-parent1',
      followUpId: 'cost',
      text: 'What did it cost, in numbers?',
      targetSec: 30,
    });
    expect(followUpLink(question, 'do-differently', 'take-parent1')?.targetSec).toBe(45);
    expect(followUpTargetSec({ category: 'technical' }, { id: 'x', text: 'x?' })).toBe(60);
    expect(followUpLink(question, 'not-there', 'take-parent1')).toBeNull();
  });

  it('is reviewed as the follow-up: its text and target, the question’s principles, no example answer', () => {
    const reviewed = questionForTake(followUpTake('take-fu0001', 2, 'take-parent1'), question);
    expect(reviewed).toMatchObject({ text: 'What did it cost, in numbers?', targetSec: 30, principles: question.principles });
    expect(reviewed?.exampleAnswer).toBeUndefined();
    expect(reviewed?.listenFor).toBeUndefined();
    expect(reviewed?.id).not.toBe(question.id);
    expect(questionForTake(take('take-parent1', 1), question)).toBe(question);
  });

  it('compares with takes of the same follow-up only, whichever take it followed', () => {
    const a = followUpTake('take-fu0001', 2, 'take-parent1');
    const b = followUpTake('take-fu0002', 4, 'take-parent2');
    const other = followUpTake('take-fu0003', 5, 'take-parent2', 'who-disagreed');
    expect(sameQuestion(a, b)).toBe(true);
    expect(sameQuestion(a, other)).toBe(false);
    expect(sameQuestion(a, take('take-parent1', 1))).toBe(false);
    expect(promptKey(a)).toBe('starter-wrong-decision/cost');
    expect(promptKey(a)).toBe(followUpQuestion(question, a.followUp!).id);
  });
});

describe('choosing a follow-up', () => {
  it('asks the next one this take has not answered, then starts again', () => {
    expect(nextFollowUp(question)?.id).toBe('do-differently');
    expect(nextFollowUp(question, ['do-differently'])?.id).toBe('cost');
    expect(nextFollowUp(question, ['do-differently', 'cost', 'who-disagreed'])?.id).toBe('do-differently');
    expect(nextFollowUp({})).toBeNull();
  });

  it('picks any of them with the random source, and none for a question without', () => {
    expect(pickFollowUp(question, () => 0)?.id).toBe('do-differently');
    expect(pickFollowUp(question, () => 0.5)?.id).toBe('cost');
    expect(pickFollowUp(question, () => 0.9999)?.id).toBe('who-disagreed');
    expect(pickFollowUp({ followUps: undefined }, () => 0.5)).toBeNull();
  });
});

describe('History', () => {
  const rows = (attempts: Attempt[], hits: ReadonlySet<string> | null = null) =>
    historyRows(attempts, new Map([[question.id, question]]), { ...NO_FILTER, hits }).map((row) =>
      row.kind === 'group' ? `# ${row.count}` : `${row.underParent === undefined ? '' : row.underParent ? '  ↳ ' : '? '}${row.attempt.id}`,
    );

  it('lists follow-ups under the take they follow, oldest first, and counts them as takes', () => {
    const attempts = [
      take('take-parent1', 100),
      take('take-parent2', 300),
      followUpTake('take-fu0001', 200, 'take-parent1'),
      followUpTake('take-fu0002', 250, 'take-parent1', 'who-disagreed'),
      followUpTake('take-fu0003', 400, 'take-parent2'),
    ];
    expect(rows(attempts)).toEqual(['# 5', 'take-parent2', '  ↳ take-fu0003', 'take-parent1', '  ↳ take-fu0001', '  ↳ take-fu0002']);
  });

  it('still lists a follow-up whose take is filtered out or deleted, after the answers', () => {
    const attempts = [
      take('take-parent1', 100, { deletedAt: 5 }),
      take('take-parent2', 300),
      followUpTake('take-fu0001', 200, 'take-parent1'),
    ];
    expect(rows(attempts)).toEqual(['# 2', 'take-parent2', '? take-fu0001']);
    expect(rows(attempts, new Set(['take-fu0001']))).toEqual(['# 1', '? take-fu0001']);
  });
});

describe('storage', () => {
  const opened: RehearseDb[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  const fresh = () => {
    const db = openDb(`follow-ups-${Math.random()}`);
    opened.push(db);
    return db;
  };

  it('upgrades a version 4 database keeping its takes, and finds a take’s follow-ups by its id', async () => {
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
    await v4.table('attempts').put(take('take-parent1', 1));
    v4.close();
    const db = openDb(name);
    opened.push(db);
    expect(await db.attempts.get('take-parent1')).toEqual(take('take-parent1', 1));
    await db.attempts.bulkPut([followUpTake('take-fu0001', 2, 'take-parent1'), take('take-parent2', 3)]);
    expect((await db.attempts.where('followUp.parentTakeId').equals('take-parent1').toArray()).map((a) => a.id)).toEqual(['take-fu0001']);
  });

  it('keeps the follow-up link (and a loop step’s follow-up) through a backup and a restore', async () => {
    const from = fresh();
    await from.questions.put(question);
    const parent = take('take-parent1', 1);
    const child = followUpTake('take-fu0001', 2, 'take-parent1');
    await from.attempts.bulkPut([parent, child]);
    const step = {
      stage: 'team-interview' as const,
      label: 'Team interview 1 of 3',
      questionId: question.id,
      takeId: parent.id,
      followUp: { followUpId: 'cost', takeId: child.id },
    };
    await from.loops.put({ id: 'loop-1', startedAt: 1, steps: [step], current: 1, finishedAt: 3 });
    // Through JSON and main's schema, as a backup file travels.
    const parsed = BackupRecords.safeParse(JSON.parse(JSON.stringify(await collectRecords(from))));
    if (!parsed.success) throw new Error(parsed.error.message);
    const to = fresh();
    await mergeRecords(to, parsed.data);
    expect(await to.attempts.get(child.id)).toMatchObject({ followUp: child.followUp });
    expect((await to.loops.get('loop-1'))?.steps[0]?.followUp).toEqual(step.followUp);
  });
});
