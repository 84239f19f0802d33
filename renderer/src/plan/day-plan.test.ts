import { describe, expect, it } from 'vitest';
import type { Attempt, MockLoop } from '../data/db';
import { MAX_DAILY, MIN_DAILY, mixByGroup, planDay, type DayPlan, type DayPlanInput } from './day-plan';
import { at, goodTake, question, take, weakTake } from './plan-test-support';
import type { PlanQuestion } from './take-grade';

// A bank like the bundled one in shape: every stage, several categories, 2 questions per group.
const bank: PlanQuestion[] = [
  question('rs-comp-1', 'recruiter-screen', 'compensation'),
  question('rs-comp-2', 'recruiter-screen', 'compensation'),
  question('rs-cult-1', 'recruiter-screen', 'culture'),
  question('rs-cult-2', 'recruiter-screen', 'culture'),
  question('hm-beh-1', 'hiring-manager-screen', 'behavioural'),
  question('hm-beh-2', 'hiring-manager-screen', 'behavioural'),
  question('hm-cult-1', 'hiring-manager-screen', 'culture'),
  question('hm-cult-2', 'hiring-manager-screen', 'culture'),
  question('ti-beh-1', 'team-interview', 'behavioural'),
  question('ti-beh-2', 'team-interview', 'behavioural'),
  question('ti-tech-1', 'team-interview', 'technical'),
  question('ti-tech-2', 'team-interview', 'technical'),
];
const byId = (id: string) => bank.find((q) => q.id === id) as PlanQuestion;

function plan(day: number, attempts: Attempt[] = [], extra: Partial<DayPlanInput> = {}): DayPlan {
  return planDay({ settings: { interviewDay: '2026-12-10', stages: [] }, now: at(day), questions: bank, attempts, ...extra });
}

function practice(p: DayPlan) {
  if (p.kind !== 'practice') throw new Error(`expected a practice day, got ${p.kind}`);
  return p;
}

const ids = (p: DayPlan) => practice(p).items.map((item) => item.question.id);

describe('the days up to the interview', () => {
  it('is a practice day up to two days before, a mock loop the day before, then the interview, then past', () => {
    expect(plan(8).kind).toBe('practice');
    expect(plan(9)).toEqual({ kind: 'mock-loop', today: '2026-12-09', interviewDay: '2026-12-10', done: false });
    expect(plan(10).kind).toBe('interview-day');
    expect(plan(11).kind).toBe('past');
  });

  it('marks the mock-loop day done once a whole loop finished that day, not one from before or ended early', () => {
    const step = (takeId?: string) => ({
      stage: 'team-interview' as const,
      label: 'Team interview 1 of 3',
      questionId: 'q',
      ...(takeId ? { takeId } : {}),
    });
    const loop = (finishedAt: number | undefined, steps = [step('t1'), step('t2')]): MockLoop => ({
      id: 'l',
      startedAt: at(1),
      steps,
      current: steps.length,
      ...(finishedAt ? { finishedAt } : {}),
    });
    expect(plan(9, [], { loops: [loop(at(8))] })).toMatchObject({ kind: 'mock-loop', done: false });
    expect(plan(9, [], { loops: [loop(undefined)] })).toMatchObject({ kind: 'mock-loop', done: false });
    expect(plan(9, [], { loops: [loop(at(9, 11), [step('t1'), step()])] })).toMatchObject({ kind: 'mock-loop', done: false });
    expect(plan(9, [], { loops: [loop(at(9, 11))] })).toMatchObject({ kind: 'mock-loop', done: true });
  });

  it('counts the practice days left, today included, and names the last one and the mock-loop day', () => {
    expect(practice(plan(1))).toMatchObject({
      daysToInterview: 9,
      practiceDaysLeft: 8,
      lastPracticeDay: '2026-12-08',
      mockLoopDay: '2026-12-09',
    });
    expect(practice(plan(8))).toMatchObject({ daysToInterview: 2, practiceDaysLeft: 1 });
  });
});

describe("today's questions", () => {
  it('puts never-answered questions first, mixing stages and categories', () => {
    const first = practice(plan(5));
    // 12 new questions over 4 practice days: 3 a day, each from a different stage × category group.
    expect(first.dailySize).toBe(3);
    expect(ids(first)).toEqual(['rs-comp-1', 'rs-cult-1', 'hm-beh-1']);
    const mixed = mixByGroup(bank).map((q) => q.id);
    expect(mixed.slice(0, 6)).toEqual(['rs-comp-1', 'rs-cult-1', 'hm-beh-1', 'hm-cult-1', 'ti-beh-1', 'ti-tech-1']);
    expect(new Set(mixed)).toEqual(new Set(bank.map((q) => q.id)));
  });

  it('then the weakest last takes, then good ones that are due, longest overdue first', () => {
    const all = bank.filter((q) => q.id !== 'ti-tech-2');
    const attempts = [
      ...all.map((q) => goodTake(q, at(1))), // due on day 3
      take(byId('hm-beh-1'), at(2), { durationMs: 70_000, ticked: 3 }), // weak: a little short
      weakTake(byId('ti-beh-1'), at(2)), // weak: far too short, nothing ticked
      goodTake(byId('rs-comp-1'), at(2)), // good again: due 4 days later, on the last practice day
    ];
    // Interview on day 7: days 4 and 5 are left to practise, 6 a day.
    const p = practice(plan(4, attempts, { settings: { interviewDay: '2026-12-07', stages: [] } }));
    expect(p.dailySize).toBe(6);
    expect(ids(p).slice(0, 3)).toEqual(['ti-tech-2', 'ti-beh-1', 'hm-beh-1']);
    expect(p.items.map((item) => item.reason).slice(0, 4)).toEqual(['new', 'weak', 'weak', 'due']);
    expect(ids(p)).not.toContain('rs-comp-1');
  });

  it('keeps today’s list while the person works through it, and marks what is done', () => {
    const before = practice(plan(5));
    const practisedToday = [weakTake(byId('rs-comp-1'), at(5, 11)), { ...goodTake(byId('rs-cult-1'), at(5, 12)), deletedAt: at(5, 13) }];
    const after = practice(plan(5, practisedToday));
    expect(ids(after)).toEqual(ids(before));
    expect(after.items.map((item) => item.done)).toEqual([true, false, false]);
  });

  it('moves the next day: yesterday’s good answer is spaced out, yesterday’s weak one comes back after the new ones', () => {
    const day5 = [goodTake(byId('rs-comp-1'), at(5, 11)), weakTake(byId('rs-cult-1'), at(5, 12)), goodTake(byId('hm-beh-1'), at(5, 13))];
    const next = practice(plan(6, day5));
    expect(ids(next)).not.toContain('rs-comp-1');
    expect(ids(next)).not.toContain('hm-beh-1');
    expect(ids(next)[0]).toBe('rs-comp-2');
    // The weak one is due, after the 9 new ones: on the last practice day it is on the list.
    const last = practice(plan(8, day5));
    expect(last.items.find((item) => item.question.id === 'rs-cult-1')?.reason).toBe('weak');
  });

  it('adapts when a day is skipped: more a day, and what was due is still there', () => {
    const history = [
      weakTake(byId('rs-comp-1'), at(2)),
      ...bank.filter((q) => !q.id.startsWith('rs-comp')).map((q) => goodTake(q, at(2))), // due on day 4
    ];
    const onTime = practice(plan(3, history));
    const skipped = practice(plan(7, history));
    expect(skipped.practiceDaysLeft).toBe(onTime.practiceDaysLeft - 4);
    expect(skipped.dailySize).toBeGreaterThan(onTime.dailySize);
    expect(skipped.pending).toBe(onTime.pending);
    expect(ids(onTime)).toEqual(['rs-comp-2', 'rs-comp-1']);
    expect(ids(skipped).slice(0, 2)).toEqual(['rs-comp-2', 'rs-comp-1']);
    expect(skipped.items.slice(2).map((item) => item.reason)).toEqual(Array(skipped.dailySize - 2).fill('due'));
  });

  it('sizes the day to fit the days left, within 3 to 10', () => {
    expect(practice(plan(1)).dailySize).toBe(MIN_DAILY); // 12 questions over 8 days
    expect(practice(plan(7)).dailySize).toBe(6); // over 2 days
    expect(practice(plan(8)).dailySize).toBe(MAX_DAILY); // 12 on the last practice day: capped
    expect(ids(plan(8))).toHaveLength(MAX_DAILY);
  });

  it('practises only the chosen stages', () => {
    const p = practice(plan(7, [], { settings: { interviewDay: '2026-12-10', stages: ['recruiter-screen'] } }));
    expect(ids(p)).toEqual(['rs-comp-1', 'rs-cult-1', 'rs-comp-2']);
    expect(p.items.every((item) => item.question.stage === 'recruiter-screen')).toBe(true);
    expect(p.pending).toBe(4);
  });

  it('has nothing due when everything went well recently', () => {
    const attempts = bank.map((q) => goodTake(q, at(4)));
    expect(ids(plan(5, attempts))).toEqual([]);
  });
});
