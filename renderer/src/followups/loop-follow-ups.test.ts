// A mock loop asks one follow-up after each team-interview answer: the plan chooses it, the loop records
// its take, and the summary lists it under the answer it followed.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import bundled from '../../../resources/questions/netflix-loop.json';
import { parseQuestionPack } from '../content/question-pack';
import { openDb, type Attempt, type MockLoop, type RehearseDb, type StoredQuestion } from '../data/db';
import { planLoop, seededRandom } from '../loop/loop-plan';
import { answerFollowUp, answerStep, startLoop } from '../loop/loop-repo';
import { summariseLoop } from '../loop/loop-summary';
import { followUpInTurn, followUpLink, loopFollowUp } from './follow-ups';

const parsed = parseQuestionPack(bundled);
if (!parsed.ok) throw new Error(parsed.message);
const questions: StoredQuestion[] = parsed.pack.questions.map((q, order) => ({ ...q, packId: 'netflix-loop', order, origin: 'bundled' }));
const byId = new Map(questions.map((q) => [q.id, q]));

describe('a loop plan', () => {
  it('gives every team interview, and only those, a follow-up of its own question', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = planLoop(questions, { teamInterviews: 5, technical: seed % 2 === 0, random: seededRandom(seed) });
      if (!plan.ok) throw new Error(plan.message);
      for (const step of plan.steps) {
        if (step.stage !== 'team-interview') {
          expect(step.followUp).toBeUndefined();
          continue;
        }
        const ids = byId.get(step.questionId)?.followUps?.map((f) => f.id);
        expect(ids).toContain(step.followUp?.followUpId);
      }
    }
  });

  it('varies the follow-up asked with the seed, and repeats it with the same seed', () => {
    const asked = (seed: number) => {
      const plan = planLoop(questions, { teamInterviews: 5, technical: true, random: seededRandom(seed) });
      return plan.ok ? plan.steps.map((s) => (s.followUp ? `${s.questionId}/${s.followUp.followUpId}` : '')) : [];
    };
    expect(asked(7)).toEqual(asked(7));
    const followUpIds = new Set(
      Array.from({ length: 20 }, (_, seed) => asked(seed))
        .flat()
        .filter(Boolean)
        .map((key) => key.split('/')[1]),
    );
    expect(followUpIds.size).toBeGreaterThan(5);
  });
});

describe('a loop in progress', () => {
  const question = byId.get('behavioural-recent-failure') as StoredQuestion;
  const step = {
    stage: 'team-interview' as const,
    label: 'Team interview 1 of 3',
    questionId: question.id,
    followUp: { followUpId: 'your-part' },
  };
  let db: RehearseDb | undefined;
  afterEach(async () => {
    db?.close();
    await db?.delete();
  });

  it('asks the follow-up only once the answer is recorded, linked to that answer', () => {
    expect(loopFollowUp(step, question)).toBeNull();
    expect(loopFollowUp({ ...step, takeId: 'take-answer1' }, question)).toEqual({
      parentTakeId: 'take-answer1',
      followUpId: 'your-part',
      text: "Which part of that failure was yours, not the team's or the circumstances'?",
      targetSec: 45,
    });
    expect(loopFollowUp({ ...step, stage: 'hiring-manager-screen', followUp: undefined, takeId: 'take-answer1' }, question)).toBeNull();
  });

  it('waits while the answer is recorded and saved, and stays while the follow-up itself is recorded', () => {
    const link = loopFollowUp({ ...step, takeId: 'take-answer1' }, question);
    const followUpId = `${question.id}/your-part`;
    expect(followUpInTurn(link, question.id, { phase: 'recording', lastQuestionId: question.id })).toBeNull();
    expect(followUpInTurn(link, question.id, { phase: 'saving', lastQuestionId: question.id })).toBeNull();
    expect(followUpInTurn(link, question.id, { phase: 'idle', lastQuestionId: question.id })).toBe(link);
    expect(followUpInTurn(link, question.id, { phase: 'recording', lastQuestionId: followUpId })).toBe(link);
    expect(followUpInTurn(null, question.id, { phase: 'idle', lastQuestionId: null })).toBeNull();
  });

  it('records the follow-up’s take on the step, the answer’s take staying as it was', async () => {
    db = openDb(`loop-follow-up-${Math.random()}`);
    const loop = await startLoop(db, [step]);
    await answerStep(db, loop.id, 'take-answer1');
    await answerFollowUp(db, loop.id, 'take-follow1');
    await answerFollowUp(db, loop.id, 'take-follow2');
    expect((await db.loops.get(loop.id))?.steps[0]).toEqual({
      ...step,
      takeId: 'take-answer1',
      followUp: { followUpId: 'your-part', takeId: 'take-follow2' },
    });
  });

  it('summarises the follow-up under its answer, against the follow-up’s shorter target, or as not answered', () => {
    const answer: Attempt = {
      id: 'take-answer1',
      questionId: question.id,
      startedAt: 1,
      durationMs: 80_000,
      fileName: 'take-answer1.wav',
      status: 'complete',
      droppedMs: 0,
      loopId: 'loop-1',
    };
    const link = followUpLink(question, 'your-part', answer.id);
    const followUp: Attempt = { ...answer, id: 'take-follow1', durationMs: 40_000, followUp: link ?? undefined };
    const loop = (followUpTakeId?: string): MockLoop => ({
      id: 'loop-1',
      startedAt: 0,
      current: 1,
      finishedAt: 2,
      steps: [{ ...step, takeId: answer.id, followUp: { followUpId: 'your-part', takeId: followUpTakeId } }],
    });
    const attempts = new Map([answer, followUp].map((a) => [a.id, a]));
    const done = summariseLoop(loop(followUp.id), attempts, byId);
    expect(done.rows.map((row) => [row.label, row.question?.text, row.attempt?.id, row.targetMs])).toEqual([
      ['Team interview 1 of 3', question.text, answer.id, question.targetSec * 1000],
      ['Team interview 1 of 3 · follow-up', link?.text, followUp.id, 45_000],
    ]);
    expect(done.totals).toMatchObject({ steps: 2, answered: 2, answerMs: 120_000 });
    const skipped = summariseLoop(loop(undefined), attempts, byId);
    expect(skipped.rows[1]?.attempt).toBeUndefined();
    expect(skipped.totals).toMatchObject({ steps: 2, answered: 1 });
  });
});
