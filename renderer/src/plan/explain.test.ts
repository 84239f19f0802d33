import { describe, expect, it } from 'vitest';
import { planDay } from './day-plan';
import { agoText, formatDay, inDaysText, itemReason } from './explain';
import { at, goodTake, question, take } from './plan-test-support';

const questions = [question('a'), question('b'), question('c')];

describe('the plan in words', () => {
  it('says why each question is on the list', () => {
    const attempts = [take(questions[0]!, at(1), { durationMs: 20_000 }), goodTake(questions[1]!, at(1))];
    const plan = planDay({ settings: { interviewDay: '2026-12-20', stages: [] }, now: at(4), questions, attempts });
    if (plan.kind !== 'practice') throw new Error(plan.kind);
    expect(Object.fromEntries(plan.items.map((item) => [item.question.id, itemReason(item, plan.today)]))).toEqual({
      c: 'Never answered',
      a: 'Last take, 3 days ago: too short (0:20 for a 1:40 target) · no checklist item ticked (of 3)',
      b: 'Last take was good, 3 days ago: due again',
    });
  });

  it('reads days the way people say them', () => {
    expect([0, 1, 5].map(agoText)).toEqual(['today', 'yesterday', '5 days ago']);
    expect([0, 1, 5].map(inDaysText)).toEqual(['today', 'tomorrow', 'in 5 days']);
    expect(formatDay('2026-12-04', 'en-GB')).toMatch(/^Friday,? 4 December 2026$/);
  });
});
