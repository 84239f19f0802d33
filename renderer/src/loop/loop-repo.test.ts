import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type LoopStep, type RehearseDb } from '../data/db';
import { answerStep, finishLoop, nextStep, startLoop, unfinishedLoop } from './loop-repo';

const STEPS: LoopStep[] = [
  { stage: 'recruiter-screen', label: 'Recruiter screen · question 1 of 1', questionId: 'a' },
  { stage: 'team-interview', label: 'Team interview 1 of 1', questionId: 'b' },
];

let db: RehearseDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('a mock loop in the database', () => {
  it('is answered step by step, a retake replacing the step take, and finishes after the last step', async () => {
    db = openDb(`loop-${Math.random()}`);
    const loop = await startLoop(db, STEPS, 1000);
    expect(await unfinishedLoop(db)).toMatchObject({ id: loop.id, current: 0 });

    await answerStep(db, loop.id, 'take-aaaaaa');
    await answerStep(db, loop.id, 'take-bbbbbb');
    await nextStep(db, loop.id, 2000);
    await answerStep(db, loop.id, 'take-cccccc');
    await nextStep(db, loop.id, 3000);

    const done = await db.loops.get(loop.id);
    expect(done?.steps.map((step) => step.takeId)).toEqual(['take-bbbbbb', 'take-cccccc']);
    expect(done).toMatchObject({ current: 2, finishedAt: 3000 });
    expect(await unfinishedLoop(db)).toBeUndefined();
  });

  it('can be ended early, keeping what was answered', async () => {
    db = openDb(`loop-${Math.random()}`);
    const loop = await startLoop(db, STEPS, 1000);
    await answerStep(db, loop.id, 'take-aaaaaa');
    await finishLoop(db, loop.id, 1500);
    expect(await db.loops.get(loop.id)).toMatchObject({
      current: 0,
      finishedAt: 1500,
      steps: [{ takeId: 'take-aaaaaa' }, { questionId: 'b' }],
    });
    expect(await unfinishedLoop(db)).toBeUndefined();
  });
});
