// What a transcription produces: segments (whisper's sentence-ish spans) with word timing, all times in
// ms from the start of the audio. The same shape is the CLI's `--json` output and the contract's
// Transcript (electron/shared/contract.ts), where the types are defined once.

import type { Transcript } from '../../shared/contract';

export type { Segment, Transcript, Word } from '../../shared/contract';
export { transcriptText } from '../../shared/transcript-text';

/** The transcript with every time moved by `ms` (a chunk's transcript placed at the chunk's start). */
export function offsetTranscript(transcript: Transcript, ms: number): Transcript {
  return {
    segments: transcript.segments.map((segment) => ({
      ...segment,
      startMs: segment.startMs + ms,
      endMs: segment.endMs + ms,
      words: segment.words.map((word) => ({ ...word, startMs: word.startMs + ms, endMs: word.endMs + ms })),
    })),
  };
}

/**
 * Joins transcripts that are already on one timeline (see offsetTranscript) into one, in time order.
 * Array sort is stable, so segments that start together keep the order of `parts`. Nothing is dropped
 * or de-duplicated: chunks are expected not to overlap.
 */
export function mergeTranscripts(parts: readonly Transcript[]): Transcript {
  return { segments: parts.flatMap((part) => part.segments).sort((a, b) => a.startMs - b.startMs) };
}
