// The guards against the engine's known failure modes, run on each chunk's transcript once its times are
// on the take's timeline (take-transcriber.ts), and on a whole file's (the CLI). Order matters:
// annotations go first (a "[BLANK_AUDIO]" line is neither text in silence nor a repeat worth flagging),
// times next (a segment past the end of the audio is clamped to it, where the gate finds no speech),
// then text in silence, then loops. What each guard did is counted, for the person to see.
import type { TranscriptionGuards } from '../../../shared/contract';
import type { SpeechRegion } from '../speech-gate';
import type { Transcript } from '../transcript';
import { removeAnnotations } from './annotations';
import { removeRepeats } from './repeats';
import { dropSilentSegments } from './silence';
import { fixTimes } from './times';

export function noGuards(): TranscriptionGuards {
  return { repeatsRemoved: 0, silentSegmentsDropped: 0, timesFixed: 0, annotationsRemoved: 0, wordsDoubledAtCuts: 0, checkSpans: [] };
}

export function addGuards(a: TranscriptionGuards, b: TranscriptionGuards): TranscriptionGuards {
  return {
    repeatsRemoved: a.repeatsRemoved + b.repeatsRemoved,
    silentSegmentsDropped: a.silentSegmentsDropped + b.silentSegmentsDropped,
    timesFixed: a.timesFixed + b.timesFixed,
    annotationsRemoved: a.annotationsRemoved + b.annotationsRemoved,
    wordsDoubledAtCuts: a.wordsDoubledAtCuts + b.wordsDoubledAtCuts,
    checkSpans: [...a.checkSpans, ...b.checkSpans].sort((x, y) => x.startMs - y.startMs),
  };
}

export interface GuardInput {
  /** The audio the transcript came from, on the transcript's timeline (a chunk within the take). */
  fromMs: number;
  toMs: number;
  /** The speech gate's regions on that timeline. */
  speech: readonly SpeechRegion[];
}

export function guardTranscript(transcript: Transcript, input: GuardInput): { transcript: Transcript; guards: TranscriptionGuards } {
  const annotations = removeAnnotations(transcript);
  const times = fixTimes(annotations.transcript, input);
  const silence = dropSilentSegments(times.transcript, input.speech);
  const repeats = removeRepeats(silence.transcript);
  return {
    transcript: repeats.transcript,
    guards: {
      repeatsRemoved: repeats.removed,
      silentSegmentsDropped: silence.dropped,
      timesFixed: times.fixed,
      annotationsRemoved: annotations.removed,
      wordsDoubledAtCuts: 0,
      checkSpans: repeats.spans,
    },
  };
}
