import { describe, expect, it } from 'vitest';
import type { Category, Question, Stage } from '../content/question-pack';
import { planLoop, seededRandom } from './loop-plan';

function q(id: string, stage: Stage, category: Category): Question {
  return { id, text: `Question ${id}`, stage, category, principles: ['candour'], targetSec: 90 };
}

const BANK: Question[] = [
  q('r-comp-1', 'recruiter-screen', 'compensation'),
  q('r-comp-2', 'recruiter-screen', 'compensation'),
  q('r-comp-3', 'recruiter-screen', 'compensation'),
  q('r-culture', 'recruiter-screen', 'culture'),
  q('hm-beh-1', 'hiring-manager-screen', 'behavioural'),
  q('hm-beh-2', 'hiring-manager-screen', 'behavioural'),
  q('hm-culture', 'hiring-manager-screen', 'culture'),
  q('t-tech-1', 'team-interview', 'technical'),
  q('t-tech-2', 'team-interview', 'technical'),
  q('t-tech-3', 'team-interview', 'technical'),
  q('t-beh-1', 'team-interview', 'behavioural'),
  q('t-beh-2', 'team-interview', 'behavioural'),
  q('t-beh-3', 'team-interview', 'behavioural'),
];

function byId(id: string): Question {
  const found = BANK.find((question) => question.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

describe('planLoop', () => {
  it('runs recruiter screen, hiring-manager screen, then the team interviews, in that order', () => {
    const plan = planLoop(BANK, { teamInterviews: 4, technical: true, random: seededRandom(1) });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.steps.map((step) => step.stage)).toEqual([
      'recruiter-screen',
      'recruiter-screen',
      'hiring-manager-screen',
      'hiring-manager-screen',
      'team-interview',
      'team-interview',
      'team-interview',
      'team-interview',
    ]);
    expect(plan.steps.map((step) => step.label)).toEqual([
      'Recruiter screen · question 1 of 2',
      'Recruiter screen · question 2 of 2',
      'Hiring-manager screen · question 1 of 2',
      'Hiring-manager screen · question 2 of 2',
      'Team interview 1 of 4',
      'Team interview 2 of 4',
      'Team interview 3 of 4',
      'Team interview 4 of 4',
    ]);
    for (const step of plan.steps) expect(byId(step.questionId).stage).toBe(step.stage);
  });

  it('never asks a question twice and mixes categories within a screen', () => {
    for (let seed = 0; seed < 50; seed++) {
      const plan = planLoop(BANK, { teamInterviews: 5, technical: true, random: seededRandom(seed) });
      if (!plan.ok) throw new Error(plan.message);
      const ids = plan.steps.map((step) => step.questionId);
      expect(new Set(ids).size).toBe(ids.length);
      const recruiterCategories = plan.steps.filter((s) => s.stage === 'recruiter-screen').map((s) => byId(s.questionId).category);
      expect(new Set(recruiterCategories).size).toBe(2);
    }
  });

  it('alternates technical and behavioural team interviews for engineering roles, and has no technical ones otherwise', () => {
    const engineering = planLoop(BANK, { teamInterviews: 5, technical: true, random: seededRandom(7) });
    if (!engineering.ok) throw new Error(engineering.message);
    const teamCategories = engineering.steps.filter((s) => s.stage === 'team-interview').map((s) => byId(s.questionId).category);
    expect(teamCategories).toEqual(['technical', 'behavioural', 'technical', 'behavioural', 'technical']);

    const other = planLoop(BANK, { teamInterviews: 3, technical: false, random: seededRandom(7) });
    if (!other.ok) throw new Error(other.message);
    expect(other.steps.some((s) => byId(s.questionId).category === 'technical')).toBe(false);
  });

  it('is reproducible from a seed and varies between seeds', () => {
    const plan = (seed: number) => planLoop(BANK, { teamInterviews: 3, technical: true, random: seededRandom(seed) });
    expect(plan(42)).toEqual(plan(42));
    const distinct = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(plan(seed))));
    expect(distinct.size).toBeGreaterThan(5);
  });

  it('refuses a loop outside 3-5 team interviews', () => {
    expect(planLoop(BANK, { teamInterviews: 2, technical: true, random: seededRandom(1) })).toEqual({
      ok: false,
      message: 'A loop has 3 to 5 team interviews, not 2.',
    });
    expect(planLoop(BANK, { teamInterviews: 6, technical: true, random: seededRandom(1) }).ok).toBe(false);
  });

  it('says which stage lacks questions when the bank is too small', () => {
    const plan = planLoop(
      BANK.filter((question) => question.stage !== 'team-interview' || question.id === 't-beh-1'),
      { teamInterviews: 3, technical: false, random: seededRandom(1) },
    );
    expect(plan).toEqual({ ok: false, message: 'The question bank needs at least 3 questions for the team interview to plan a loop.' });
  });
});
