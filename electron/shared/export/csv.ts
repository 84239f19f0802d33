// CSV (RFC 4180): a header row, then one row per take; CRLF after every row, the last included. A field is
// quoted when it holds a comma, a double quote, CR or LF, and its double quotes are doubled. No byte order
// mark. Numbers are written as JavaScript prints them (no thousands separators); an unknown value is empty.
// The date is the take's start as an ISO 8601 UTC timestamp. filler_count is transcribed + confirmed heard
// fillers (transcribed_filler_count + confirmed_filler_count); heard_filler_count, the heard ones not
// confirmed, is empty when the audio was not listened to.
//
// Formula injection: spreadsheets run a cell that starts with "=", "+", "-" or "@" as a formula, also after
// leading spaces, tabs or line breaks, and some read the full-width signs (＝＋－＠) the same way. Text
// columns (take_id, date, question, category, stage) that start with one of those, or with a tab, CR or LF,
// get a "'" in front, which spreadsheets show as text. Number columns are never prefixed.
import { takeMetrics } from './metrics';
import type { ExportTake } from './types';

export const CSV_COLUMNS = [
  'take_id',
  'date',
  'question',
  'category',
  'stage',
  'duration_ms',
  'target_sec',
  'word_count',
  'speech_ms',
  'wpm',
  'filler_count',
  'fillers_per_min',
  'transcribed_filler_count',
  'confirmed_filler_count',
  'heard_filler_count',
  'long_pause_count',
  'think_time_ms',
  'hedge_count',
  'calibrated_count',
  'i_count',
  'we_count',
  'checklist_ticked',
  'checklist_items',
  'follow_up_of_take_id',
  'follow_up_of_question',
] as const;

const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A text cell: "'" before a formula-like start. */
export function csvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 quoting. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function num(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function isoDate(epochMs: number | undefined): string {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return '';
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function row(take: ExportTake): string[] {
  const m = takeMetrics(take);
  const q = take.question;
  const text = [take.take?.id ?? '', isoDate(take.take?.startedAt), q?.text ?? '', q?.category ?? '', q?.stage ?? ''].map(csvText);
  const checklist = take.checklist;
  return [
    ...text,
    num(m.durationMs),
    num(m.targetSec),
    num(m.wordCount),
    num(m.speechMs),
    num(m.wpm),
    num(m.fillerCount),
    num(m.fillersPerMin),
    num(m.transcribedFillerCount),
    num(m.confirmedFillerCount),
    num(m.heardFillerCount),
    num(m.longPauseCount),
    num(m.thinkTimeMs),
    num(m.hedgeCount),
    num(m.calibratedCount),
    num(m.iCount),
    num(m.weCount),
    checklist ? String(checklist.filter((item) => item.ticked).length) : '',
    checklist ? String(checklist.length) : '',
    ...[take.followUpOf?.takeId ?? '', take.followUpOf?.questionText ?? ''].map(csvText),
  ];
}

export function exportCsv(takes: readonly ExportTake[]): string {
  return [[...CSV_COLUMNS], ...takes.map(row)].map((cells) => `${cells.map(csvField).join(',')}\r\n`).join('');
}
