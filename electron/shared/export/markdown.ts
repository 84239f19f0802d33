// Markdown (CommonMark, GitHub tables): the question as the heading ("Transcript" without one), a meta line
// (stage, category, target, recording date and length), the transcript as paragraphs starting "**[0:05]**",
// the checklist as task-list items "- [x] item" grouped under "### principle", each item's evidence quoted
// below it ("> “sentence” (0:12)"), and the metrics as a table (metrics.ts).
//
// User text (question, stage, category, transcript, checklist) is put on one line and escaped with
// escapeMarkdown, so it reads as written and can make no heading, list, link, HTML, table cell or emphasis.
import { metricRows, takeMetrics } from './metrics';
import { formatClock, formatDateTime, formatLength, oneLine, textSegments } from './text';
import { followUpOfText, type ExportChecklistItem, type ExportTake } from './types';

/**
 * Backslash-escapes the characters that mean something inline (\ ` * _ [ ] < > # | ~ $, and "&" before an
 * entity), and a line-start "-", "+", "=" or "1." / "1)" that would start a list or underline a heading.
 * Newlines become spaces first.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>#|~$]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function meta(take: ExportTake): string {
  const parts: string[] = [];
  const q = take.question;
  if (q) {
    if (oneLine(q.stage)) parts.push(`Stage: ${escapeMarkdown(q.stage)}`);
    if (oneLine(q.category)) parts.push(`Category: ${escapeMarkdown(q.category)}`);
    if (Number.isFinite(q.targetSec) && q.targetSec > 0) parts.push(`Target: ${formatLength(q.targetSec * 1000)}`);
  }
  if (take.take) {
    const date = formatDateTime(take.take.startedAt);
    if (date) parts.push(`Recorded: ${date}`);
    if (Number.isFinite(take.take.durationMs)) parts.push(`Length: ${formatLength(take.take.durationMs)}`);
  }
  return parts.join(' · ');
}

function checklist(items: readonly ExportChecklistItem[]): string[] {
  const groups = new Map<string, ExportChecklistItem[]>();
  for (const item of items) {
    const principle = oneLine(item.principle);
    groups.set(principle, [...(groups.get(principle) ?? []), item]);
  }
  const out: string[] = [];
  for (const [principle, group] of groups) {
    if (principle !== '') out.push(`### ${escapeMarkdown(principle)}`, '');
    for (const item of group) {
      out.push(`- [${item.ticked ? 'x' : ' '}] ${escapeMarkdown(item.item)}`);
      if (item.evidence && oneLine(item.evidence.text) !== '')
        out.push(`  > “${escapeMarkdown(item.evidence.text)}” (${formatClock(item.evidence.startMs)})`);
    }
    out.push('');
  }
  return out;
}

export function exportMarkdown(take: ExportTake): string {
  const title = take.question && oneLine(take.question.text) !== '' ? escapeMarkdown(take.question.text) : 'Transcript';
  const out: string[] = [`# ${title}`, ''];
  const followUp = followUpOfText(take, escapeMarkdown);
  if (followUp) out.push(`_${followUp}_`, '');
  const line = meta(take);
  if (line) out.push(line, '');

  out.push('## Transcript', '');
  const segments = textSegments(take);
  if (segments.length === 0) out.push('_Nothing was transcribed._', '');
  for (const segment of segments) out.push(`**[${formatClock(segment.startMs)}]** ${escapeMarkdown(segment.text)}`, '');

  if (take.checklist && take.checklist.length > 0) out.push('## Checklist', '', ...checklist(take.checklist));

  out.push('## Metrics', '', '| Metric | Value |', '| --- | --- |');
  for (const row of metricRows(takeMetrics(take))) out.push(`| ${row.label} | ${escapeMarkdown(row.value)} |`);
  return `${out.join('\n')}\n`;
}
