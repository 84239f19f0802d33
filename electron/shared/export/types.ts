// What an export is made of: one take's transcript and, when the app knows them, its question, the take's
// recording facts, the checklist a person ticked and the fillers heard in its audio. The CLI only has a
// transcript; the app has all five. Pure: runs in the renderer and in Node.
import type { FillerChoice } from '../analytics/heard-fillers';
import type { Hesitation, Transcript } from '../contract';
import { formatDateTime } from './text';

export interface ExportQuestion {
  id: string;
  text: string;
  category: string;
  stage: string;
  /** The answer's target length in seconds. */
  targetSec: number;
}

export interface ExportTakeInfo {
  id: string;
  /** When recording started, epoch ms. */
  startedAt: number;
  /** The recorded audio's length in ms. */
  durationMs: number;
}

export interface ExportChecklistItem {
  principle: string;
  item: string;
  ticked: boolean;
  /** The sentence that shows the item was done, and where it starts in the take. */
  evidence?: { text: string; startMs: number };
}

/** What was heard in the take's audio (hesitations null: not listened to yet) and what the person said of it. */
export interface ExportHeard {
  hesitations: Hesitation[] | null;
  choices?: FillerChoice[];
}

/** For a take that answered a follow-up: the question it followed up on, and the take answering that. */
export interface ExportFollowUpOf {
  questionId: string;
  questionText: string;
  takeId: string;
  /** When that take started, epoch ms; absent when it has been deleted. */
  takeStartedAt?: number;
}

export interface ExportTake {
  transcript: Transcript;
  /** For a follow-up take, the follow-up (its text and shorter target), with `followUpOf` saying what it followed. */
  question?: ExportQuestion;
  followUpOf?: ExportFollowUpOf;
  take?: ExportTakeInfo;
  checklist?: ExportChecklistItem[];
  /** Without it (the CLI) the audio counts as not listened to: fillers are the transcript's alone. */
  heard?: ExportHeard;
}

export const EXPORT_FORMATS = ['txt', 'txt-timed', 'md', 'srt', 'vtt', 'json', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Every format but pdf is text, UTF-8 encoded. */
export type TextExportFormat = Exclude<ExportFormat, 'pdf'>;

export interface ExportFormatInfo {
  /** File name extension, without the dot. */
  extension: string;
  mime: string;
  /** For a format picker. */
  label: string;
}

export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  txt: { extension: 'txt', mime: 'text/plain;charset=utf-8', label: 'Plain text' },
  'txt-timed': { extension: 'txt', mime: 'text/plain;charset=utf-8', label: 'Plain text with timestamps' },
  md: { extension: 'md', mime: 'text/markdown;charset=utf-8', label: 'Markdown' },
  srt: { extension: 'srt', mime: 'application/x-subrip;charset=utf-8', label: 'Subtitles (SRT)' },
  vtt: { extension: 'vtt', mime: 'text/vtt;charset=utf-8', label: 'Subtitles (WebVTT)' },
  json: { extension: 'json', mime: 'application/json', label: 'JSON (word timing)' },
  csv: { extension: 'csv', mime: 'text/csv;charset=utf-8', label: 'Spreadsheet (CSV)' },
  pdf: { extension: 'pdf', mime: 'application/pdf', label: 'PDF' },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

const MAX_SLUG = 60;

/**
 * A file name safe on every file system: lower-case ASCII letters, digits and "-" (accents dropped,
 * "Wrong decision?" → "wrong-decision"), at most 60 characters; "" when nothing is left.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '');
}

/** 'Follow-up to “question” (answer of 2026-11-21 14:05)', or null for a take that is not a follow-up. */
export function followUpOfText(take: ExportTake, quote: (text: string) => string = (text) => text): string | null {
  const of = take.followUpOf;
  if (!of) return null;
  const date = of.takeStartedAt === undefined ? null : formatDateTime(of.takeStartedAt);
  return `Follow-up to “${quote(of.questionText)}” (${date ? `answer of ${date}` : `answer ${of.takeId}, since deleted`})`;
}

/** "2026-11-21-1405": the take's start in local time (the time the person saw on their clock). */
export function fileDate(epochMs: number): string | null {
  return formatDateTime(epochMs)?.replace(' ', '-').replace(':', '') ?? null;
}

/**
 * "2026-11-21-1405-wrong-decision.srt": the take's local start date and time (left out without a take),
 * then the slug of the question id, or "transcript" without a question (or when its id has no usable
 * characters). Only [a-z0-9-.] are used.
 */
export function exportFileName(take: ExportTake, format: ExportFormat): string {
  const date = take.take ? fileDate(take.take.startedAt) : null;
  const slug = (take.question && slugify(take.question.id)) || 'transcript';
  return `${date ? `${date}-` : ''}${slug}.${EXPORT_FORMAT_INFO[format].extension}`;
}
