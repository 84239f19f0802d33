// SubRip subtitles: numbered cues from 1, "HH:MM:SS,mmm --> HH:MM:SS,mmm", the cue's lines, a blank line
// between cues; "\n" line ends. Cues follow cues.ts. SRT has no escapes: the text is written as said, except
// that "-->" (which some players read as a timing line) is written "->". Tags such as "<b>" are left as
// text; players that render SRT formatting may show them as formatting.
import { transcriptCues } from './cues';
import type { ExportTake } from './types';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "01:02:03,456" (hours grow past two digits for takes of 100 h and more). */
export function srtTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)},${pad(total % 1000, 3)}`;
}

export function exportSrt(take: ExportTake): string {
  return transcriptCues(take.transcript)
    .map(
      (cue, i) =>
        `${i + 1}\n${srtTime(cue.startMs)} --> ${srtTime(cue.endMs)}\n${cue.lines.map((line) => line.replace(/-->/g, '->')).join('\n')}\n`,
    )
    .join('\n');
}
