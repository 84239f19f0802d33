import { describe, expect, it } from 'vitest';
import type { QuestionPack } from '../content/question-pack';
import type { StoredQuestion } from './db';
import { planSeed } from './seed-questions';

const base = { category: 'behavioural' as const, stage: 'team-interview' as const, principles: ['candour' as const], targetSec: 90 };
const PACK: QuestionPack = {
  id: 'netflix-loop',
  title: 'Netflix loop',
  version: 2,
  questions: [
    { ...base, id: 'kept', text: 'Kept, reworded' },
    { ...base, id: 'new-one', text: 'New' },
  ],
};

function stored(id: string, origin: StoredQuestion['origin'], packId = 'netflix-loop'): StoredQuestion {
  return { ...base, id, text: id, packId, order: 0, origin };
}

describe('seeding the bundled pack', () => {
  it('writes every bundled question in pack order, updating old copies', () => {
    const plan = planSeed(PACK, [stored('kept', 'bundled')], new Set());
    expect(plan.put.map((q) => [q.id, q.text, q.order, q.origin, q.packId])).toEqual([
      ['kept', 'Kept, reworded', 0, 'bundled', 'netflix-loop'],
      ['new-one', 'New', 1, 'bundled', 'netflix-loop'],
    ]);
  });

  it('removes bundled questions the pack dropped, except those a take answers, and never the person’s own', () => {
    const existing = [
      stored('dropped', 'bundled', 'starter'),
      stored('answered', 'bundled', 'starter'),
      stored('mine', 'own', 'my-questions'),
    ];
    expect(planSeed(PACK, existing, new Set(['answered'])).remove).toEqual(['dropped']);
  });
});
