import { describe, expect, it } from 'vitest';
import { assessAgainstNorm, NORMS, normFor } from './norms';

describe('norms', () => {
  it('has the three norms with their ranges, labels and a plain source each', () => {
    expect(NORMS.map(({ metric, low, high }) => ({ metric, low, high }))).toEqual([
      { metric: 'wpm', low: 110, high: 150 },
      { metric: 'fillersPerMin', low: undefined, high: 1 },
      { metric: 'durationMs', low: 60_000, high: 120_000 },
    ]);
    expect(normFor('wpm')?.label).toBe('Conversational pace 110-150 words per minute');
    expect(normFor('fillersPerMin')?.label).toBe('Around 1 filler per minute (1 per 110-150 words at a conversational pace)');
    // fluent speech's filler rates are quoted per 100 words: the note says so, and that 1 per minute is a rule of thumb
    expect(normFor('fillersPerMin')?.source).toMatch(/rule of thumb.*per 100 words, not per minute/);
    expect(normFor('durationMs')).toMatchObject({ label: 'Behavioural answers run 1-2 minutes', appliesTo: 'behavioural' });
    for (const norm of NORMS) expect(norm.source.length).toBeGreaterThan(20);
  });

  it('assesses values against the bounds, bounds included', () => {
    expect(assessAgainstNorm('wpm', 109.9)).toBe('below');
    expect(assessAgainstNorm('wpm', 110)).toBe('within');
    expect(assessAgainstNorm('wpm', 150)).toBe('within');
    expect(assessAgainstNorm('wpm', 150.1)).toBe('above');
    expect(assessAgainstNorm('fillersPerMin', 0)).toBe('within');
    expect(assessAgainstNorm('fillersPerMin', 1)).toBe('within');
    expect(assessAgainstNorm('fillersPerMin', 1.1)).toBe('above');
    expect(assessAgainstNorm('durationMs', 59_999)).toBe('below');
    expect(assessAgainstNorm('durationMs', 120_001)).toBe('above');
  });

  it('is null without a value', () => {
    expect(assessAgainstNorm('wpm', null)).toBeNull();
    expect(assessAgainstNorm('wpm', undefined)).toBeNull();
    expect(assessAgainstNorm('wpm', Number.NaN)).toBeNull();
  });
});
