import { describe, expect, it } from 'vitest';
import { at, goodTake, question, weakTake } from './plan-test-support';
import { intervalDays, questionState } from './schedule';

const q = question('q');
const other = question('other');

describe('when a question comes back (Leitner rule)', () => {
  it('is new until it has a usable take of its own', () => {
    expect(questionState(q, [], null)).toEqual({ kind: 'new' });
    expect(questionState(q, [goodTake(other, at(1)), { ...goodTake(q, at(1)), status: 'failed' as const }], null).kind).toBe('new');
  });

  it('doubles the interval with each good day: 2, 4, 8 days', () => {
    expect([0, 1, 2, 3].map(intervalDays)).toEqual([1, 2, 4, 8]);
    const one = questionState(q, [goodTake(q, at(1))], null);
    expect(one).toMatchObject({ kind: 'practised', streak: 1, lastDay: '2026-12-01', dueDay: '2026-12-03' });
    const two = questionState(q, [goodTake(q, at(1)), goodTake(q, at(3))], null);
    expect(two).toMatchObject({ streak: 2, lastDay: '2026-12-03', dueDay: '2026-12-07' });
    const three = questionState(q, [goodTake(q, at(1)), goodTake(q, at(3)), goodTake(q, at(7))], null);
    expect(three).toMatchObject({ streak: 3, dueDay: '2026-12-15' });
  });

  it('resets to tomorrow after a weak day', () => {
    const state = questionState(q, [goodTake(q, at(1)), goodTake(q, at(3)), weakTake(q, at(7))], null);
    expect(state).toMatchObject({ streak: 0, lastDay: '2026-12-07', dueDay: '2026-12-08' });
  });

  it('judges a day by its last take, whatever order the takes come in', () => {
    const weakThenGood = questionState(q, [goodTake(q, at(1, 18)), weakTake(q, at(1, 9))], null);
    expect(weakThenGood).toMatchObject({ streak: 1, dueDay: '2026-12-03' });
    const goodThenWeak = questionState(q, [goodTake(q, at(1, 9)), weakTake(q, at(1, 18))], null);
    expect(goodThenWeak).toMatchObject({ streak: 0, dueDay: '2026-12-02' });
  });

  it('brings every question back by the last practice day', () => {
    const capped = questionState(q, [goodTake(q, at(1)), goodTake(q, at(3))], '2026-12-05');
    expect(capped).toMatchObject({ dueDay: '2026-12-05' });
    // Practised on the last practice day itself: nothing is left to bring it back to.
    expect(questionState(q, [goodTake(q, at(5))], '2026-12-05')).toMatchObject({ dueDay: '2026-12-07' });
  });
});
