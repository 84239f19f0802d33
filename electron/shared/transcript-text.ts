// A transcript as plain text: shared by main (CLI output), the renderer (search) and the exporters.
import type { Transcript } from './contract';

/** The transcript as plain text, one segment per line. */
export function transcriptText(transcript: Transcript): string {
  return transcript.segments.map((segment) => segment.text).join('\n');
}
