// Ticking items, attaching and removing evidence, and the score over a question's items.
import { describe, expect, it } from 'vitest';
import type { TakeChecklist } from '../data/db';
import { attachEvidence, checklistScore, detachEvidence, evidenceFor, evidenceFrom, isTicked, toggleItem } from './checklist-state';
import type { Sentence } from './sentences';

const sentence: Sentence = { index: 2, text: 'It was my mistake.', startMs: 4000, endMs: 5200, wordStart: 9, wordEnd: 13 };
const other: Sentence = { index: 5, text: 'I said so.', startMs: 9000, endMs: 9800, wordStart: 20, wordEnd: 23 };

describe('toggleItem', () => {
  it('ticks an item on a take without a checklist', () => {
    const state = toggleItem(undefined, 'honesty.mistake', 100);
    expect(state).toEqual({ ticks: [{ itemId: 'honesty.mistake' }], updatedAt: 100 });
    expect(isTicked(state, 'honesty.mistake')).toBe(true);
    expect(isTicked(state, 'honesty.other')).toBe(false);
    expect(isTicked(undefined, 'honesty.mistake')).toBe(false);
  });

  it('unticks a ticked item, removing its evidence, and leaves other ticks alone', () => {
    let state = attachEvidence(undefined, 'honesty.mistake', sentence, 100);
    state = toggleItem(state, 'candour.early', 200);
    state = toggleItem(state, 'honesty.mistake', 300);
    expect(state).toEqual({ ticks: [{ itemId: 'candour.early' }], updatedAt: 300 });
    expect(evidenceFor(state, 'honesty.mistake')).toBeUndefined();
    // Ticking it again starts without evidence.
    state = toggleItem(state, 'honesty.mistake', 400);
    expect(isTicked(state, 'honesty.mistake')).toBe(true);
    expect(evidenceFor(state, 'honesty.mistake')).toBeUndefined();
  });

  it('does not change the state it is given', () => {
    const before: TakeChecklist = { ticks: [{ itemId: 'a.b' }], updatedAt: 1 };
    const copy = structuredClone(before);
    toggleItem(before, 'a.b', 2);
    toggleItem(before, 'a.c', 2);
    attachEvidence(before, 'a.b', sentence, 2);
    expect(before).toEqual(copy);
  });
});

describe('attachEvidence and detachEvidence', () => {
  it('attaching ticks an unticked item and stores the sentence index with a copy of its text and times', () => {
    const state = attachEvidence(undefined, 'honesty.mistake', sentence, 100);
    expect(isTicked(state, 'honesty.mistake')).toBe(true);
    expect(evidenceFor(state, 'honesty.mistake')).toEqual({ sentenceIndex: 2, text: 'It was my mistake.', startMs: 4000, endMs: 5200 });
    expect(evidenceFrom(sentence)).toEqual(evidenceFor(state, 'honesty.mistake'));
    expect(state.updatedAt).toBe(100);
  });

  it('attaching to a ticked item replaces its evidence, keeping its place', () => {
    let state = toggleItem(undefined, 'a.one', 1);
    state = attachEvidence(state, 'a.two', sentence, 2);
    state = attachEvidence(state, 'a.one', sentence, 3);
    state = attachEvidence(state, 'a.one', other, 4);
    expect(state.ticks.map((tick) => [tick.itemId, tick.evidence?.sentenceIndex])).toEqual([
      ['a.one', 5],
      ['a.two', 2],
    ]);
  });

  it('detaching removes the evidence and keeps the tick', () => {
    const state = detachEvidence(attachEvidence(undefined, 'a.one', sentence, 1), 'a.one', 2);
    expect(state).toEqual({ ticks: [{ itemId: 'a.one' }], updatedAt: 2 });
  });

  it('detaching nothing changes nothing', () => {
    const state = toggleItem(undefined, 'a.one', 1);
    expect(detachEvidence(state, 'a.one', 2)).toBe(state);
    expect(detachEvidence(state, 'a.missing', 2)).toBe(state);
    expect(detachEvidence(undefined, 'a.one', 2)).toEqual({ ticks: [], updatedAt: 2 });
  });
});

describe('checklistScore', () => {
  it('counts only the given items', () => {
    let state = attachEvidence(undefined, 'honesty.mistake', sentence, 1);
    state = toggleItem(state, 'honesty.learned', 2);
    state = attachEvidence(state, 'scale.numbers', other, 3); // not probed by the question
    const probed = ['honesty.mistake', 'honesty.learned', 'honesty.fixed', 'candour.early'];
    expect(checklistScore(state, probed)).toEqual({ ticked: 2, total: 4, withEvidence: 1 });
  });

  it('scores a take without a checklist as nothing ticked', () => {
    expect(checklistScore(undefined, ['a.one', 'a.two'])).toEqual({ ticked: 0, total: 2, withEvidence: 0 });
    expect(checklistScore(undefined, [])).toEqual({ ticked: 0, total: 0, withEvidence: 0 });
  });

  it('counts an id given twice, or ticked twice in stored data, once', () => {
    const state: TakeChecklist = { ticks: [{ itemId: 'a.one' }, { itemId: 'a.one', evidence: evidenceFrom(sentence) }], updatedAt: 1 };
    expect(checklistScore(state, ['a.one', 'a.one', 'a.two'])).toEqual({ ticked: 1, total: 2, withEvidence: 0 });
  });
});
