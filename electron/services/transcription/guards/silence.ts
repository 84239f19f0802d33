// Text in silence: near silence a decoder writes lines it has seen at the end of videos ("Thank you for
// watching", "Subtitles by…"). A segment whose time span holds (almost) no speech by the app's own speech
// gate (speech-gate.ts, the same regions that chose what to send to the engine) is dropped.
import { speechMsIn, type SpeechRegion } from '../speech-gate';
import type { Transcript } from '../transcript';

/**
 * Less speech than this in a segment's span and it is dropped: 100 ms is 5 of the gate's 20 ms frames,
 * shorter than any spoken word with the gate's padding around it. A segment of zero length (times that
 * fell past the end of the audio, or into a gap between spliced regions) holds no speech either.
 */
export const MIN_SEGMENT_SPEECH_MS = 100;

export function dropSilentSegments(
  transcript: Transcript,
  speech: readonly SpeechRegion[],
  minSpeechMs = MIN_SEGMENT_SPEECH_MS,
): { transcript: Transcript; dropped: number } {
  const segments = transcript.segments.filter((segment) => speechMsIn(speech, segment.startMs, segment.endMs) >= minSpeechMs);
  return { transcript: { segments }, dropped: transcript.segments.length - segments.length };
}
