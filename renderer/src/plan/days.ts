// Calendar days as the person lives them: "YYYY-MM-DD" in the computer's own time zone. The plan counts
// whole days between such keys, never milliseconds, so a day is a day across daylight-saving changes.
// Pure.

/** A calendar day, "YYYY-MM-DD". */
export type DayKey = string;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The local calendar day of an instant. */
export function dayKey(epochMs: number): DayKey {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whether `value` is a real calendar day written "YYYY-MM-DD" (not 2026-02-30). */
export function isDayKey(value: string): value is DayKey {
  const match = DAY_KEY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Local midnight at the start of the day. */
export function dayStart(day: DayKey): number {
  const [y, m, d] = parts(day);
  return new Date(y, m - 1, d).getTime();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
  return Math.round((utc(to) - utc(from)) / MS_PER_DAY);
}

export function addDays(day: DayKey, days: number): DayKey {
  const date = new Date(utc(day) + days * MS_PER_DAY);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function parts(day: DayKey): [number, number, number] {
  const match = DAY_KEY.exec(day);
  if (!match) throw new Error(`not a day: "${day}" (want YYYY-MM-DD)`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function utc(day: DayKey): number {
  const [y, m, d] = parts(day);
  return Date.UTC(y, m - 1, d);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
