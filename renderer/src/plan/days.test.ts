import { describe, expect, it } from 'vitest';
import { addDays, dayKey, daysBetween, dayStart, isDayKey } from './days';

describe('calendar days', () => {
  it('names the local day of an instant, also just before and after midnight', () => {
    expect(dayKey(new Date(2026, 11, 4, 23, 59).getTime())).toBe('2026-12-04');
    expect(dayKey(new Date(2026, 11, 5, 0, 0).getTime())).toBe('2026-12-05');
    expect(dayStart('2026-12-05')).toBe(new Date(2026, 11, 5).getTime());
  });

  it('counts whole days across month and year ends, and backwards', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isDayKey('2026-12-05')).toBe(true);
    expect(isDayKey('2026-02-30')).toBe(false);
    expect(isDayKey('5/12/2026')).toBe(false);
    expect(isDayKey('')).toBe(false);
  });
});
