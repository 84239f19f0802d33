import { describe, expect, it } from 'vitest';
import { gradeProblems } from './explain';
import { at, goodTake, metrics, probedItems, question, take } from './plan-test-support';
import { gradeTake, isUsableTake } from './take-grade';

const q = question('q', 'team-interview', 'behavioural', 100);
const items = probedItems(q).length;

describe('grading a take', () => {
  it('calls a take on target, with the probed items ticked and few fillers, good', () => {
    const grade = gradeTake(goodTake(q, at(1)), q);
    expect(grade.good).toBe(true);
    expect(grade.weakness).toBeLessThan(0.1);
    expect(gradeProblems(grade)).toEqual([]);
  });

  it('calls a take far from its target length weak, whichever side, and says which', () => {
    const short = gradeTake(take(q, at(1), { durationMs: 30_000, ticked: items }), q);
    const long = gradeTake(take(q, at(1), { durationMs: 160_000, ticked: items }), q);
    expect(short.good).toBe(false);
    expect(long.good).toBe(false);
    expect(gradeProblems(short)).toEqual(['too short (0:30 for a 1:40 target)']);
    expect(gradeProblems(long)).toEqual(['too long (2:40 for a 1:40 target)']);
    // Within a quarter of the target either way is fine.
    expect(gradeTake(take(q, at(1), { durationMs: 76_000, ticked: items }), q).good).toBe(true);
    expect(gradeTake(take(q, at(1), { durationMs: 124_000, ticked: items }), q).good).toBe(true);
  });

  it('needs at least half the probed checklist items ticked; none saved counts as none ticked', () => {
    const none = gradeTake(take(q, at(1)), q);
    expect(none.good).toBe(false);
    expect(none.checklist).toEqual({ ticked: 0, total: items, pass: false });
    expect(gradeProblems(none)).toEqual([`no checklist item ticked (of ${items})`]);
    const half = gradeTake(take(q, at(1), { ticked: Math.ceil(items / 2) }), q);
    expect(half.good).toBe(true);
    const less = gradeTake(take(q, at(1), { ticked: Math.ceil(items / 2) - 1 }), q);
    expect(less.good).toBe(false);
  });

  it('judges fillers only once there is a transcript', () => {
    const untranscribed = gradeTake(take(q, at(1), { ticked: items }), q);
    expect(untranscribed.fillers).toBeNull();
    expect(untranscribed.good).toBe(true);
    const many = gradeTake(take(q, at(1), { ticked: items, extra: { metrics: metrics(4.5) } }), q);
    expect(many.good).toBe(false);
    expect(gradeProblems(many)).toEqual(['4.5 fillers a minute']);
    expect(gradeTake(take(q, at(1), { ticked: items, extra: { metrics: metrics(3) } }), q).good).toBe(true);
  });

  it('ranks weaker takes higher: more checks failed, and further off', () => {
    const slightlyShort = gradeTake(take(q, at(1), { durationMs: 70_000, ticked: items }), q);
    const muchShort = gradeTake(take(q, at(1), { durationMs: 10_000, ticked: items }), q);
    const muchShortNothingTicked = gradeTake(take(q, at(1), { durationMs: 10_000 }), q);
    expect(slightlyShort.weakness).toBeLessThan(muchShort.weakness);
    expect(muchShort.weakness).toBeLessThan(muchShortNothingTicked.weakness);
    expect(muchShortNothingTicked.weakness).toBeLessThanOrEqual(1);
  });

  it('counts only finished takes with audio that were not deleted', () => {
    expect(isUsableTake(take(q, at(1)))).toBe(true);
    expect(isUsableTake(take(q, at(1), { extra: { status: 'recovered' } }))).toBe(true);
    expect(isUsableTake(take(q, at(1), { extra: { status: 'failed' } }))).toBe(false);
    expect(isUsableTake(take(q, at(1), { extra: { status: 'recording' } }))).toBe(false);
    expect(isUsableTake(take(q, at(1), { extra: { deletedAt: at(2) } }))).toBe(false);
    expect(isUsableTake(take(q, at(1), { durationMs: 0 }))).toBe(false);
    const followUp = { parentTakeId: 'take-parent', followUpId: 'cost', text: 'What did it cost?', targetSec: 30 };
    expect(isUsableTake(take(q, at(1), { extra: { followUp } }))).toBe(false);
  });
});
