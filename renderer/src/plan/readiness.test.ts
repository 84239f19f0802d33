import { describe, expect, it } from 'vitest';
import { at, goodTake, question, weakTake } from './plan-test-support';
import { readinessByCategory } from './readiness';

const bank = [
  question('b1', 'team-interview', 'behavioural'),
  question('b2', 'team-interview', 'behavioural'),
  question('b3', 'hiring-manager-screen', 'behavioural'),
  question('t1', 'team-interview', 'technical'),
  question('c1', 'recruiter-screen', 'compensation'),
];
const q = (id: string) => bank.find((question) => question.id === id)!;

describe('readiness per category', () => {
  it('counts questions whose latest take was good as ready, and any answered one as answered', () => {
    const attempts = [
      goodTake(q('b1'), at(1)),
      goodTake(q('b2'), at(1)),
      weakTake(q('b2'), at(2)), // the latest take decides: not ready any more
      weakTake(q('b3'), at(1)),
      goodTake(q('b3'), at(2)),
    ];
    expect(readinessByCategory(bank, attempts, [])).toEqual([
      { category: 'behavioural', questions: 3, answered: 3, ready: 2, share: 2 / 3 },
      { category: 'technical', questions: 1, answered: 0, ready: 0, share: 0 },
      { category: 'compensation', questions: 1, answered: 0, ready: 0, share: 0 },
    ]);
  });

  it('counts only the chosen stages, and leaves out categories without a question there', () => {
    const rows = readinessByCategory(bank, [goodTake(q('b1'), at(1)), goodTake(q('b3'), at(1))], ['team-interview']);
    expect(rows).toEqual([
      { category: 'behavioural', questions: 2, answered: 1, ready: 1, share: 0.5 },
      { category: 'technical', questions: 1, answered: 0, ready: 0, share: 0 },
    ]);
  });
});
