// Small text helpers shared by the exporters: whitespace, segment text and human-readable times.
import type { Segment } from '../contract';
import type { ExportTake } from './types';

/** Whitespace runs (newlines and tabs too) as one space, trimmed: user text stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A segment's text on one line; its words joined when whisper left the text empty. */
export function segmentText(segment: Segment): string {
  const text = oneLine(segment.text);
  return text !== '' ? text : oneLine(segment.words.map((word) => word.text.trim()).join(' '));
}

/** The segments that have something to say, with their text. */
export function textSegments(take: ExportTake): { startMs: number; text: string }[] {
  return take.transcript.segments.map((segment) => ({ startMs: segment.startMs, text: segmentText(segment) })).filter((s) => s.text !== '');
}

function wholeSeconds(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
}

/** A position in the take: "0:05", "12:34", "1:02:03" (whole seconds, rounded down). */
export function formatClock(ms: number): string {
  const total = wholeSeconds(ms);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A length: "45 s", "1 min 52 s", "2 h 0 min" — for meta lines. */
export function formatLength(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.round(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** "2026-11-21 14:05" in local time, or null for a time that is not a date. */
export function formatDateTime(epochMs: number): string | null {
  if (!Number.isFinite(epochMs)) return null;
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
