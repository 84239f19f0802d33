// WebVTT subtitles: the "WEBVTT" header (alone for an empty transcript), a blank line, then cues "HH:MM:SS.mmm --> HH:MM:SS.mmm" with their
// lines, a blank line between cues; "\n" line ends. Cues follow cues.ts. The text is escaped: "&" → "&amp;",
// "<" → "&lt;", ">" → "&gt;", so no tag, entity or "-->" can appear in it.
import { transcriptCues } from './cues';
import { srtTime } from './srt';
import type { ExportTake } from './types';

/** "01:02:03.456". */
export function vttTime(ms: number): string {
  return srtTime(ms).replace(',', '.');
}

export function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function exportVtt(take: ExportTake): string {
  const cues = transcriptCues(take.transcript).map(
    (cue) => `${vttTime(cue.startMs)} --> ${vttTime(cue.endMs)}\n${cue.lines.map(escapeVtt).join('\n')}\n`,
  );
  return cues.length > 0 ? `WEBVTT\n\n${cues.join('\n')}` : 'WEBVTT\n';
}
