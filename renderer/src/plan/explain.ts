// The plan in words: why a question is on today's list, and how far away the interview is. Pure.
import { formatClock } from '../ui/format';
import type { PlanItem } from './day-plan';
import { daysBetween, type DayKey } from './days';
import type { TakeGrade } from './take-grade';

/** e.g. "Never answered", "Last take: 0:12 of 1:45 · 1 of 4 checklist items ticked", "Last take was good, 2 days ago". */
export function itemReason(item: PlanItem, today: DayKey): string {
  if (item.state.kind === 'new') return 'Never answered';
  const ago = agoText(daysBetween(item.state.lastDay, today));
  if (item.state.last.good) return `Last take was good, ${ago}: due again`;
  return `Last take, ${ago}: ${gradeProblems(item.state.last).join(' · ')}`;
}

/** What kept a take from being good, one phrase per failed check. */
export function gradeProblems(grade: TakeGrade): string[] {
  const problems: string[] = [];
  const { length, checklist, fillers } = grade;
  if (!length.pass) {
    const side = length.ratio < 1 ? 'short' : 'long';
    problems.push(`too ${side} (${formatClock(length.durationMs)} for a ${formatClock(length.targetMs)} target)`);
  }
  if (checklist && !checklist.pass) {
    problems.push(
      checklist.ticked === 0
        ? `no checklist item ticked (of ${checklist.total})`
        : `${checklist.ticked} of ${checklist.total} checklist items ticked`,
    );
  }
  if (fillers && !fillers.pass) problems.push(`${fillers.perMin.toFixed(1)} fillers a minute`);
  return problems;
}

export function agoText(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** "tomorrow", "in 5 days". */
export function inDaysText(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/** A day as a person reads it, e.g. "Friday 4 December 2026". */
export function formatDay(day: DayKey, locale?: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
