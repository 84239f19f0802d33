import { describe, expect, it } from 'vitest';
import { countdown, countdownText, againstTarget } from './countdown';

describe('countdown to the target', () => {
  it('is calm for the first three quarters, amber for the last quarter, red from the target on', () => {
    const target = 100_000;
    expect(countdown(0, target).phase).toBe('calm');
    expect(countdown(74_999, target).phase).toBe('calm');
    expect(countdown(75_000, target).phase).toBe('amber');
    expect(countdown(99_999, target).phase).toBe('amber');
    expect(countdown(100_000, target).phase).toBe('red');
    expect(countdown(250_000, target).phase).toBe('red');
  });

  it('reads as time left, then time over', () => {
    expect(countdownText(countdown(0, 105_000))).toBe('1:45 left');
    expect(countdownText(countdown(44_200, 105_000))).toBe('1:01 left');
    expect(countdownText(countdown(105_000, 105_000))).toBe('0:00 left');
    expect(countdownText(countdown(105_999, 105_000))).toBe('0:00 over');
    expect(countdownText(countdown(117_400, 105_000))).toBe('0:12 over');
    expect(countdownText(countdown(180_000, 105_000))).toBe('1:15 over');
  });
});

describe('a finished take against its target', () => {
  it('reads as "of" the target, with the time over only past it, and is never amber', () => {
    expect(againstTarget(40_900, 105_000)).toEqual({ text: 'of 1:45', phase: 'calm' });
    expect(againstTarget(100_000, 105_000)).toEqual({ text: 'of 1:45', phase: 'calm' });
    expect(againstTarget(105_000, 105_000)).toEqual({ text: 'of 1:45', phase: 'calm' });
    expect(againstTarget(117_400, 105_000)).toEqual({ text: 'of 1:45 · 0:12 over', phase: 'red' });
    expect(againstTarget(1_200, 10_000)).toEqual({ text: 'of 0:10', phase: 'calm' });
  });
});
