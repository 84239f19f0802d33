// Plain text. `txt`: each segment's text as a paragraph (a blank line between paragraphs). `txt-timed`: one
// line per segment, "[0:05] text", the time being where the segment starts. Segments with no text are left
// out; an empty transcript gives "". Ends with a newline otherwise.
import { formatClock, textSegments } from './text';
import type { ExportTake } from './types';

export function exportTxt(take: ExportTake): string {
  const paragraphs = textSegments(take).map((segment) => segment.text);
  return paragraphs.length > 0 ? `${paragraphs.join('\n\n')}\n` : '';
}

export function exportTimedTxt(take: ExportTake): string {
  const lines = textSegments(take).map((segment) => `[${formatClock(segment.startMs)}] ${segment.text}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
